use crate::kubernetes::rbac::Binding;
use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S061",
        name: "anonymous-role-binding",
        title: "Binding grants a role to unauthenticated users",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &["env.least-access"],
        aliases: &["KSV-0122"],
        rationale: "`system:anonymous` and `system:unauthenticated` are whoever reaches the API server without \
                    credentials: anyone on the network, or on the internet for a public endpoint. Any role \
                    bound to them is public, and clusters have been taken over through exactly this. Only \
                    the built-in `system:public-info-viewer` (version and health endpoints) is left alone.",
        remediation: "Remove the anonymous subject; bind the role to `system:authenticated` or to named users, \
                      groups or service accounts.",
        bad_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: public-view\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - apiGroup: rbac.authorization.k8s.io\n    kind: Group\n    name: system:unauthenticated\n",
        good_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: public-view\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - apiGroup: rbac.authorization.k8s.io\n    kind: Group\n    name: platform-viewers\n",
    },
    check: Check::Object(check),
};

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    let Some(binding) = Binding::of(object) else { return };
    if binding.role_kind == "ClusterRole" && binding.role_name == "system:public-info-viewer" {
        return;
    }
    for subject in &binding.subjects {
        let anonymous = matches!(
            (subject.kind.as_str(), subject.name.as_str()),
            ("User", "system:anonymous")
                | ("Group", "system:unauthenticated")
                | ("Group", "system:anonymous")
        );
        if anonymous {
            hits.push(
                subject.span(),
                format!(
                    "{} \"{}\" grants {} to {} \"{}\": anyone who can reach the API server gets it without credentials",
                    object.kind,
                    object.name,
                    binding.role_label(),
                    subject.kind,
                    subject.name
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    fn binding(role: &str, subject: &str) -> String {
        format!("apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: ns\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: {role}\nsubjects:\n{subject}")
    }

    #[test]
    fn anonymous_user_points_at_the_subject() {
        let findings =
            run_on_example(&RULE, &binding("edit", "  - kind: User\n    name: system:anonymous\n"));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 12);
        assert!(findings[0].message.contains("ClusterRole \"edit\" to User \"system:anonymous\""));
    }

    #[test]
    fn public_info_viewer_is_by_design() {
        let text =
            binding("system:public-info-viewer", "  - kind: Group\n    name: system:unauthenticated\n");
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn authenticated_users_are_not_anonymous() {
        let text = binding("view", "  - kind: Group\n    name: system:authenticated\n");
        assert!(run_on_example(&RULE, &text).is_empty());
    }
}
