use crate::kubernetes::rbac::PolicyRule;
use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S060",
        name: "rbac-create-workloads",
        title: "Role can create or change workloads",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["env.least-access"],
        aliases: &["KSV-0048", "access-to-create-pods"],
        rationale: "Whoever can create or update pods, or the controllers that make them, chooses the image, \
                    the service account and (as far as admission allows) host access of what runs: they can \
                    mount any secret of the namespace and act as any of its service accounts. Deployers and \
                    operators need this; make sure only they have it, and that admission policy limits what \
                    their pods may do.",
        remediation: "Grant create/update/patch on workloads only to deployment automation, and enforce Pod \
                      Security admission in the namespaces it deploys to.",
        bad_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: dev\n  namespace: shop\nrules:\n  - apiGroups: [\"apps\"]\n    resources: [\"deployments\"]\n    verbs: [\"get\", \"list\", \"create\", \"update\"]\n",
        good_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: dev\n  namespace: shop\nrules:\n  - apiGroups: [\"apps\"]\n    resources: [\"deployments\"]\n    verbs: [\"get\", \"list\", \"watch\"]\n",
    },
    check: Check::Object(check),
};

/// Resources that run pods, with the API groups that serve them (`extensions`
/// still answers on old clusters).
const WORKLOADS: &[(&str, &[&str])] = &[
    ("pods", &[""]),
    ("replicationcontrollers", &[""]),
    ("deployments", &["apps", "extensions"]),
    ("daemonsets", &["apps", "extensions"]),
    ("statefulsets", &["apps"]),
    ("replicasets", &["apps", "extensions"]),
    ("jobs", &["batch"]),
    ("cronjobs", &["batch"]),
];

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    for rule in PolicyRule::of(object) {
        // A create request carries no name yet, so `resourceNames` rules never allow
        // it; updating a named workload still changes what it runs.
        let verbs: &[&str] = if rule.is_limited_to_names() {
            &["update", "patch", "*"]
        } else {
            &["create", "update", "patch", "*"]
        };
        let verbs: Vec<_> = rule.listed("verbs", verbs).into_iter().map(|v| v.value).collect();
        if verbs.is_empty() {
            continue;
        }
        let resources: Vec<_> = rule
            .items("resources")
            .into_iter()
            .filter(|r| {
                WORKLOADS
                    .iter()
                    .any(|(name, groups)| r.value == *name && groups.iter().any(|g| rule.covers_group(g)))
            })
            .collect();
        let Some(first) = resources.first() else { continue };
        hits.push(
            first.node.span,
            format!(
                "{} \"{}\" grants {} on {}: its holder can run any image with any service account of the namespace",
                object.kind,
                object.name,
                verbs.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", "),
                resources.iter().map(|r| r.value.as_str()).collect::<Vec<_>>().join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    fn role(rule: &str) -> String {
        format!("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n{rule}")
    }

    #[test]
    fn one_finding_per_rule_naming_the_workloads() {
        let text = role(
            "  - apiGroups: [\"\", apps]\n    resources: [pods, deployments, services]\n    verbs: [patch]\n",
        );
        let findings = run_on_example(&RULE, &text);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("\"patch\" on pods, deployments:"), "{}", findings[0].message);
    }

    #[test]
    fn the_api_group_must_serve_the_resource() {
        let text = role("  - apiGroups: [\"\"]\n    resources: [deployments]\n    verbs: [create]\n");
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn create_is_never_granted_by_name() {
        let named = "  - apiGroups: [apps]\n    resources: [deployments]\n    resourceNames: [web]\n";
        assert!(run_on_example(&RULE, &role(&format!("{named}    verbs: [get, create]\n"))).is_empty());
        assert_eq!(run_on_example(&RULE, &role(&format!("{named}    verbs: [create, patch]\n"))).len(), 1);
    }

    #[test]
    fn deleting_does_not_run_anything() {
        let text = role("  - apiGroups: [\"\"]\n    resources: [pods]\n    verbs: [get, delete]\n");
        assert!(run_on_example(&RULE, &text).is_empty());
    }
}
