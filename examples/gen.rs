//! Writes a synthetic event archive: `cargo run --release --example gen -- --count N
//! [--seed S] [--lines] > FILE`. With `--lines`, one line of text per record instead of RON.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut count: usize = 1000;
    let mut seed: u64 = 1;
    let mut lines = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = |v: Option<String>| v.and_then(|v| v.parse::<u64>().ok());
        match arg.as_str() {
            "--count" => match value(args.next()) {
                Some(n) => count = n as usize,
                None => return usage("--count needs a number"),
            },
            "--seed" => match value(args.next()) {
                Some(n) => seed = n,
                None => return usage("--seed needs a number"),
            },
            "--lines" => lines = true,
            other => return usage(&format!("unknown argument `{other}`")),
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let written = if lines {
        cyberdiplo_devtools::synth::generate_lines(count, seed, &mut out)
    } else {
        cyberdiplo_devtools::synth::generate(count, seed, &mut out)
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\nusage: gen --count N [--seed S] [--lines] > FILE");
    ExitCode::from(2)
}
