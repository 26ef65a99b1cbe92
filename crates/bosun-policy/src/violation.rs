use bosun_core::finding::fingerprint;
use bosun_core::{Finding, Location, Severity};
use serde::Serialize;

/// What a violation does to the object or scan: the admission modes of the webhook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Enforcement {
    /// conftest `deny`/`violation`, Gatekeeper `enforcementAction: deny`: reject.
    Deny,
    /// conftest `warn`, Gatekeeper `enforcementAction: warn`: allow with a warning.
    Warn,
    /// Gatekeeper `enforcementAction: dryrun`: allow, only record.
    Audit,
}

impl Enforcement {
    /// The severity a finding gets: policies carry no severity of their own, so the
    /// enforcement level stands in for it.
    pub fn severity(self) -> Severity {
        match self {
            Enforcement::Deny => Severity::High,
            Enforcement::Warn => Severity::Medium,
            Enforcement::Audit => Severity::Low,
        }
    }
}

/// Which policy produced a violation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum PolicyOrigin {
    /// A rule of a `.rego` module: `package` without the `data.` prefix, e.g. `main`.
    Rego { package: String, rule: String },
    /// A Gatekeeper Constraint (its kind is the ConstraintTemplate's kind).
    Constraint { kind: String, name: String },
}

impl PolicyOrigin {
    /// The id a finding carries: `main/deny`, `K8sRequiredLabels/must-have-owner`.
    pub fn id(&self) -> String {
        match self {
            PolicyOrigin::Rego { package, rule } => format!("{package}/{rule}"),
            PolicyOrigin::Constraint { kind, name } => format!("{kind}/{name}"),
        }
    }
}

/// One result of one policy on one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub origin: PolicyOrigin,
    pub enforcement: Enforcement,
    /// The policy's own message, unchanged.
    pub message: String,
    /// Everything else the rule returned (`details` of a Gatekeeper violation, the
    /// non-`msg` keys of a conftest result object).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
}

impl Violation {
    /// The violation as a bosun finding at `location`, so it flows into every report format.
    pub fn to_finding(&self, location: Location) -> Finding {
        let rule_id = self.origin.id();
        let name = match &self.origin {
            PolicyOrigin::Rego { rule, .. } => rule.clone(),
            PolicyOrigin::Constraint { name, .. } => name.clone(),
        };
        let title = match &self.origin {
            PolicyOrigin::Rego { package, rule } => format!("Rego policy {package} rule {rule}"),
            PolicyOrigin::Constraint { kind, name } => format!("Gatekeeper constraint {kind} {name}"),
        };
        let print = fingerprint(&[
            &rule_id,
            &location.path,
            location.resource.as_deref().unwrap_or(""),
            &self.message,
        ]);
        Finding {
            rule_id,
            name,
            aliases: Vec::new(),
            severity: self.enforcement.severity(),
            title,
            message: self.message.clone(),
            checklist: Vec::new(),
            location,
            remediation: String::new(),
            fingerprint: print,
            secret: None,
            commit: None,
            package: None,
            fixed_versions: Vec::new(),
            nearest_fixed_version: None,
            cvss: None,
            url: None,
            snippet: Vec::new(),
        }
    }
}
