//! Labels and label selectors, for checks that relate objects to the pods they
//! select (NetworkPolicies, Services, PodDisruptionBudgets).

use super::{K8sObject, Workload};
use bosun_syntax::yaml::Node;
use std::collections::BTreeMap;

pub type Labels = BTreeMap<String, String>;

/// A mapping of strings, as labels and `matchLabels` are written.
fn string_map(node: Option<&Node>) -> Labels {
    node.map(|n| n.string_entries().filter_map(|(k, v)| Some((k, v.scalar_text()?))).collect())
        .unwrap_or_default()
}

/// The labels the workload's pods get: a Pod's own, or its template's.
pub fn pod_labels(workload: &Workload) -> Labels {
    let metadata = workload.template_metadata.or_else(|| workload.object.metadata());
    string_map(metadata.and_then(|m| m.get("labels")))
}

/// Could the two objects land in the same namespace? An object without a
/// namespace goes wherever it is applied (`kubectl -n`, kustomize). Files are
/// applied together with their folder (or a folder above), so a namespace-less
/// object may join a namespaced one only from the same folder or a parent of
/// it — not from a sibling service's folder elsewhere in a monorepo.
pub fn may_share_namespace(a: &K8sObject, b: &K8sObject) -> bool {
    match (&a.namespace, &b.namespace) {
        (Some(x), Some(y)) => x == y,
        (None, None) => true,
        (None, Some(_)) => folder_contains(&a.path, &b.path),
        (Some(_), None) => folder_contains(&b.path, &a.path),
    }
}

/// Is `inner`'s folder the folder of `outer`, or below it?
fn folder_contains(outer: &str, inner: &str) -> bool {
    let folder = |path: &str| path.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
    let (outer, inner) = (folder(outer), folder(inner));
    outer.is_empty() || inner == outer || inner.starts_with(&format!("{outer}/"))
}

/// Which pods a selector picks.
#[derive(Debug, Clone, PartialEq)]
pub enum Selector {
    All,
    Nothing,
    Matching { labels: Labels, expressions: Vec<Requirement> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Requirement {
    key: String,
    operator: String,
    values: Vec<String>,
}

impl Selector {
    /// A `metav1.LabelSelector` (`matchLabels` + `matchExpressions`). An empty
    /// one selects every pod of the namespace; a missing one is the caller's call.
    pub fn label_selector(node: &Node) -> Selector {
        let labels = string_map(node.get("matchLabels"));
        let expressions: Vec<_> = node
            .get("matchExpressions")
            .map(|e| e.as_seq())
            .unwrap_or_default()
            .iter()
            .map(|e| Requirement {
                key: e.get("key").and_then(|k| k.scalar_text()).unwrap_or_default(),
                operator: e.get("operator").and_then(|o| o.scalar_text()).unwrap_or_default(),
                values: e
                    .get("values")
                    .map(|v| v.as_seq())
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|v| v.scalar_text())
                    .collect(),
            })
            .collect();
        if labels.is_empty() && expressions.is_empty() {
            Selector::All
        } else {
            Selector::Matching { labels, expressions }
        }
    }

    /// A Service's `selector`: a plain map where every pair must match.
    pub fn equality(node: &Node) -> Selector {
        Selector::Matching { labels: string_map(Some(node)), expressions: Vec::new() }
    }

    pub fn matches(&self, pod: &Labels) -> bool {
        match self {
            Selector::All => true,
            Selector::Nothing => false,
            Selector::Matching { labels, expressions } => {
                labels.iter().all(|(k, v)| pod.get(k) == Some(v))
                    && expressions.iter().all(|r| r.matches(pod))
            }
        }
    }
}

impl Requirement {
    fn matches(&self, pod: &Labels) -> bool {
        let value = pod.get(&self.key);
        match self.operator.as_str() {
            "In" => value.is_some_and(|v| self.values.contains(v)),
            "NotIn" => value.is_none_or(|v| !self.values.contains(v)),
            "Exists" => value.is_some(),
            "DoesNotExist" => value.is_none(),
            // The API server rejects any other operator, so the selector picks nothing.
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bosun_syntax::yaml::parse_stream;

    fn node(text: &str) -> Node {
        parse_stream(text).documents.remove(0).root
    }

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn empty_selector_selects_all() {
        assert_eq!(Selector::label_selector(&node("{}")), Selector::All);
        assert!(Selector::label_selector(&node("{}")).matches(&Labels::new()));
    }

    #[test]
    fn match_labels_and_expressions() {
        let selector = Selector::label_selector(&node(
            "matchLabels: {app: web}\nmatchExpressions:\n  - {key: tier, operator: In, values: [front, edge]}\n  - {key: canary, operator: DoesNotExist}\n",
        ));
        assert!(selector.matches(&labels(&[("app", "web"), ("tier", "front")])));
        assert!(!selector.matches(&labels(&[("app", "web"), ("tier", "back")])));
        assert!(!selector.matches(&labels(&[("app", "web"), ("tier", "front"), ("canary", "x")])));
        assert!(!selector.matches(&labels(&[("tier", "front")])));
    }

    #[test]
    fn not_in_and_exists() {
        let selector = Selector::label_selector(&node(
            "matchExpressions:\n  - {key: env, operator: NotIn, values: [dev]}\n  - {key: app, operator: Exists}\n",
        ));
        assert!(selector.matches(&labels(&[("app", "a")])));
        assert!(selector.matches(&labels(&[("app", "a"), ("env", "prod")])));
        assert!(!selector.matches(&labels(&[("app", "a"), ("env", "dev")])));
        assert!(!selector.matches(&labels(&[("env", "prod")])));
    }

    #[test]
    fn unknown_operator_selects_nothing() {
        let selector = Selector::label_selector(&node("matchExpressions:\n  - {key: app, operator: Like}\n"));
        assert!(!selector.matches(&labels(&[("app", "a")])));
    }

    #[test]
    fn equality_selector_needs_every_pair() {
        let selector = Selector::equality(&node("{app: web, tier: front}"));
        assert!(selector.matches(&labels(&[("app", "web"), ("tier", "front"), ("x", "y")])));
        assert!(!selector.matches(&labels(&[("app", "web")])));
    }
}
