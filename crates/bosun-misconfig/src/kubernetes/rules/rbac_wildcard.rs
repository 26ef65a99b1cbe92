use crate::kubernetes::rbac::PolicyRule;
use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S054",
        name: "rbac-wildcard",
        title: "Role uses a wildcard in verbs, resources or API groups",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["env.least-access"],
        aliases: &["KSV-0045", "KSV-0046", "CKV_K8S_49", "wildcard-in-rules"],
        rationale: "`*` grants more than anyone reviewed: every verb includes `escalate`, `bind`, \
                    `impersonate` and `delete`; every resource includes secrets and any custom resource \
                    installed later; every API group includes groups that reuse a resource name. Permissions \
                    written out can be audited, wildcards cannot.",
        remediation: "List the verbs, resources and API groups the subject needs instead of `*`.",
        bad_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\n  namespace: shop\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"configmaps\"]\n    verbs: [\"*\"]\n",
        good_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\n  namespace: shop\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"configmaps\"]\n    verbs: [\"get\", \"list\", \"watch\"]\n",
    },
    check: Check::Object(check),
};

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    for rule in PolicyRule::of(object) {
        // Rules for non-resource URLs (`/healthz`, `/metrics`) have no resources and
        // grant little; `*` there is routine.
        if rule.items("resources").is_empty() {
            continue;
        }
        let wildcards: Vec<_> = ["apiGroups", "resources", "verbs"]
            .into_iter()
            .filter_map(|key| rule.listed(key, &["*"]).into_iter().next().map(|item| (key, item)))
            .collect();
        // All three at once is K8S053's (more severe) finding.
        if wildcards.is_empty() || wildcards.len() == 3 {
            continue;
        }
        let fields: Vec<_> = wildcards.iter().map(|(key, _)| *key).collect();
        let named = |key: &str| {
            let values: Vec<_> = rule.items(key).into_iter().map(|i| i.value).filter(|v| v != "*").collect();
            if values.is_empty() {
                None
            } else {
                Some(format!("{key} {}", values.join(", ")))
            }
        };
        let context: Vec<_> =
            ["verbs", "resources"].into_iter().filter(|k| !fields.contains(k)).filter_map(named).collect();
        let context =
            if context.is_empty() { String::new() } else { format!(" (with {})", context.join("; ")) };
        hits.push(
            wildcards[0].1.node.span,
            format!("{} \"{}\" uses \"*\" in {}{context}", object.kind, object.name, fields.join(" and ")),
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
    fn wildcard_resources_names_the_verbs() {
        let findings = run_on_example(
            &RULE,
            &role("  - apiGroups: [\"\"]\n    resources: [\"*\"]\n    verbs: [get, list]\n"),
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].message, "ClusterRole \"r\" uses \"*\" in resources (with verbs get, list)");
        assert_eq!(findings[0].location.start_line, 7);
    }

    #[test]
    fn several_wildcards_are_one_finding() {
        let findings = run_on_example(
            &RULE,
            &role("  - apiGroups: [\"*\"]\n    resources: [secrets]\n    verbs: [\"*\"]\n"),
        );
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.contains("apiGroups and verbs (with resources secrets)"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn full_wildcard_and_non_resource_urls_are_left_alone() {
        assert!(run_on_example(
            &RULE,
            &role("  - apiGroups: [\"*\"]\n    resources: [\"*\"]\n    verbs: [\"*\"]\n")
        )
        .is_empty());
        assert!(run_on_example(&RULE, &role("  - nonResourceURLs: [\"/metrics\"]\n    verbs: [\"*\"]\n"))
            .is_empty());
    }

    #[test]
    fn bindings_are_not_roles() {
        let text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: \"*\"\nsubjects: []\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
