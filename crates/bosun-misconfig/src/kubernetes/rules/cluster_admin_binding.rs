use crate::kubernetes::rbac::Binding;
use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S055",
        name: "cluster-admin-binding",
        title: "Binding grants the cluster-admin role",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &["env.least-access"],
        aliases: &[
            "KSV-0111",
            "cluster-admin-role-binding",
            "clusterrolebindingClusterAdmin",
            "rolebindingClusterAdminClusterRole",
        ],
        rationale: "cluster-admin can do anything to any object: read every secret, run privileged pods on \
                    any node, change RBAC. A leaked token or compromised pod of a subject bound to it owns \
                    the cluster; through a RoleBinding it still owns the whole namespace, including its \
                    secrets and service accounts. Kubernetes' own `system:` users and groups are not reported.",
        remediation: "Bind a role that grants only the resources and verbs the subject uses.",
        bad_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci-admin\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: tools\n",
        good_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci-deployer\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ci-deployer\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: tools\n",
    },
    check: Check::Object(check),
};

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    let Some(binding) = Binding::of(object) else { return };
    if binding.role_kind != "ClusterRole" || binding.role_name != "cluster-admin" {
        return;
    }
    let namespace = object.effective_namespace();
    let subjects: Vec<_> =
        binding.subjects.iter().filter(|s| !s.is_system()).map(|s| s.label(namespace)).collect();
    if subjects.is_empty() {
        return;
    }
    let scope = if object.kind == "RoleBinding" {
        format!("full control of namespace \"{namespace}\"")
    } else {
        "full control of the cluster".to_string()
    };
    hits.push(
        binding.role_name_node.span,
        format!(
            "{} \"{}\" binds cluster-admin to {}: {scope}",
            object.kind,
            object.name,
            subjects.join(", ")
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    fn binding(kind: &str, subjects: &str) -> String {
        format!("apiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}\nmetadata:\n  name: b\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n{subjects}")
    }

    #[test]
    fn system_subjects_are_kubernetes_own() {
        let text = binding(
            "ClusterRoleBinding",
            "  - kind: Group\n    name: system:masters\n    apiGroup: rbac.authorization.k8s.io\n",
        );
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn system_groups_of_whole_populations_are_reported() {
        for group in ["system:authenticated", "system:serviceaccounts", "system:serviceaccounts:shop"] {
            let text = binding("ClusterRoleBinding", &format!("  - kind: Group\n    name: {group}\n"));
            assert_eq!(run_on_example(&RULE, &text).len(), 1, "{group}");
        }
    }

    #[test]
    fn role_binding_names_the_namespace_and_subjects() {
        let text = binding(
            "RoleBinding",
            "  - kind: Group\n    name: system:masters\n  - kind: User\n    name: alice\n  - kind: ServiceAccount\n    name: deployer\n",
        );
        let findings = run_on_example(&RULE, &text);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "RoleBinding \"b\" binds cluster-admin to User \"alice\", ServiceAccount \"shop/deployer\": full control of namespace \"shop\""
        );
        assert_eq!(findings[0].location.start_line, 9);
    }

    #[test]
    fn a_namespaced_role_named_cluster_admin_is_not_the_cluster_role() {
        let text = binding("RoleBinding", "  - kind: User\n    name: alice\n")
            .replace("kind: ClusterRole\n", "kind: Role\n");
        assert!(run_on_example(&RULE, &text).is_empty());
    }
}
