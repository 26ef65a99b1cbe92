//! Arbitrary bytes as a CloudFormation template: the short-form tags, the
//! intrinsic functions and the conditions must end in values, unknowns or an
//! error — never a panic, a hang (cyclic conditions) or a runaway allocation —
//! and every cloud and Kubernetes rule must run on whatever comes out.
//!
//! Run with `cargo +nightly fuzz run cloudformation`.

#![no_main]

use bosun_core::config::Config;
use bosun_misconfig::cloud::scan;
use bosun_misconfig::RuleSet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(analysis) = scan::analyze_cloudformation("t.yaml", &text, &RuleSet::all(), &Config::default()) {
        for finding in &analysis.findings {
            assert!(finding.location.start_line <= finding.location.end_line);
        }
    }
});
