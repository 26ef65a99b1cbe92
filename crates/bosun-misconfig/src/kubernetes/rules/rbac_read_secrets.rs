use crate::kubernetes::rbac::PolicyRule;
use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S056",
        name: "rbac-read-secrets",
        title: "Role can read secrets",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["env.least-access"],
        aliases: &["KSV-0041", "KSV-0113", "CKV2_K8S_5", "access-to-secrets"],
        rationale: "Reading secrets yields database passwords, API keys, TLS keys and service account \
                    tokens, which are a direct path to more privilege. `list` and `watch` return the \
                    contents of every secret in scope, not just their names. A rule limited with \
                    `resourceNames` to the secrets the subject needs is not reported.",
        remediation: "Limit the rule with `resourceNames` to the secrets the subject needs, or mount those \
                      secrets into its pods instead of granting API access.",
        bad_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"secrets\", \"configmaps\"]\n    verbs: [\"get\", \"list\", \"watch\"]\n",
        good_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"configmaps\"]\n    verbs: [\"get\", \"list\", \"watch\"]\n  - apiGroups: [\"\"]\n    resources: [\"secrets\"]\n    resourceNames: [\"reader-token\"]\n    verbs: [\"get\"]\n",
    },
    check: Check::Object(check),
};

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    for rule in PolicyRule::of(object) {
        // `resources: ["*"]` is reported by the wildcard rules.
        let Some(resource) = rule.listed("resources", &["secrets"]).into_iter().next() else { continue };
        if !rule.covers_group("") || rule.is_limited_to_names() {
            continue;
        }
        let verbs: Vec<_> =
            rule.listed("verbs", &["get", "list", "watch", "*"]).into_iter().map(|v| v.value).collect();
        if verbs.is_empty() {
            continue;
        }
        let scope = if object.kind == "ClusterRole" {
            "(cluster-wide through a ClusterRoleBinding)".to_string()
        } else {
            format!("of namespace \"{}\"", object.effective_namespace())
        };
        hits.push(
            resource.node.span,
            format!(
                "{} \"{}\" grants {} on all secrets {scope}",
                object.kind,
                object.name,
                verbs.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    fn role(rule: &str) -> String {
        format!("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n  namespace: ns\nrules:\n{rule}")
    }

    #[test]
    fn wildcard_verb_on_secrets_reads_them() {
        let findings = run_on_example(
            &RULE,
            &role("  - apiGroups: [\"\"]\n    resources: [secrets]\n    verbs: [\"*\"]\n"),
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].message, "Role \"r\" grants \"*\" on all secrets of namespace \"ns\"");
    }

    #[test]
    fn writing_without_reading_is_not_reported() {
        let text = role("  - apiGroups: [\"\"]\n    resources: [secrets]\n    verbs: [create, delete]\n");
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn secrets_of_another_api_group_are_not_core_secrets() {
        let text = role("  - apiGroups: [\"example.com\"]\n    resources: [secrets]\n    verbs: [get]\n");
        assert!(run_on_example(&RULE, &text).is_empty());
        let text = role("  - apiGroups: [\"*\"]\n    resources: [secrets]\n    verbs: [list]\n");
        assert_eq!(run_on_example(&RULE, &text).len(), 1);
    }
}
