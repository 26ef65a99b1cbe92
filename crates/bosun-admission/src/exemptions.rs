//! Which requests skip evaluation: by namespace, or by a Kubernetes label
//! selector over the object's own labels.
//!
//! Namespace *labels* are not in an AdmissionReview, so they are not matched
//! here: select namespaces by label with the webhook configuration's
//! `namespaceSelector`, which the API server evaluates before calling us.

use crate::config::Exemptions;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// `metav1.LabelSelector`: every `matchLabels` pair and every expression must hold.
/// An empty selector matches nothing here (unlike Kubernetes, where it matches
/// everything), so a stray `[[labels]]` never exempts a whole cluster.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct LabelSelector {
    #[serde(alias = "matchLabels")]
    pub match_labels: BTreeMap<String, String>,
    #[serde(alias = "matchExpressions")]
    pub match_expressions: Vec<LabelExpression>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LabelExpression {
    pub key: String,
    pub operator: LabelOperator,
    #[serde(default)]
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum LabelOperator {
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

impl LabelSelector {
    pub fn matches(&self, labels: &BTreeMap<&str, &str>) -> bool {
        if self.match_labels.is_empty() && self.match_expressions.is_empty() {
            return false;
        }
        self.match_labels.iter().all(|(k, v)| labels.get(k.as_str()) == Some(&v.as_str()))
            && self.match_expressions.iter().all(|e| e.matches(labels))
    }
}

impl LabelExpression {
    fn matches(&self, labels: &BTreeMap<&str, &str>) -> bool {
        let value = labels.get(self.key.as_str());
        match self.operator {
            LabelOperator::In => value.is_some_and(|v| self.values.iter().any(|x| x == v)),
            LabelOperator::NotIn => value.is_none_or(|v| !self.values.iter().any(|x| x == v)),
            LabelOperator::Exists => value.is_some(),
            LabelOperator::DoesNotExist => value.is_none(),
        }
    }
}

/// The object's string labels (`metadata.labels`).
pub fn object_labels(object: &Value) -> BTreeMap<&str, &str> {
    object
        .pointer("/metadata/labels")
        .and_then(Value::as_object)
        .map(|labels| labels.iter().filter_map(|(k, v)| Some((k.as_str(), v.as_str()?))).collect())
        .unwrap_or_default()
}

/// Why a request is exempt, for the decision log; `None` when it is evaluated.
pub fn exemption(exempt: &Exemptions, namespace: &str, object: Option<&Value>) -> Option<String> {
    if !namespace.is_empty() && exempt.namespaces.iter().any(|n| n == namespace) {
        return Some(format!("namespace {namespace}"));
    }
    let labels = object.map(object_labels).unwrap_or_default();
    exempt
        .labels
        .iter()
        .position(|selector| selector.matches(&labels))
        .map(|i| format!("label selector {}", i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels<'a>(pairs: &[(&'a str, &'a str)]) -> BTreeMap<&'a str, &'a str> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn operators_follow_kubernetes_semantics() {
        let expr = |operator, values: &[&str]| LabelSelector {
            match_expressions: vec![LabelExpression {
                key: "tier".into(),
                operator,
                values: values.iter().map(|s| s.to_string()).collect(),
            }],
            ..Default::default()
        };
        let web = labels(&[("tier", "web")]);
        let none = labels(&[]);
        assert!(expr(LabelOperator::In, &["web", "db"]).matches(&web));
        assert!(!expr(LabelOperator::In, &["db"]).matches(&web));
        assert!(!expr(LabelOperator::In, &["web"]).matches(&none));
        assert!(expr(LabelOperator::NotIn, &["db"]).matches(&web));
        assert!(expr(LabelOperator::NotIn, &["db"]).matches(&none));
        assert!(expr(LabelOperator::Exists, &[]).matches(&web));
        assert!(!expr(LabelOperator::Exists, &[]).matches(&none));
        assert!(expr(LabelOperator::DoesNotExist, &[]).matches(&none));
    }

    #[test]
    fn an_empty_selector_exempts_nothing() {
        assert!(!LabelSelector::default().matches(&labels(&[("a", "b")])));
    }
}
