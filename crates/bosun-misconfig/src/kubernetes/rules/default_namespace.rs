use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S036",
        name: "default-namespace",
        title: "Workload is deployed to the default namespace",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["env.least-access"],
        aliases: &["KSV-0110", "CKV_K8S_21", "use-namespace"],
        rationale: "Namespaces are the unit of RBAC, NetworkPolicies, quotas and Pod Security admission. \
                    Workloads left in `default` share it with everything else that was deployed without \
                    thought, usually under the loosest policies of the cluster. A manifest without a \
                    namespace lands in `default` whenever it is applied without `-n`.",
        remediation: "Set `metadata.namespace` to the application's own namespace (or set it through kustomize/Helm).",
        bad_example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
        good_example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    let object = workload.object;
    let subject = format!("{} \"{}\"", object.kind, object.name);
    match object.root.path(&["metadata", "namespace"]) {
        Some(namespace) if object.namespace.as_deref() == Some("default") => {
            hits.push(namespace.span, format!("{subject} is placed in the default namespace"));
        }
        Some(_) if object.namespace.is_some() => {}
        // Kustomize bases leave the namespace to the overlay that builds them.
        _ if object.namespace_from_kustomize => {}
        _ => hits.push(
            workload.span(),
            format!("{subject} has no namespace, so it lands in default unless applied with one"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn explicit_default_points_at_the_namespace() {
        let text = RULE.meta.good_example.replace("namespace: shop", "namespace: default");
        let findings = run_on_example(&RULE, &text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 5);
        assert_eq!(findings[0].message, "Deployment \"web\" is placed in the default namespace");
    }
}
