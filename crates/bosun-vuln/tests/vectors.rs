//! Ordering vectors: `A <op> B` lines, one file per scheme. Ours live in
//! `tests/vectors/`; the shared developer set in `../shared/fixtures/versions/`
//! runs too when it is there (it is not on a user's machine).

use bosun_vuln::version::{Scheme, Symbol};
use std::cmp::Ordering;
use std::path::{Path, PathBuf};

const FILES: &[(&str, Scheme)] = &[
    ("semver.txt", Scheme::SemVer),
    ("go.txt", Scheme::Go),
    ("pypi.txt", Scheme::Pep440),
    ("maven.txt", Scheme::Maven),
    ("rubygems.txt", Scheme::RubyGems),
    ("nuget.txt", Scheme::NuGet),
    ("packagist.txt", Scheme::Packagist),
    ("debian.txt", Scheme::Dpkg),
    ("alpine.txt", Scheme::Apk),
    ("rpm.txt", Scheme::Rpm),
];

/// Checks every vector in `dir`; returns the failures and how many ran.
fn run(dir: &Path) -> (Vec<String>, usize) {
    let mut failures = Vec::new();
    let mut count = 0;
    for (file, scheme) in FILES {
        let Ok(text) = std::fs::read_to_string(dir.join(file)) else { continue };
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parts: Vec<&str> = line.split_whitespace().collect();
            let [a, op, b] = parts[..] else {
                failures.push(format!("{file}:{}: not `A op B`: {line}", number + 1));
                continue;
            };
            let expected = match op {
                "<" => Ordering::Less,
                "=" => Ordering::Equal,
                ">" => Ordering::Greater,
                _ => {
                    failures.push(format!("{file}:{}: unknown operator {op}", number + 1));
                    continue;
                }
            };
            count += 1;
            for (x, y, want) in [(a, b, expected), (b, a, expected.reverse())] {
                let got = scheme.compare(x, y);
                if got != want {
                    failures.push(format!(
                        "{file}:{}: {x} {} {y}, expected {}",
                        number + 1,
                        Symbol(got),
                        Symbol(want)
                    ));
                }
            }
        }
    }
    (failures, count)
}

#[test]
fn our_vectors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let (failures, count) = run(&dir);
    assert!(count >= 100, "only {count} vectors ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn shared_vectors_when_present() {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/versions");
    if !dir.is_dir() {
        eprintln!("skipped: {} is not there", dir.display());
        return;
    }
    let (failures, count) = run(&dir);
    assert!(count > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
