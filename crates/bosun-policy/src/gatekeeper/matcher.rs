//! `spec.match` of a Constraint: which objects it applies to.
//!
//! Follows Gatekeeper's semantics: every present criterion must hold; `namespaces` and
//! `excludedNamespaces` never exclude cluster-scoped objects (a Namespace object is
//! matched by its own name); names may end or start with `*`.

use super::review::Review;
use super::str_at;
use serde_json::Value as Json;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Match {
    /// (apiGroups, kinds) pairs; empty means every kind.
    kinds: Vec<(Vec<String>, Vec<String>)>,
    namespaces: Option<Vec<String>>,
    excluded_namespaces: Vec<String>,
    scope: Scope,
    name: Option<String>,
    label_selector: Option<Selector>,
    namespace_selector: Option<Selector>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Scope {
    #[default]
    All,
    Cluster,
    Namespaced,
}

/// A Kubernetes label selector.
#[derive(Debug, Clone, Default, PartialEq)]
struct Selector {
    match_labels: BTreeMap<String, String>,
    expressions: Vec<Requirement>,
}

#[derive(Debug, Clone, PartialEq)]
struct Requirement {
    key: String,
    operator: Operator,
    values: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operator {
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

/// Why a constraint did not run on a review, when it is not simply "no match".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Matches,
    NoMatch,
    /// `namespaceSelector` is set but the caller does not know the namespace's labels.
    NeedsNamespaceLabels,
}

fn strings(node: Option<&Json>, what: &str) -> Result<Vec<String>, String> {
    match node {
        None | Some(Json::Null) => Ok(Vec::new()),
        Some(Json::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string).ok_or_else(|| format!("{what} must hold strings")))
            .collect(),
        Some(_) => Err(format!("{what} must be a list")),
    }
}

impl Match {
    pub fn parse(node: Option<&Json>) -> Result<Match, String> {
        let Some(node) = node.filter(|n| !n.is_null()) else { return Ok(Match::default()) };
        let mut m = Match::default();
        if let Some(kinds) = node.get("kinds") {
            for (i, entry) in kinds.as_array().ok_or("spec.match.kinds must be a list")?.iter().enumerate() {
                let groups = strings(entry.get("apiGroups"), &format!("spec.match.kinds[{i}].apiGroups"))?;
                let kinds = strings(entry.get("kinds"), &format!("spec.match.kinds[{i}].kinds"))?;
                m.kinds.push((groups, kinds));
            }
        }
        if node.get("namespaces").is_some_and(|n| !n.is_null()) {
            m.namespaces = Some(strings(node.get("namespaces"), "spec.match.namespaces")?);
        }
        m.excluded_namespaces = strings(node.get("excludedNamespaces"), "spec.match.excludedNamespaces")?;
        m.scope = match str_at(node, &["scope"]) {
            None | Some("*") => Scope::All,
            Some("Cluster") => Scope::Cluster,
            Some("Namespaced") => Scope::Namespaced,
            Some(other) => return Err(format!("spec.match.scope {other:?} is not *, Cluster or Namespaced")),
        };
        m.name = str_at(node, &["name"]).map(str::to_string);
        m.label_selector = Selector::parse(node.get("labelSelector"), "spec.match.labelSelector")?;
        m.namespace_selector =
            Selector::parse(node.get("namespaceSelector"), "spec.match.namespaceSelector")?;
        Ok(m)
    }

    pub fn has_namespace_selector(&self) -> bool {
        self.namespace_selector.is_some()
    }

    pub fn check(&self, review: &Review) -> Outcome {
        if !self.kind_matches(review) || !self.scope_matches(review) || !self.namespace_matches(review) {
            return Outcome::NoMatch;
        }
        if self.name.as_ref().is_some_and(|pattern| !wildcard_match(pattern, &review.name)) {
            return Outcome::NoMatch;
        }
        if let Some(selector) = &self.label_selector {
            if !selector.matches(&review.labels()) {
                return Outcome::NoMatch;
            }
        }
        if let Some(selector) = &self.namespace_selector {
            // A Namespace object is selected by its own labels.
            if review.kind == "Namespace" && review.group.is_empty() {
                return if selector.matches(&review.labels()) { Outcome::Matches } else { Outcome::NoMatch };
            }
            if review.namespace.is_empty() {
                return Outcome::Matches;
            }
            let Some(labels) = &review.namespace_labels else { return Outcome::NeedsNamespaceLabels };
            let labels = labels.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            if !selector.matches(&labels) {
                return Outcome::NoMatch;
            }
        }
        Outcome::Matches
    }

    fn kind_matches(&self, review: &Review) -> bool {
        let any = |list: &[String], value: &str| list.iter().any(|item| item == "*" || item == value);
        self.kinds.is_empty()
            || self.kinds.iter().any(|(groups, kinds)| any(groups, &review.group) && any(kinds, &review.kind))
    }

    fn scope_matches(&self, review: &Review) -> bool {
        match self.scope {
            Scope::All => true,
            Scope::Cluster => review.namespace.is_empty(),
            Scope::Namespaced => !review.namespace.is_empty(),
        }
    }

    fn namespace_matches(&self, review: &Review) -> bool {
        let namespace = if review.kind == "Namespace" && review.group.is_empty() {
            review.name.as_str()
        } else {
            review.namespace.as_str()
        };
        if namespace.is_empty() {
            return true;
        }
        let listed = |patterns: &[String]| patterns.iter().any(|p| wildcard_match(p, namespace));
        if self.namespaces.as_deref().is_some_and(|ns| !listed(ns)) {
            return false;
        }
        !listed(&self.excluded_namespaces)
    }
}

/// Gatekeeper's name patterns: exact, `prefix*` or `*suffix`.
fn wildcard_match(pattern: &str, value: &str) -> bool {
    if let Some(prefix) = pattern.strip_suffix('*') {
        value.starts_with(prefix)
    } else if let Some(suffix) = pattern.strip_prefix('*') {
        value.ends_with(suffix)
    } else {
        pattern == value
    }
}

impl Selector {
    fn parse(node: Option<&Json>, what: &str) -> Result<Option<Selector>, String> {
        let Some(node) = node.filter(|n| !n.is_null()) else { return Ok(None) };
        let mut selector = Selector::default();
        if let Some(labels) = node.get("matchLabels").filter(|n| !n.is_null()) {
            for (key, value) in
                labels.as_object().ok_or_else(|| format!("{what}.matchLabels must be a map"))?
            {
                let value =
                    value.as_str().ok_or_else(|| format!("{what}.matchLabels.{key} must be a string"))?;
                selector.match_labels.insert(key.clone(), value.to_string());
            }
        }
        if let Some(expressions) = node.get("matchExpressions").filter(|n| !n.is_null()) {
            let list =
                expressions.as_array().ok_or_else(|| format!("{what}.matchExpressions must be a list"))?;
            for (i, expr) in list.iter().enumerate() {
                let at = format!("{what}.matchExpressions[{i}]");
                let key = str_at(expr, &["key"]).ok_or_else(|| format!("{at} has no key"))?.to_string();
                let operator = match str_at(expr, &["operator"]) {
                    Some("In") => Operator::In,
                    Some("NotIn") => Operator::NotIn,
                    Some("Exists") => Operator::Exists,
                    Some("DoesNotExist") => Operator::DoesNotExist,
                    other => {
                        return Err(format!(
                            "{at}: operator {other:?} is not In, NotIn, Exists or DoesNotExist"
                        ))
                    }
                };
                let values = strings(expr.get("values"), &format!("{at}.values"))?;
                if matches!(operator, Operator::In | Operator::NotIn) && values.is_empty() {
                    return Err(format!("{at}: {operator:?} needs values"));
                }
                selector.expressions.push(Requirement { key, operator, values });
            }
        }
        Ok(Some(selector))
    }

    fn matches(&self, labels: &BTreeMap<&str, &str>) -> bool {
        self.match_labels.iter().all(|(k, v)| labels.get(k.as_str()) == Some(&v.as_str()))
            && self.expressions.iter().all(|req| {
                let value = labels.get(req.key.as_str());
                match req.operator {
                    Operator::In => value.is_some_and(|v| req.values.iter().any(|x| x == v)),
                    Operator::NotIn => value.is_none_or(|v| !req.values.iter().any(|x| x == v)),
                    Operator::Exists => value.is_some(),
                    Operator::DoesNotExist => value.is_none(),
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(namespace: &str, labels: Json) -> Review {
        Review::from_object(&json!({"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "web-1", "namespace": namespace, "labels": labels}}))
    }

    fn parse(node: Json) -> Match {
        Match::parse(Some(&node)).unwrap()
    }

    #[test]
    fn kinds_need_group_and_kind() {
        let m = parse(
            json!({"kinds": [{"apiGroups": [""], "kinds": ["Pod"]}, {"apiGroups": ["apps"], "kinds": ["*"]}]}),
        );
        assert_eq!(m.check(&pod("a", json!({}))), Outcome::Matches);
        let deploy = Review::from_object(
            &json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}}),
        );
        assert_eq!(m.check(&deploy), Outcome::Matches);
        let job =
            Review::from_object(&json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"}}));
        assert_eq!(m.check(&job), Outcome::NoMatch);
    }

    #[test]
    fn namespaces_with_wildcards_and_exclusions() {
        let m = parse(json!({"namespaces": ["prod-*", "payments"], "excludedNamespaces": ["prod-sandbox"]}));
        assert_eq!(m.check(&pod("prod-eu", json!({}))), Outcome::Matches);
        assert_eq!(m.check(&pod("payments", json!({}))), Outcome::Matches);
        assert_eq!(m.check(&pod("prod-sandbox", json!({}))), Outcome::NoMatch);
        assert_eq!(m.check(&pod("dev", json!({}))), Outcome::NoMatch);
        let ns = Review::from_object(
            &json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dev"}}),
        );
        assert_eq!(m.check(&ns), Outcome::NoMatch, "a Namespace is matched by its own name");
        let role = Review::from_object(
            &json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "r"}}),
        );
        assert_eq!(m.check(&role), Outcome::Matches, "cluster-scoped objects ignore namespaces");
    }

    #[test]
    fn label_selector_operators() {
        let m = parse(json!({"labelSelector": {"matchLabels": {"team": "pay"}, "matchExpressions": [
            {"key": "tier", "operator": "In", "values": ["web", "api"]},
            {"key": "legacy", "operator": "DoesNotExist"},
            {"key": "env", "operator": "NotIn", "values": ["dev"]},
            {"key": "owner", "operator": "Exists"}]}}));
        let good = json!({"team": "pay", "tier": "web", "env": "prod", "owner": "x"});
        assert_eq!(m.check(&pod("a", good)), Outcome::Matches);
        assert_eq!(m.check(&pod("a", json!({"team": "pay", "tier": "db", "owner": "x"}))), Outcome::NoMatch);
        assert_eq!(
            m.check(&pod("a", json!({"team": "pay", "tier": "web", "owner": "x", "legacy": "1"}))),
            Outcome::NoMatch
        );
        assert_eq!(
            m.check(&pod("a", json!({"team": "pay", "tier": "web", "env": "dev", "owner": "x"}))),
            Outcome::NoMatch
        );
        assert_eq!(m.check(&pod("a", json!({"team": "pay", "tier": "web"}))), Outcome::NoMatch);
    }

    #[test]
    fn namespace_selector_needs_labels() {
        let m = parse(json!({"namespaceSelector": {"matchLabels": {"env": "prod"}}}));
        let mut review = pod("a", json!({}));
        assert_eq!(m.check(&review), Outcome::NeedsNamespaceLabels);
        review.namespace_labels = Some([("env".to_string(), "prod".to_string())].into());
        assert_eq!(m.check(&review), Outcome::Matches);
        review.namespace_labels = Some(BTreeMap::new());
        assert_eq!(m.check(&review), Outcome::NoMatch);
    }

    #[test]
    fn rejects_bad_operators_and_scopes() {
        let bad = json!({"labelSelector": {"matchExpressions": [{"key": "a", "operator": "Gt"}]}});
        assert!(Match::parse(Some(&bad)).unwrap_err().contains("operator"));
        assert!(Match::parse(Some(&json!({"scope": "Global"}))).unwrap_err().contains("scope"));
        assert!(Match::parse(Some(&json!({"kinds": "Pod"}))).unwrap_err().contains("kinds"));
    }
}
