//! Cost of each fixture policy on its own: `cargo run --example per_policy`.

use bosun_policy::{load, Limits, Review};
use std::path::Path;
use std::time::Instant;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let read = |rel: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(root.join(rel)).unwrap()).unwrap()
    };
    let deployment = Review::from_object(&read("docs/deployment.json"));
    let pod = Review::from_admission_request(&read("docs/admission-pod.json")["request"]).unwrap();
    let policies = [
        "conftest",
        "gatekeeper/requiredlabels.yaml",
        "gatekeeper/allowedrepos.yaml",
        "gatekeeper/privileged.yaml",
        "gatekeeper/containerlimits.yaml",
    ];
    for policy in policies {
        let set = load(&[root.join(policy)], &Limits::default()).unwrap();
        for (label, review) in [("deployment", &deployment), ("pod", &pod)] {
            let started = Instant::now();
            for _ in 0..1000 {
                std::hint::black_box(set.evaluate_review(review).unwrap());
            }
            println!("{policy} on {label}: {:?}", started.elapsed() / 1000);
        }
    }
}
