//! bosun's own Kubernetes rules, run on the object under review exactly as
//! `bosun scan` runs them on a manifest (the per-object and per-workload
//! checks; the cross-document ones need a whole scan and have no place here).

use crate::document::{self, FieldTable};
use bosun_core::config::Config;
use bosun_core::{Domain, Severity};
use bosun_misconfig::analyze::check_objects;
use bosun_misconfig::kubernetes::K8sObject;
use bosun_misconfig::{Check, Rule, RuleSet};
use serde_json::Value;
use std::sync::Arc;

/// One rule broken by the object: which rule, where, and what exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub rule_id: String,
    pub name: String,
    pub title: String,
    pub severity: Severity,
    pub message: String,
    /// The field the finding is about (`spec.template.spec.containers[0]`);
    /// empty for the object as a whole.
    pub field: String,
}

impl Violation {
    /// One line for a denial message or a warning: id, title, then what and where.
    pub fn describe(&self) -> String {
        let place = if self.field.is_empty() { String::new() } else { format!(" (at {})", self.field) };
        format!("{} {}: {}{place}", self.rule_id, self.title, self.message)
    }
}

/// The Kubernetes rules the webhook can run on a single object.
pub fn admission_rules() -> impl Iterator<Item = &'static Rule> {
    bosun_misconfig::registry::RULES.iter().copied().filter(|rule| {
        rule.meta.domain == Domain::Kubernetes && matches!(rule.check, Check::Workload(_) | Check::Object(_))
    })
}

/// The rules and the bosun.toml settings they read, built once at start-up.
pub struct RuleEngine {
    rules: RuleSet,
    config: Config,
}

impl RuleEngine {
    pub fn new(rules: Vec<&'static Rule>, config: Config) -> Self {
        let rules = RuleSet { rules: rules.into_iter().map(|r| (r, r.meta.severity)).collect() };
        RuleEngine { rules, config }
    }

    pub fn rule_count(&self) -> usize {
        self.rules.rules.len()
    }

    /// Runs every rule on one object. `namespace` is the request's: on CREATE
    /// the object itself may not spell it out yet, and rules that judge the
    /// namespace (`default-namespace`) must see the real one.
    pub fn evaluate(&self, object: &Value, namespace: &str) -> Vec<Violation> {
        let (mut root, fields) = document::to_node(object);
        document::default_namespace(&mut root, namespace);
        let mut objects = Vec::with_capacity(1);
        K8sObject::from_document("admission", root, &Arc::from(""), &mut objects);
        check_objects(&objects, &self.rules, &self.config)
            .into_iter()
            .map(|finding| Violation {
                field: field_of(&fields, finding.location.start_line),
                rule_id: finding.rule_id,
                name: finding.name,
                title: finding.title,
                severity: finding.severity,
                message: finding.message,
            })
            .collect()
    }
}

fn field_of(fields: &FieldTable, line: u32) -> String {
    fields.path(line)
}
