//! `bosun db`: update from a real HTTP server on loopback serving the fixture
//! exports (and broken ones), import, status and query, run as the built binary.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../bosun-vuln/tests/fixtures/osv")
}

/// bosun with no proxy settings (the server is on loopback) and no cache
/// directory from the environment unless `env` gives one.
fn bosun(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bosun"));
    command.args(args).env("NO_COLOR", "1");
    for name in ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] {
        command.env_remove(name);
    }
    for name in ["BOSUN_CACHE_DIR", "XDG_CACHE_HOME"] {
        command.env_remove(name);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("bosun runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A minimal HTTP/1.1 server on 127.0.0.1 serving `<mode>/<ecosystem>/all.zip`
/// from the fixtures. Every export but PyPI's is served as it is; PyPI's as
/// `mode` says: `good` as it is, `truncated` the first half of the zip (with a
/// matching length), `cut` the first half with the full length announced (a
/// dropped connection), `error` a 500, `html` a web page.
/// Returns the base URL; the server thread ends with the test process.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = respond(stream);
        }
    });
    format!("http://{address}")
}

fn respond(mut stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" {
            break;
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let mut parts = path.trim_start_matches('/').splitn(2, '/');
    let mode = parts.next().unwrap_or("");
    let file = fixtures().join(parts.next().unwrap_or(""));
    let send = |stream: &mut TcpStream, status: &str, length: usize, body: &[u8]| -> std::io::Result<()> {
        write!(stream, "HTTP/1.1 {status}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n")?;
        stream.write_all(body)?;
        stream.flush()
    };
    let zip = match std::fs::read(&file) {
        Ok(zip) if file.ends_with("all.zip") => zip,
        _ => return send(&mut stream, "404 Not Found", 9, b"not found"),
    };
    let half = &zip[..zip.len() / 2];
    let mode = if file.starts_with(fixtures().join("PyPI")) { mode } else { "good" };
    match mode {
        "good" => send(&mut stream, "200 OK", zip.len(), &zip),
        "truncated" => send(&mut stream, "200 OK", half.len(), half),
        "cut" => send(&mut stream, "200 OK", zip.len(), half),
        "error" => send(&mut stream, "500 Internal Server Error", 5, b"oops!"),
        "html" => {
            let page = b"<!DOCTYPE html><html><body>Sign in to continue</body></html>";
            send(&mut stream, "200 OK", page.len(), page)
        }
        _ => send(&mut stream, "404 Not Found", 9, b"not found"),
    }
}

fn query_ids(db: &Path, ecosystem: &str, name: &str, version: &str) -> Vec<String> {
    let output = bosun(
        &["db", "query", ecosystem, name, version, "--db", db.to_str().unwrap(), "--format", "json"],
        &[],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let report = common::json(&output);
    assert_eq!(report["ecosystem"], ecosystem);
    assert_eq!(report["version"], version);
    report["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn update_downloads_the_exports_and_status_and_query_answer_from_them() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache/osv.db");
    let db_arg = db.to_str().unwrap();
    let source = format!("{base}/good");
    let output = bosun(
        &["db", "update", "--source", &source, "--ecosystems", "PyPI,npm,crates.io", "--db", db_arg],
        &[],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let note = stderr(&output);
    assert!(
        note.starts_with("bosun: imported 101 advisories (PyPI 35, crates.io 38, npm 28) into "),
        "{note}"
    );
    assert!(!note.contains('\r'), "no progress bar when stderr is not a terminal: {note:?}");
    // The downloads are gone; only the database is left.
    let left: Vec<String> = std::fs::read_dir(dir.path().join("cache"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    assert_eq!(left, ["osv.db"]);

    let status = bosun(&["db", "status", "--db", db_arg, "--format", "json"], &[]);
    assert!(status.status.success(), "{}", stderr(&status));
    let status = common::json(&status);
    assert_eq!(status["source"], source.as_str());
    assert_eq!(status["advisories"], 101);
    assert_eq!(status["snapshot"], "2026-06-29T14:05:53Z");
    let counts: Vec<(String, u64, u64)> = status["ecosystems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().into(),
                e["advisories"].as_u64().unwrap(),
                e["withdrawn"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts, [("PyPI".into(), 35, 2), ("crates.io".into(), 38, 1), ("npm".into(), 28, 0)]);
    assert!(status["digest"].as_str().unwrap().starts_with("sha256:"));
    assert_eq!(status["size"].as_u64().unwrap(), std::fs::metadata(&db).unwrap().len());
    assert_eq!(status["index"][0]["name"], "PyPI");

    let table = bosun(&["db", "status", "--db", db_arg], &[]);
    let table = stdout(&table);
    assert!(table.contains(&format!("source      {source}\n")), "{table}");
    assert!(table.contains("advisories  101 (3 withdrawn, 0 skipped as invalid)\n"), "{table}");
    assert!(table.contains("\nPyPI               35          2\n"), "{table}");

    // The advisories the reference implementation finds for these lockfile entries.
    assert_eq!(query_ids(&db, "PyPI", "Jinja2", "2.10"), ["PYSEC-2019-217", "PYSEC-2021-66"]);
    assert_eq!(query_ids(&db, "npm", "lodash", "4.17.10"), ["x_NSWG-ECO-493"]);
    assert!(query_ids(&db, "PyPI", "jinja2", "2.11.3").is_empty());
    let openssl = query_ids(&db, "crates.io", "openssl-src", "111.9.0+1.1.1g");
    assert!(openssl.contains(&"RUSTSEC-2021-0055".to_string()) && openssl.len() >= 10, "{openssl:?}");

    let query = bosun(&["db", "query", "PyPI", "jinja2", "2.10", "--db", db_arg], &[]);
    assert!(query.status.success());
    let text = stdout(&query);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("ID ") && lines[0].contains("SEVERITY") && lines[0].ends_with("SUMMARY"),
        "{text}"
    );
    assert!(lines[1].starts_with("PYSEC-2019-217 ") && lines[1].contains("2.10.1"), "{text}");
    assert!(lines[1].contains("CVE-2019-10906, GHSA-462w-v97r-4m45"), "{text}");
    assert!(text.ends_with("\n2 advisories affect PyPI jinja2 2.10\n"), "{text}");

    let none = bosun(&["db", "query", "PyPI", "jinja2", "3.1.4", "--db", db_arg], &[]);
    assert!(none.status.success());
    assert_eq!(stdout(&none), "no known advisory affects PyPI jinja2 3.1.4\n");

    let typo = bosun(&["db", "query", "pypi", "jinja2", "2.10", "--db", db_arg], &[]);
    assert!(typo.status.success());
    assert!(stderr(&typo).starts_with(
        "bosun: the database has no advisories for ecosystem 'pypi' (it has: PyPI, crates.io, npm)"
    ));
}

#[test]
fn a_broken_download_fails_and_the_previous_database_still_answers() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("osv.db");
    let db_arg = db.to_str().unwrap();
    let good = bosun(
        &["db", "update", "--source", &format!("{base}/good"), "--ecosystems", "PyPI", "--db", db_arg, "-q"],
        &[],
    );
    assert!(good.status.success(), "{}", stderr(&good));
    assert!(good.stderr.is_empty() && good.stdout.is_empty(), "--quiet says nothing: {}", stderr(&good));
    let before = std::fs::read(&db).unwrap();

    let cases = [
        ("truncated", "PyPI", "not a valid zip archive"),
        ("cut", "PyPI", "download interrupted"),
        ("error", "PyPI", "HTTP 500 Internal Server Error"),
        ("html", "PyPI", "not a valid zip archive"),
        ("good", "Hex", "HTTP 404 Not Found"),
    ];
    for (mode, ecosystem, reason) in cases {
        let url = format!("{base}/{mode}/{ecosystem}/all.zip");
        let source = format!("{base}/{mode}");
        // npm downloads fine first: one bad export fails the whole update.
        let list = format!("npm,{ecosystem}");
        let output =
            bosun(&["db", "update", "--source", &source, "--ecosystems", &list, "--db", db_arg], &[]);
        assert_eq!(output.status.code(), Some(2), "{mode}: {}", stderr(&output));
        let message = stderr(&output);
        let first = message.lines().next().unwrap();
        assert!(
            first.starts_with(&format!("bosun: {ecosystem} export {url}: {reason}")),
            "{mode}: {message}"
        );
        assert!(
            message.ends_with(&format!("bosun: the database at {db_arg} is unchanged\n")),
            "{mode}: {message}"
        );
        assert_eq!(std::fs::read(&db).unwrap(), before, "{mode}: the database was modified");
        assert_eq!(query_ids(&db, "PyPI", "jinja2", "2.10"), ["PYSEC-2019-217", "PYSEC-2021-66"]);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(left, ["osv.db"], "{mode}: temporary files left behind");
    }

    let nothing = tempfile::tempdir().unwrap();
    let fresh = nothing.path().join("osv.db");
    let source = format!("{base}/error");
    let output = bosun(
        &["db", "update", "--source", &source, "--ecosystems", "PyPI", "--db", fresh.to_str().unwrap()],
        &[],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).ends_with(&format!("bosun: no database was written at {}\n", fresh.display())));
}

#[test]
fn import_reads_a_directory_or_one_zip_into_the_default_location() {
    let cache = tempfile::tempdir().unwrap();
    let fixtures = fixtures();
    let output =
        bosun(&["db", "import", fixtures.to_str().unwrap(), "-q"], &[("BOSUN_CACHE_DIR", cache.path())]);
    assert!(output.status.success(), "{}", stderr(&output));
    let db = cache.path().join("osv.db");
    assert!(db.is_file());
    let status = bosun(&["db", "status", "--format", "json"], &[("BOSUN_CACHE_DIR", cache.path())]);
    let status = common::json(&status);
    assert_eq!(status["path"], db.to_str().unwrap());
    assert_eq!(status["advisories"], 190);
    assert_eq!(status["source"], std::fs::canonicalize(&fixtures).unwrap().to_str().unwrap());

    // `XDG_CACHE_HOME` puts it under `bosun/`; one zip is an export too.
    let xdg = tempfile::tempdir().unwrap();
    let zip = fixtures.join("Go/all.zip");
    let output = bosun(&["db", "import", zip.to_str().unwrap()], &[("XDG_CACHE_HOME", xdg.path())]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("bosun: imported 23 advisories (Go 23) into "),
        "{}",
        stderr(&output)
    );
    assert!(xdg.path().join("bosun/osv.db").is_file());

    // `update --source DIR` is an import.
    let other = tempfile::tempdir().unwrap();
    let db = other.path().join("x.db");
    let args =
        ["db", "update", "--source", fixtures.to_str().unwrap(), "--ecosystems", "Alpine:v3.11", "--db"];
    let output = bosun(&[&args[..], &[db.to_str().unwrap(), "-q"]].concat(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let ids = query_ids(&db, "Alpine:v3.11", "musl", "1.1.23-r1");
    assert_eq!(ids, ["ALPINE-CVE-2019-14697"]);
    // Affected, but outside the ecosystems imported.
    assert!(query_ids(&db, "Alpine:v3.10", "musl", "1.1.22-r0").is_empty());
}

#[test]
fn without_a_database_status_and_query_say_how_to_get_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("osv.db");
    for args in [vec!["db", "status"], vec!["db", "query", "PyPI", "jinja2", "2.10"]] {
        let output = bosun(&[&args[..], &["--db", db.to_str().unwrap()]].concat(), &[]);
        assert_eq!(output.status.code(), Some(2));
        assert_eq!(
            stderr(&output),
            format!(
                "bosun: no vulnerability database at {}: run `bosun db update` (or `bosun db import DIR` offline)\n",
                db.display()
            )
        );
    }
    let bad = dir.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    let output = bosun(&["db", "import", bad.to_str().unwrap(), "--db", db.to_str().unwrap()], &[]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.starts_with("bosun: ") && message.contains("no OSV data here"), "{message}");
    let output = bosun(
        &["db", "import", fixtures().to_str().unwrap(), "--ecosystems", "pypi", "--db", db.to_str().unwrap()],
        &[],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no export for ecosystem 'pypi'"), "{}", stderr(&output));
}
