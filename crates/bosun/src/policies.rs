//! Custom Rego policies (bosun-policy) in the commands: loading them from
//! `--policy` and `bosun.toml`, feeding scanned Kubernetes objects to them,
//! and `bosun policy test`.

use crate::cli::{PolicyCommand, PolicyTestArgs};
use crate::exit;
use bosun_core::config::Config;
use bosun_policy::{Limits, PolicySet, TestOutcome};
use bosun_syntax::yaml::{Node, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The policies named by flags, then by `policies` in the config (relative to
/// its folder); `None` when there are none.
pub fn load(flags: &[PathBuf], config: &Config, quiet: bool) -> Result<Option<Arc<PolicySet>>, String> {
    let base = config.source.as_deref().and_then(Path::parent).unwrap_or(Path::new("."));
    let mut paths = flags.to_vec();
    paths.extend(config.policies.iter().flatten().map(|p| base.join(p)));
    if paths.is_empty() {
        return Ok(None);
    }
    let set = bosun_policy::load(&paths, &Limits::default()).map_err(|e| e.to_string())?;
    if !quiet {
        for note in set.notes() {
            eprintln!("bosun: policies: {note}");
        }
        for skipped in set.skipped() {
            eprintln!("bosun: policies: {}: {}", skipped.path.display(), skipped.reason);
        }
    }
    Ok(Some(Arc::new(set)))
}

/// A parsed YAML document as the JSON value policies see as `input`.
pub fn node_to_json(node: &Node) -> serde_json::Value {
    match &node.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Int(i) => serde_json::Value::from(*i),
        Value::Float(f) => {
            serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, serde_json::Value::Number)
        }
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Seq(items) => serde_json::Value::Array(items.iter().map(node_to_json).collect()),
        Value::Map(entries) => serde_json::Value::Object(
            entries
                .iter()
                .map(|(key, value)| {
                    let key = match &key.value {
                        Value::String(s) => s.clone(),
                        other => node_to_json(&Node { value: other.clone(), span: key.span }).to_string(),
                    };
                    (key, node_to_json(value))
                })
                .collect(),
        ),
    }
}

pub fn run(command: PolicyCommand) -> i32 {
    match command {
        PolicyCommand::Test(args) => test(&args),
    }
}

/// `bosun policy test`: every `test_*` rule, one line each, then the summary.
fn test(args: &PolicyTestArgs) -> i32 {
    let set = match bosun_policy::load(&args.paths, &Limits::default()) {
        Ok(set) => set,
        Err(e) => {
            eprintln!("bosun: {e}");
            return exit::USAGE;
        }
    };
    let report = bosun_policy::run_tests(&set);
    for result in &report.results {
        let (word, detail) = match &result.outcome {
            TestOutcome::Pass => ("PASS", String::new()),
            TestOutcome::Fail => ("FAIL", String::new()),
            TestOutcome::Error(e) => ("ERROR", format!(": {e}")),
        };
        println!("{word} {}.{} ({:.2?}){detail}", result.package, result.name, result.duration);
    }
    println!("{}", report.summary());
    if report.success() {
        exit::CLEAN
    } else {
        exit::FINDINGS
    }
}
