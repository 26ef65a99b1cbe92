//! `bosun version compare` through the command line.

mod common;

use common::{bosun, bosun_stdin, tree};

#[test]
fn compares_two_versions_under_an_ecosystems_rules() {
    let dir = tree(&[]);
    for (ecosystem, a, b, expected) in [
        ("npm", "1.2.3-beta.2", "1.2.3-beta.11", "<"),
        ("Debian:12", "1:1.0", "2.0", ">"),
        ("Alpine:v3.20", "1.2.3_rc1-r0", "1.2.3-r0", "<"),
        ("Red Hat", "1.0~rc1", "1.0", "<"),
        ("PyPI", "1.0", "1.0.0", "="),
        ("Maven", "1.0-alpha-1", "1.0", "<"),
        ("Go", "v1.2.3", "v1.10.0", "<"),
        ("RubyGems", "1.0.0.pre", "1.0.0", "<"),
        ("NuGet", "1.0", "1.0.0.0", "="),
        ("Packagist", "v2.0.0-RC1", "2.0.0", "<"),
    ] {
        let output = bosun(dir.path(), &["version", "compare", ecosystem, a, b]);
        assert_eq!(output.status.code(), Some(0), "{ecosystem}");
        assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), expected, "{ecosystem}: {a} vs {b}");
    }
}

#[test]
fn reads_questions_on_stdin_and_keeps_answers_aligned() {
    let dir = tree(&[]);
    let input = "npm\t2.0.0\t1.0.0\nbogus\t1\t2\nPyPI\t1.0.post1\t1.0\nnot a question\n";
    let output = bosun_stdin(dir.path(), &["version", "compare"], input.as_bytes());
    let lines: Vec<String> = String::from_utf8_lossy(&output.stdout).lines().map(String::from).collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0], ">");
    assert!(lines[1].starts_with("error: unknown ecosystem 'bogus'"));
    assert_eq!(lines[2], ">");
    assert!(lines[3].starts_with("error: line 4"));
    assert_eq!(output.status.code(), Some(2), "a bad line makes the exit code say so");
}

#[test]
fn unknown_ecosystems_and_partial_arguments_are_usage_errors() {
    let dir = tree(&[]);
    assert_eq!(bosun(dir.path(), &["version", "compare", "cobol", "1", "2"]).status.code(), Some(2));
    assert_eq!(bosun(dir.path(), &["version", "compare", "npm", "1"]).status.code(), Some(2));
}
