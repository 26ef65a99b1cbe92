//! Arbitrary text as a gitleaks configuration: TOML with rules, allowlists,
//! `[extend]`, Go RE2 patterns translated for the `regex` crate. It must end in
//! the loaded rules or an error — never a panic or a hang — and the rules it
//! loads must build an engine without panicking (bad patterns are errors) and
//! run over a little text.
//!
//! `[extend] path` reads files relative to the configuration: the
//! configuration's path is in a directory that does not exist, and inputs that
//! could name a device, a FIFO or `/proc` (which would block or never end) are
//! passed over.
//!
//! Rules from a configuration are leaked on purpose (they live as long as the
//! process), so leak detection is off:
//! `ASAN_OPTIONS=detect_leaks=0 cargo +nightly fuzz run gitleaks_config -- -detect_leaks=0`.

#![no_main]

use bosun_secrets::{gitleaks, Engine, TextKind};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

/// Texts that may name a file that blocks or never ends, literally or through
/// a TOML escape.
const SPECIAL: &[&str] = &["dev", "proc", "sys", "run", "tmp", "fd", "\\u", "\\U", "\\x"];

const SAMPLE: &str = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\
                      token = \"ghp_R7nQ2xWk9LmP4sTv8YbZ3cHd6FgJ1a2b3c4d\"\n\
                      password: hunter2-but-longer-Zq8wLp3vR7\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if SPECIAL.iter().any(|s| text.contains(s)) {
        return;
    }
    let Ok(loaded) = gitleaks::load_text(Path::new("/nonexistent-bosun-fuzz/.gitleaks.toml"), text) else {
        return;
    };
    if let Ok(engine) = Engine::new(loaded.engine_rules, loaded.global) {
        for hit in engine.scan("config/app.env", SAMPLE, TextKind::default(), None) {
            assert!(hit.start < hit.end && hit.end <= SAMPLE.len());
            assert!(hit.start_line <= hit.end_line);
        }
    }
});
