//! Arbitrary bytes through the secret scanner with the built-in rules: the
//! keyword prefilter, every rule's regex and checks (checksums, entropy,
//! placeholders), the allowlists, and the decoding of Kubernetes Secret and
//! kubeconfig values through the YAML reader. Any panic or hang is a bug, and
//! findings must point at lines of the file and show no more of a secret than
//! its masked form.
//!
//! The first byte picks the path the rest is scanned as: paths decide which
//! rules run (`.npmrc`), whether values are decoded (`*.yaml`, `kube/config`)
//! and whether the text is a minified bundle.
//!
//! Run with `cargo +nightly fuzz run secrets_scan`.

#![no_main]

use bosun_secrets::{Engine, Scanner};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

/// Compiling the rules per input would be most of the run.
static SCANNER: LazyLock<Scanner> = LazyLock::new(|| Scanner::new(Engine::builtin(), false));

const PATHS: [&str; 5] = ["a.txt", "k8s/secret.yaml", "app.min.js", ".npmrc", "kube/config"];

/// How many characters of a secret a masked match may show.
const SHOWN_PREFIX: usize = 4;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let path = PATHS[selector as usize % PATHS.len()];
    let result = SCANNER.scan_bytes(path, bytes);
    if !result.scanned {
        assert!(result.findings.is_empty());
        return;
    }
    let lines = String::from_utf8_lossy(bytes).lines().count() as u32;
    for finding in &result.findings {
        let location = &finding.location;
        assert_eq!(location.path, path);
        assert!(location.start_line >= 1, "{finding:?}");
        assert!(location.start_line <= location.end_line, "{finding:?}");
        assert!(location.end_line <= lines + 1, "line {} of {lines}: {finding:?}", location.end_line);
        let secret = finding.secret.as_ref().expect("secret findings carry their match");
        assert!(secret.redacted);
        let prefix = secret.shown.strip_suffix("*****").unwrap_or_else(|| panic!("not masked: {finding:?}"));
        assert!(prefix.chars().count() <= SHOWN_PREFIX, "shows too much: {:?}", secret.shown);
    }
});
