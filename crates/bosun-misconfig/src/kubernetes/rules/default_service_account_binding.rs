use crate::kubernetes::rbac::Binding;
use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S062",
        name: "default-service-account-binding",
        title: "Binding grants a role to a default service account",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["env.least-access"],
        aliases: &["CKV_K8S_42"],
        rationale: "Every pod that names no service account runs as its namespace's `default` account. A role \
                    bound to it is therefore given to every such pod, including ones added later by people \
                    who never meant to ask for it, and a compromise of any of them carries the role.",
        remediation: "Create a dedicated service account, bind the role to it, and set `serviceAccountName` in \
                      the pods that need it.",
        bad_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: config-reader\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: config-reader\nsubjects:\n  - kind: ServiceAccount\n    name: default\n    namespace: shop\n",
        good_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: config-reader\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: config-reader\nsubjects:\n  - kind: ServiceAccount\n    name: checkout\n    namespace: shop\n",
    },
    check: Check::Object(check),
};

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    let Some(binding) = Binding::of(object) else { return };
    let namespace = object.effective_namespace();
    for subject in binding.subjects.iter().filter(|s| s.kind == "ServiceAccount" && s.name == "default") {
        let subject_namespace = subject.namespace.as_deref().unwrap_or(namespace);
        hits.push(
            subject.span(),
            format!(
                "{} \"{}\" grants {} to {}, which every pod of namespace \"{subject_namespace}\" without a serviceAccountName runs as",
                object.kind,
                object.name,
                binding.role_label(),
                subject.label(namespace)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn subject_namespace_defaults_to_the_binding_namespace() {
        let text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: shop\nroleRef:\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: ServiceAccount\n    name: default\n";
        let findings = run_on_example(&RULE, text);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("ServiceAccount \"shop/default\""), "{}", findings[0].message);
    }

    #[test]
    fn a_user_named_default_is_not_the_service_account() {
        let text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nroleRef:\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: User\n    name: default\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
