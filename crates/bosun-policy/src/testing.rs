//! `bosun policy test`: the policies' own `test_*` rules, as `opa test` and
//! `conftest verify` run them.

use crate::set::PolicySet;
use serde::Serialize;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", content = "reason", rename_all = "lowercase")]
pub enum TestOutcome {
    Pass,
    /// The rule was undefined or `false`.
    Fail,
    /// Evaluation failed (a builtin error, the time limit).
    Error(String),
}

#[derive(Debug, Clone, Serialize)]
pub struct TestResult {
    pub package: String,
    pub name: String,
    pub outcome: TestOutcome,
    #[serde(skip)]
    pub duration: Duration,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct TestReport {
    pub results: Vec<TestResult>,
    pub passed: usize,
    pub failed: usize,
    pub errors: usize,
}

impl TestReport {
    pub fn success(&self) -> bool {
        self.failed == 0 && self.errors == 0
    }

    /// The closing line: `3 passed, 1 failed`, with `, 1 errors` only when there are some.
    pub fn summary(&self) -> String {
        let mut line = format!("{} passed, {} failed", self.passed, self.failed);
        if self.errors > 0 {
            line.push_str(&format!(", {} errors", self.errors));
        }
        line
    }
}

/// Runs every `test_*` rule of the loaded `.rego` modules, each on a fresh engine so that
/// one test's state cannot leak into the next. Tests are data-independent: `input` is
/// whatever each test supplies with `with input as ...`.
pub fn run_tests(set: &PolicySet) -> TestReport {
    let mut report = TestReport::default();
    let Some(modules) = set.modules() else { return report };
    for test in modules.tests() {
        let started = Instant::now();
        let value = modules.pool().with(|engine| engine.eval_rule(test.path()).map_err(|e| e.to_string()));
        let outcome = match value {
            Ok(regorus::Value::Undefined) | Ok(regorus::Value::Bool(false)) => TestOutcome::Fail,
            Ok(_) => TestOutcome::Pass,
            Err(reason) => TestOutcome::Error(reason),
        };
        match outcome {
            TestOutcome::Pass => report.passed += 1,
            TestOutcome::Fail => report.failed += 1,
            TestOutcome::Error(_) => report.errors += 1,
        }
        report.results.push(TestResult {
            package: test.package.clone(),
            name: test.rule.clone(),
            outcome,
            duration: started.elapsed(),
        });
    }
    report
}
