use crate::conftest::RegoModules;
use crate::convert::to_rego;
use crate::error::EvalError;
use crate::gatekeeper::{Constraint, Outcome, Review, Template};
use crate::limits::Limits;
use crate::load::Skipped;
use crate::violation::Violation;
use regorus::Value;
use std::collections::BTreeMap;

/// Every loaded policy, compiled once. `Sync`: share it (e.g. in an `Arc`) between the
/// scan's worker threads or the webhook's request handlers and call the `evaluate_*`
/// methods concurrently.
#[derive(Debug)]
pub struct PolicySet {
    modules: Option<RegoModules>,
    templates: BTreeMap<String, Template>,
    constraints: Vec<Constraint>,
    skipped: Vec<Skipped>,
    limits: Limits,
}

impl PolicySet {
    pub(crate) fn new(
        modules: Option<RegoModules>,
        templates: Vec<Template>,
        constraints: Vec<Constraint>,
        skipped: Vec<Skipped>,
        limits: Limits,
    ) -> Self {
        let templates = templates.into_iter().map(|t| (t.kind.clone(), t)).collect();
        PolicySet { modules, templates, constraints, skipped, limits }
    }

    /// True when nothing was loaded that could produce a violation.
    pub fn is_empty(&self) -> bool {
        self.modules.as_ref().is_none_or(|m| m.entrypoint_count() == 0) && self.constraints.is_empty()
    }

    /// Non-policy files and documents passed over in policy directories.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// Loaded constraints as `Kind/name`.
    pub fn constraint_ids(&self) -> Vec<String> {
        self.constraints.iter().map(|c| format!("{}/{}", c.kind, c.name)).collect()
    }

    /// Things the user should know about the set: templates no Constraint uses, and
    /// Constraints whose `namespaceSelector` can only be honoured when the caller knows
    /// namespace labels (a scan of files does not).
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        for kind in self.templates.keys() {
            if !self.constraints.iter().any(|c| &c.kind == kind) {
                notes.push(format!("ConstraintTemplate for {kind} has no Constraint, so it checks nothing"));
            }
        }
        for c in self.constraints.iter().filter(|c| c.has_namespace_selector()) {
            notes.push(format!(
                "{}/{} uses namespaceSelector: it applies to namespaced objects only when namespace labels are known",
                c.kind, c.name
            ));
        }
        notes
    }

    pub(crate) fn modules(&self) -> Option<&RegoModules> {
        self.modules.as_ref()
    }

    /// Evaluates a document from a scanned file: conftest-style rules see it as `input`;
    /// when it is a Kubernetes object, Constraints review it as a CREATE.
    pub fn evaluate_document(&self, doc: &serde_json::Value) -> Result<Vec<Violation>, EvalError> {
        let input = to_rego(doc, &self.limits)?;
        let mut out = Vec::new();
        if let Some(modules) = &self.modules {
            modules.evaluate(&input, &mut out)?;
        }
        let is_object = doc.get("apiVersion").is_some_and(|v| v.is_string())
            && doc.get("kind").is_some_and(|v| v.is_string());
        if is_object && !self.constraints.is_empty() {
            self.evaluate_constraints(&Review::from_object(doc), None, &mut out)?;
        }
        Ok(out)
    }

    /// Evaluates an admission review: conftest-style rules see the object under review as
    /// `input` (the same document a scan would give them), Constraints see `review`.
    pub fn evaluate_review(&self, review: &Review) -> Result<Vec<Violation>, EvalError> {
        // One conversion serves both: the object inside `review` is what conftest rules see.
        let review_value = to_rego(&review.to_input(), &self.limits)?;
        let mut out = Vec::new();
        if let Some(modules) = &self.modules {
            modules.evaluate(&review_value["object"], &mut out)?;
        }
        self.evaluate_constraints(review, Some(review_value), &mut out)?;
        Ok(out)
    }

    /// `review_value` is `review.to_input()` converted, when the caller already has it.
    fn evaluate_constraints(
        &self,
        review: &Review,
        mut review_value: Option<Value>,
        out: &mut Vec<Violation>,
    ) -> Result<(), EvalError> {
        for constraint in &self.constraints {
            if constraint.check(review) != Outcome::Matches {
                continue;
            }
            let Some(template) = self.templates.get(&constraint.kind) else { continue };
            let review_value = match &review_value {
                Some(v) => v.clone(),
                None => review_value.insert(to_rego(&review.to_input(), &self.limits)?).clone(),
            };
            let mut input = std::collections::BTreeMap::new();
            input.insert(Value::from("review"), review_value);
            input.insert(Value::from("parameters"), constraint.parameters.clone());
            template.evaluate(Value::from(input), &constraint.name, constraint.action.enforcement(), out)?;
        }
        Ok(())
    }
}
