//! `bosun version compare`: how an ecosystem orders two versions, for people
//! debugging why an advisory does or does not match.

use crate::cli::{CompareArgs, VersionCommand};
use crate::exit;
use bosun_vuln::version::{Scheme, Symbol};
use std::io::{BufRead, Write};

pub fn run(command: VersionCommand) -> i32 {
    match command {
        VersionCommand::Compare(args) => compare(args),
    }
}

fn compare(args: CompareArgs) -> i32 {
    match (args.ecosystem, args.a, args.b) {
        (Some(ecosystem), Some(a), Some(b)) => match answer(&ecosystem, &a, &b) {
            Ok(symbol) => {
                let _ = writeln!(std::io::stdout(), "{symbol}");
                exit::CLEAN
            }
            Err(message) => {
                eprintln!("bosun: {message}");
                exit::USAGE
            }
        },
        (None, None, None) => compare_lines(),
        _ => {
            eprintln!("bosun: give ECOSYSTEM A B, or nothing to read `ECOSYSTEM<TAB>A<TAB>B` lines on stdin");
            exit::USAGE
        }
    }
}

fn answer(ecosystem: &str, a: &str, b: &str) -> Result<Symbol, String> {
    let scheme = Scheme::for_ecosystem(ecosystem).ok_or_else(|| {
        format!("unknown ecosystem '{ecosystem}' (OSV names: npm, PyPI, Maven, Go, Debian:12, ...)")
    })?;
    Ok(Symbol(scheme.compare(a, b)))
}

/// One answer line per input line; a bad line gets an `error: ...` line (so
/// answers stay aligned with questions) and the exit code says something failed.
fn compare_lines() -> i32 {
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout().lock();
    let mut code = exit::CLEAN;
    for (number, line) in stdin.lock().lines().enumerate() {
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                eprintln!("bosun: reading stdin: {e}");
                return exit::USAGE;
            }
        };
        let fields: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
        let reply = match fields[..] {
            [ecosystem, a, b] => answer(ecosystem, a, b).map(|s| s.to_string()),
            _ => Err(format!("line {}: expected ECOSYSTEM<TAB>A<TAB>B", number + 1)),
        };
        let text = reply.unwrap_or_else(|message| {
            code = exit::USAGE;
            format!("error: {message}")
        });
        if writeln!(stdout, "{text}").is_err() {
            return exit::USAGE;
        }
    }
    code
}
