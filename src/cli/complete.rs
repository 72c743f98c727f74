//! Shell completion: clap's scripts for every shell, and for bash, zsh and fish a wrapper
//! that completes event ids after `show` by calling the hidden `complete-ids` command
//! (with the `--data`, `--no-bundled` and `--no-user-events` flags already typed).

use std::io::Write;

use clap::CommandFactory;

use super::commands::write_stdout;
use super::{Cli, Failure};
use crate::model::load::LoadOptions;
use crate::paths::Paths;

/// Bash: words before the cursor decide; options that take a value skip it.
const BASH: &str = r#"
# Event ids after `show`, from `cyberdiplo complete-ids`.
_cyberdiplo_ids() {
    local cur="${COMP_WORDS[COMP_CWORD]}" word sub="" skip="" i
    local -a forward=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${COMP_WORDS[i]}"
        if [[ -n $skip ]]; then
            [[ $skip == --data ]] && forward+=(--data "$word")
            skip=""
            continue
        fi
        case "$word" in
            --data|--lang|--today|-q|--query) skip="$word" ;;
            --data=*|--no-bundled|--no-user-events) forward+=("$word") ;;
            -*) ;;
            *) [[ -z $sub ]] && sub="$word" ;;
        esac
    done
    if [[ $sub == show && $cur != -* ]]; then
        compopt +o default +o bashdefault 2>/dev/null
        local IFS=$'\n'
        COMPREPLY=($(cyberdiplo "${forward[@]}" complete-ids -- "$cur" 2>/dev/null))
        return 0
    fi
    _cyberdiplo "$@"
}
complete -F _cyberdiplo_ids -o nosort -o bashdefault -o default cyberdiplo
"#;

/// Zsh: clap's `_cyberdiplo` becomes `_cyberdiplo_clap`, called for everything but ids.
const ZSH: &str = r#"
# Event ids after `show`, from `cyberdiplo complete-ids`.
_cyberdiplo() {
    local word sub="" skip="" i
    local -a forward ids
    for ((i = 2; i < CURRENT; i++)); do
        word=${words[i]}
        if [[ -n $skip ]]; then
            [[ $skip == --data ]] && forward+=(--data "$word")
            skip=""
            continue
        fi
        case $word in
            --data|--lang|--today|-q|--query) skip=$word ;;
            --data=*|--no-bundled|--no-user-events) forward+=("$word") ;;
            -*) ;;
            *) [[ -z $sub ]] && sub=$word ;;
        esac
    done
    if [[ $sub == show && ${words[CURRENT]} != -* ]]; then
        ids=(${(f)"$(cyberdiplo "${forward[@]}" complete-ids -- "${words[CURRENT]}" 2>/dev/null)"})
        compadd -a ids
        return
    fi
    _cyberdiplo_clap "$@"
}

if [ "$funcstack[1]" = "_cyberdiplo" ]; then
    _cyberdiplo "$@"
else
    compdef _cyberdiplo cyberdiplo
fi
"#;

/// Fish: one more completion rule for `show`, with no file names.
const FISH: &str = r#"
# Event ids after `show`, from `cyberdiplo complete-ids`.
function __fish_cyberdiplo_ids
    set -l forward
    set -l skip
    for word in (commandline -opc)[2..-1]
        if test -n "$skip"
            test "$skip" = --data; and set -a forward --data $word
            set skip
            continue
        end
        switch $word
            case --data --lang --today -q --query
                set skip $word
            case '--data=*' --no-bundled --no-user-events
                set -a forward $word
        end
    end
    cyberdiplo $forward complete-ids -- (commandline -ct) 2>/dev/null
end
complete -c cyberdiplo -n "__fish_cyberdiplo_using_subcommand show" -f -a "(__fish_cyberdiplo_ids)"
"#;

/// The completion script for `shell`.
pub(super) fn script(shell: clap_complete::Shell) -> Vec<u8> {
    use clap_complete::Shell;
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "cyberdiplo", &mut out);
    match shell {
        Shell::Bash => out.extend_from_slice(BASH.as_bytes()),
        Shell::Fish => out.extend_from_slice(FISH.as_bytes()),
        Shell::Zsh => {
            let text = String::from_utf8_lossy(&out);
            // clap's entry point ends the script; ours replaces it and calls clap's.
            let body = text
                .rsplit_once("if [ \"$funcstack[1]\" = \"_cyberdiplo\" ]; then")
                .map_or(text.as_ref(), |(body, _)| body);
            let body = body.replacen("\n_cyberdiplo() {\n", "\n_cyberdiplo_clap() {\n", 1);
            out = format!("{}{ZSH}", body.trim_end()).into_bytes();
        }
        _ => {}
    }
    out
}

/// Prints the ids of the events `options` loads that start with `prefix`, one per line;
/// load problems are not reported (a completion has nowhere to show them).
pub(super) fn ids(options: &LoadOptions, paths: &Paths, prefix: &str) -> Result<(), Failure> {
    let (catalog, _) = crate::cache::load_cached(options, paths.cache_dir.as_deref());
    let mut out = Vec::new();
    for event in catalog.events.iter().filter(|e| e.id.starts_with(prefix)) {
        writeln!(out, "{}", event.id)?;
    }
    write_stdout(&out)
}
