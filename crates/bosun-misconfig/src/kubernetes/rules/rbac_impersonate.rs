use crate::kubernetes::rbac::PolicyRule;
use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S059",
        name: "rbac-impersonate",
        title: "Role grants the impersonate verb",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &["env.least-access"],
        aliases: &["KSV-0043", "CKV2_K8S_3"],
        rationale: "`impersonate` lets its holder send requests as another user, group or service account, \
                    with that identity's permissions. Impersonating `system:masters` or an admin service \
                    account is full control of the cluster, and the audit log shows the impersonated name.",
        remediation: "Remove `impersonate`, or limit it with `resourceNames` to the exact identities needed.",
        bad_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: proxy\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"users\", \"groups\"]\n    verbs: [\"impersonate\"]\n",
        good_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: proxy\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"users\"]\n    resourceNames: [\"readonly-bot\"]\n    verbs: [\"impersonate\"]\n",
    },
    check: Check::Object(check),
};

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    for rule in PolicyRule::of(object) {
        // A named identity (`resourceNames`) is the sanctioned way to use impersonation.
        if rule.is_limited_to_names() {
            continue;
        }
        let Some(verb) = rule.listed("verbs", &["impersonate"]).into_iter().next() else { continue };
        let resources: Vec<_> = rule.items("resources").into_iter().map(|r| r.value).collect();
        if resources.is_empty() {
            continue;
        }
        hits.push(
            verb.node.span,
            format!(
                "{} \"{}\" grants \"impersonate\" on {} without resourceNames: its holder can act as any of them",
                object.kind,
                object.name,
                resources.join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn service_account_impersonation_is_reported() {
        let text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n  namespace: ns\nrules:\n  - apiGroups: [\"\"]\n    resources: [serviceaccounts]\n    verbs: [impersonate]\n";
        let findings = run_on_example(&RULE, text);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("on serviceaccounts"), "{}", findings[0].message);
    }
}
