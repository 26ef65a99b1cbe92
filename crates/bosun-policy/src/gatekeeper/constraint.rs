use super::matcher::{Match, Outcome};
use super::review::Review;
use super::str_at;
use crate::violation::Enforcement;
use regorus::Value;

pub const CONSTRAINTS_GROUP: &str = "constraints.gatekeeper.sh";

/// `spec.enforcementAction`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnforcementAction {
    Deny,
    Warn,
    Dryrun,
}

impl EnforcementAction {
    pub fn enforcement(self) -> Enforcement {
        match self {
            EnforcementAction::Deny => Enforcement::Deny,
            EnforcementAction::Warn => Enforcement::Warn,
            EnforcementAction::Dryrun => Enforcement::Audit,
        }
    }
}

/// A Constraint: an instance of a template's kind with its parameters and `match`.
#[derive(Debug, Clone)]
pub struct Constraint {
    pub kind: String,
    pub name: String,
    pub action: EnforcementAction,
    /// `spec.parameters`, converted once at load time.
    pub(crate) parameters: Value,
    matcher: Match,
}

impl Constraint {
    pub fn parse(doc: &serde_json::Value) -> Result<Constraint, String> {
        let kind = str_at(doc, &["kind"]).ok_or("Constraint has no kind")?.to_string();
        let name =
            str_at(doc, &["metadata", "name"]).ok_or_else(|| format!("{kind} has no metadata.name"))?;
        let at = |what: String| format!("{kind}/{name}: {what}");
        let action = match str_at(doc, &["spec", "enforcementAction"]) {
            None | Some("deny") => EnforcementAction::Deny,
            Some("warn") => EnforcementAction::Warn,
            Some("dryrun") => EnforcementAction::Dryrun,
            Some("scoped") => {
                return Err(at(
                    "enforcementAction `scoped` (scopedEnforcementActions) is not supported".into()
                ))
            }
            Some(other) => {
                return Err(at(format!("enforcementAction {other:?} is not deny, warn or dryrun")))
            }
        };
        let matcher = Match::parse(doc.pointer("/spec/match")).map_err(at)?;
        let parameters = doc.pointer("/spec/parameters").filter(|p| !p.is_null());
        let parameters = match parameters {
            Some(p) if !p.is_object() => return Err(at("spec.parameters must be a map".into())),
            Some(p) => {
                crate::convert::to_rego(p, &crate::Limits::default()).map_err(|e| at(e.to_string()))?
            }
            None => Value::new_object(),
        };
        Ok(Constraint { kind, name: name.to_string(), action, parameters, matcher })
    }

    pub fn check(&self, review: &Review) -> Outcome {
        self.matcher.check(review)
    }

    pub fn has_namespace_selector(&self) -> bool {
        self.matcher.has_namespace_selector()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_action_and_parameters() {
        let doc = json!({"apiVersion": "constraints.gatekeeper.sh/v1beta1", "kind": "K8sRequiredLabels",
            "metadata": {"name": "must-have-owner"},
            "spec": {"enforcementAction": "warn", "parameters": {"labels": [{"key": "owner"}]}}});
        let c = Constraint::parse(&doc).unwrap();
        assert_eq!(
            (c.kind.as_str(), c.name.as_str(), c.action),
            ("K8sRequiredLabels", "must-have-owner", EnforcementAction::Warn)
        );
        assert_eq!(crate::convert::to_json(&c.parameters), json!({"labels": [{"key": "owner"}]}));
    }

    #[test]
    fn rejects_unknown_actions_with_the_constraint_named() {
        let doc = json!({"kind": "K8sX", "metadata": {"name": "c"}, "spec": {"enforcementAction": "block"}});
        assert_eq!(
            Constraint::parse(&doc).unwrap_err(),
            "K8sX/c: enforcementAction \"block\" is not deny, warn or dryrun"
        );
    }
}
