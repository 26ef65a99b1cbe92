use crate::kubernetes::rbac::PolicyRule;
use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S053",
        name: "rbac-full-wildcard",
        title: "Role grants every verb on every resource",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &["env.least-access"],
        aliases: &["KSV-0044", "CKV_K8S_49", "wildcard-in-rules"],
        rationale: "A rule with `*` for API groups, resources and verbs is cluster-admin under another name: \
                    whoever holds it can read every secret, run privileged pods and grant themselves anything \
                    else. It also silently covers every resource type added later.",
        remediation: "Replace the wildcards with the API groups, resources and verbs the subject actually uses.",
        bad_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\nrules:\n  - apiGroups: [\"*\"]\n    resources: [\"*\"]\n    verbs: [\"*\"]\n",
        good_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\nrules:\n  - apiGroups: [\"apps\"]\n    resources: [\"deployments\"]\n    verbs: [\"get\", \"list\", \"watch\"]\n",
    },
    check: Check::Object(check),
};

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    for rule in PolicyRule::of(object) {
        if ["apiGroups", "resources", "verbs"].iter().all(|key| !rule.listed(key, &["*"]).is_empty()) {
            hits.push(
                rule.span(),
                format!(
                    "{} \"{}\" grants every verb on every resource of every API group, as much as cluster-admin",
                    object.kind, object.name
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn partial_wildcards_are_not_this_rule() {
        let text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"*\"]\n    verbs: [\"*\"]\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }

    #[test]
    fn system_roles_are_skipped() {
        let text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:controller:x\nrules:\n  - apiGroups: [\"*\"]\n    resources: [\"*\"]\n    verbs: [\"*\"]\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }

    #[test]
    fn points_at_the_rule() {
        let text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n  namespace: ns\nrules:\n  - apiGroups: [\"\"]\n    resources: [pods]\n    verbs: [get]\n  - apiGroups: [\"*\"]\n    resources: [\"*\"]\n    verbs: [\"*\"]\n";
        let findings = run_on_example(&RULE, text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 10);
    }
}
