//! Measures what one evaluation costs: `cargo run --example eval_cost`.
//!
//! Loads the test fixtures (three conftest rules, four Gatekeeper constraints) and
//! evaluates a typical Deployment and an admission Pod many times, on one thread and on
//! two, printing mean and p50/p99 latency. Not a test: numbers depend on the machine.

use bosun_policy::{load, Limits, Review};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn report(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let total: Duration = samples.iter().sum();
    println!(
        "{label}: n={} mean={:?} p50={:?} p99={:?} max={:?}",
        samples.len(),
        total / samples.len() as u32,
        percentile(&samples, 0.5),
        percentile(&samples, 0.99),
        samples[samples.len() - 1]
    );
}

fn main() {
    clone_cost();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let started = Instant::now();
    let set =
        load(&[root.join("conftest"), root.join("gatekeeper")], &Limits::default()).expect("fixtures load");
    println!("load+compile: {:?} ({} constraints)", started.elapsed(), set.constraint_ids().len());
    let set = Arc::new(set);

    let read = |rel: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(root.join(rel)).unwrap()).unwrap()
    };
    let deployment = read("docs/deployment.json");
    let request = read("docs/admission-pod.json")["request"].clone();

    const N: usize = 2_000;
    let mut samples = Vec::with_capacity(N);
    for _ in 0..N {
        let t = Instant::now();
        std::hint::black_box(set.evaluate_document(&deployment).unwrap());
        samples.push(t.elapsed());
    }
    report("deployment, 1 thread", samples);

    let mut samples = Vec::with_capacity(N);
    for _ in 0..N {
        let t = Instant::now();
        let review = Review::from_admission_request(&request).unwrap();
        std::hint::black_box(set.evaluate_review(&review).unwrap());
        samples.push(t.elapsed());
    }
    report("admission pod (parse request + evaluate), 1 thread", samples);

    let wall = Instant::now();
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let set = set.clone();
            let deployment = deployment.clone();
            std::thread::spawn(move || {
                (0..N)
                    .map(|_| {
                        let t = Instant::now();
                        std::hint::black_box(set.evaluate_document(&deployment).unwrap());
                        t.elapsed()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let samples: Vec<_> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
    let elapsed = wall.elapsed();
    println!("2 threads: {:.0} evaluations/s", samples.len() as f64 / elapsed.as_secs_f64());
    report("deployment, 2 threads", samples);
}

/// What a pool miss would cost if it cloned a prepared engine instead of reusing one.
#[allow(dead_code)]
fn clone_cost() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/conftest/deployment.rego"),
    )
    .unwrap();
    let mut engine = regorus::Engine::new();
    engine.add_policy("deployment.rego".into(), text).unwrap();
    engine.eval_query("true".into(), false).unwrap();
    let t = Instant::now();
    for _ in 0..1000 {
        std::hint::black_box(engine.clone());
    }
    println!("clone of a prepared engine: {:?}", t.elapsed() / 1000);
}
