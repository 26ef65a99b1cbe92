//! Compiling Rego text into a regorus engine, and reading back which rules it declares.

use crate::limits::Limits;
use regorus::unstable::{Rule, RuleHead};
use regorus::utils::limits::ExecutionTimerConfig;
use regorus::Engine;
use std::num::NonZeroU32;

/// Which Rego syntax to try first. Both are always tried: conftest has defaulted to
/// Rego v1 since v0.56, while Gatekeeper's `rego` field and most published policy
/// libraries are still v0. A v0 module essentially never parses as v1 (and the other
/// way round), so the fallback cannot change a policy's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    V1First,
    V0First,
}

/// A new engine with bosun's evaluation limits applied.
pub fn new_engine(limits: &Limits) -> Engine {
    let mut engine = Engine::new();
    engine.set_execution_timer_config(ExecutionTimerConfig {
        limit: limits.eval_timeout,
        // Checking the clock every few work units costs a syscall; 256 keeps the check
        // cheap while still stopping a runaway loop within microseconds of the budget.
        check_interval: NonZeroU32::new(256).expect("non-zero"),
    });
    engine
}

/// Adds one module; returns its package without the `data.` prefix (`main`, `lib.k8s`).
/// The error is the parser's own message (it names the file, line and column).
pub fn add_module(engine: &mut Engine, name: &str, text: &str, syntax: Syntax) -> Result<String, String> {
    let first_v0 = syntax == Syntax::V0First;
    engine.set_rego_v0(first_v0);
    let first = engine.add_policy(name.to_string(), text.to_string());
    let package = match first {
        Ok(package) => Ok(package),
        Err(first_error) => {
            engine.set_rego_v0(!first_v0);
            let other = if first_v0 { "v1" } else { "v0" };
            engine.add_policy(name.to_string(), text.to_string()).map_err(|second_error| {
                // Both messages: a v0 module with a typo would otherwise be explained
                // only in terms of v1 syntax it never meant to use.
                format!("{first_error}\n(and as Rego {other}: {second_error})")
            })
        }
    };
    engine.set_rego_v0(false);
    package.map(|p| p.strip_prefix("data.").unwrap_or(&p).to_string())
}

/// The modules of one policy unit (all `.rego` files of a load, or one template with its
/// libs), compiled into one engine.
#[derive(Debug)]
pub struct Bundle {
    engine: Engine,
    first_source: Option<String>,
}

impl Bundle {
    pub fn new(limits: &Limits) -> Self {
        Bundle { engine: new_engine(limits), first_source: None }
    }

    /// Adds a module; see [`add_module`].
    pub fn add(&mut self, name: &str, text: &str, syntax: Syntax) -> Result<String, String> {
        let package = add_module(&mut self.engine, name, text, syntax)?;
        self.first_source.get_or_insert_with(|| name.to_string());
        Ok(package)
    }

    pub fn is_empty(&self) -> bool {
        self.first_source.is_none()
    }

    pub fn first_source(&self) -> Option<&str> {
        self.first_source.as_deref()
    }

    pub fn declared_rules(&mut self) -> Vec<DeclaredRule> {
        declared_rules(&mut self.engine)
    }

    pub fn prepare(&mut self) -> Result<(), String> {
        prepare(&mut self.engine)
    }

    pub fn into_engine(self) -> Engine {
        self.engine
    }
}

/// Runs regorus' analysis (rule scheduling, imports, function table) now, so that a
/// policy that can never evaluate fails at load time and every clone of the engine
/// starts prepared instead of redoing this work on its first evaluation.
pub fn prepare(engine: &mut Engine) -> Result<(), String> {
    engine.eval_query("true".to_string(), false).map(|_| ()).map_err(|e| e.to_string())
}

/// A rule as declared in source: several definitions of one rule appear once.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DeclaredRule {
    pub package: String,
    pub rule: String,
    pub is_function: bool,
}

impl DeclaredRule {
    /// The path `Engine::eval_rule` takes.
    pub fn path(&self) -> String {
        format!("data.{}.{}", self.package, self.rule)
    }
}

/// Every rule the engine's modules declare, sorted, without duplicates.
pub fn declared_rules(engine: &mut Engine) -> Vec<DeclaredRule> {
    let mut rules = Vec::new();
    for module in engine.get_modules().iter() {
        let package = module.package.refr.span().text().to_string();
        for rule in &module.policy {
            let (head_text, is_function) = match &**rule {
                Rule::Spec { head: RuleHead::Func { refr, .. }, .. } => (refr.span().text(), true),
                Rule::Spec { head: RuleHead::Set { refr, .. }, .. }
                | Rule::Spec { head: RuleHead::Compr { refr, .. }, .. } => (refr.span().text(), false),
                Rule::Default { refr, args, .. } => (refr.span().text(), !args.is_empty()),
            };
            // Heads may be references (`deny.reason[x]`, `a["b"]`); the rule is the first name.
            let name: String =
                head_text.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                rules.push(DeclaredRule { package: package.clone(), rule: name, is_function });
            }
        }
    }
    rules.sort();
    rules.dedup_by(|a, b| a.package == b.package && a.rule == b.rule);
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_v0_and_v1_modules_in_one_engine() {
        let mut engine = new_engine(&Limits::default());
        let v1 = "package main\n\ndeny contains msg if {\n  input.x\n  msg := \"x\"\n}\n";
        let v0 = "package lib.old\n\nviolation[{\"msg\": msg}] {\n  input.y\n  msg := \"y\"\n}\n";
        assert_eq!(add_module(&mut engine, "a.rego", v1, Syntax::V1First).unwrap(), "main");
        assert_eq!(add_module(&mut engine, "b.rego", v0, Syntax::V1First).unwrap(), "lib.old");
        let rules = declared_rules(&mut engine);
        let names: Vec<_> = rules.iter().map(|r| r.path()).collect();
        assert_eq!(names, ["data.lib.old.violation", "data.main.deny"]);
    }

    #[test]
    fn reports_the_parser_error_with_file_and_line() {
        let mut engine = new_engine(&Limits::default());
        let err =
            add_module(&mut engine, "bad.rego", "package x\n\ndeny contains msg if {\n", Syntax::V1First)
                .unwrap_err();
        assert!(err.contains("bad.rego"), "{err}");
    }

    #[test]
    fn marks_functions_and_merges_definitions() {
        let mut engine = new_engine(&Limits::default());
        let text = "package p\n\nf(x) := x + 1\n\nt if true\n\nt if false\n\ndefault d := 1\n";
        add_module(&mut engine, "p.rego", text, Syntax::V1First).unwrap();
        let rules = declared_rules(&mut engine);
        let summary: Vec<_> = rules.iter().map(|r| (r.rule.as_str(), r.is_function)).collect();
        assert_eq!(summary, [("d", false), ("f", true), ("t", false)]);
    }
}
