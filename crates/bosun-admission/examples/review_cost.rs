//! Measures the cost of one `/validate` decision on a typical Deployment
//! (the CREATE fixture) and of the pieces it is made of. Not a test: run with
//! `cargo run --example review_cost` and read the numbers (debug builds are
//! several times slower than release).

use bosun_admission::config::Mode;
use bosun_admission::{Admission, AdmissionConfig};
use bosun_misconfig::analyze::{analyze_file, FileContext, InputKind};
use std::time::Instant;

fn main() {
    let body =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/create-deployment.json")).unwrap();
    let admission =
        Admission::new(AdmissionConfig { mode: Mode::Enforce, ..Default::default() }, Default::default())
            .unwrap();
    let rounds = 2000;
    let time = |label: &str, f: &mut dyn FnMut()| {
        for _ in 0..50 {
            f();
        }
        let started = Instant::now();
        for _ in 0..rounds {
            f();
        }
        let each = started.elapsed() / rounds;
        println!("{label:<48} {:>8.1} µs", each.as_secs_f64() * 1e6);
    };
    time("validate (parse, rules, images, response, log)", &mut || {
        let outcome = admission.validate(&body).unwrap();
        std::hint::black_box(outcome.body());
        std::hint::black_box(outcome.log.to_line());
    });
    let review: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let object = review["request"]["object"].clone();
    time("  parse the body alone", &mut || {
        std::hint::black_box(serde_json::from_slice::<bosun_admission::AdmissionReview>(&body).unwrap());
    });
    time("  JSON to nodes alone", &mut || {
        std::hint::black_box(bosun_admission::document::to_node(&object));
    });
    let rules = bosun_misconfig::RuleSet {
        rules: bosun_admission::rules::admission_rules().map(|r| (r, r.meta.severity)).collect(),
    };
    let config = bosun_core::config::Config::default();
    let text = serde_json::to_string(&object).unwrap();
    time("the alternative: to text, analyze_file", &mut || {
        let text = serde_json::to_string(&object).unwrap();
        std::hint::black_box(analyze_file(
            "admission",
            &text,
            InputKind::Yaml,
            FileContext::default(),
            &rules,
            &config,
        ));
    });
    time("  of which analyze_file on ready text", &mut || {
        std::hint::black_box(analyze_file(
            "admission",
            &text,
            InputKind::Yaml,
            FileContext::default(),
            &rules,
            &config,
        ));
    });
}
