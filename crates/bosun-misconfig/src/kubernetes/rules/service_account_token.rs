use crate::kubernetes::labels::may_share_namespace;
use crate::kubernetes::{K8sObject, Workload};
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S029",
        name: "service-account-token-automounted",
        title: "Pod gets a service account token it may not need",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["env.least-access"],
        aliases: &["KSV-0036", "CKV_K8S_38", "automountServiceAccountToken"],
        rationale: "Unless told otherwise, Kubernetes mounts a token of the pod's service account into every \
                    container. Most applications never call the Kubernetes API, but anyone who compromises \
                    them can, with whatever RBAC the account has. Opting out by default, and opting in \
                    explicitly where the API is used, keeps that credential where it is needed.",
        remediation: "Set `automountServiceAccountToken: false` on the pod or its ServiceAccount (`true` on the pod where the API is really used).",
        bad_example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
        good_example: "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\nautomountServiceAccountToken: false\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      serviceAccountName: web\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      automountServiceAccountToken: false\n      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: migrate:1.0\n",
    },
    // Cross-document: the pod's ServiceAccount, elsewhere in the scan, may opt out for it.
    check: Check::Cluster(check),
};

fn check(objects: &[&K8sObject], hits: &mut Hits) {
    let config = Config::default();
    for object in objects {
        let Some(workload) = Workload::of(object, &config) else { continue };
        // An explicit value, true or false, is a decision made on purpose.
        if workload.get("automountServiceAccountToken").and_then(|v| v.as_bool()).is_some() {
            continue;
        }
        let account = ["serviceAccountName", "serviceAccount"]
            .iter()
            .find_map(|key| workload.get(key).and_then(|n| n.scalar_text()).filter(|n| !n.is_empty()))
            .unwrap_or_else(|| "default".into());
        let opted_out = objects.iter().any(|o| {
            o.kind == "ServiceAccount"
                && o.name == account
                && may_share_namespace(o, object)
                && o.root.get("automountServiceAccountToken").and_then(|v| v.as_bool()) == Some(false)
        });
        if !opted_out {
            hits.push_at(
                &object.path,
                &object.resource_id(),
                workload.spec_span(),
                format!(
                    "the token of service account \"{account}\" is mounted into every container \
                     (automountServiceAccountToken is not false on the pod or the account)"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn an_account_that_does_not_opt_out_does_not_help() {
        let text = RULE.meta.good_example.replace("automountServiceAccountToken: false\n---", "---");
        let findings = run_on_example(&RULE, &text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.resource.as_deref(), Some("Deployment/default/web"));
        assert!(findings[0].message.contains("service account \"web\""));
    }

    #[test]
    fn an_account_in_another_namespace_does_not_help() {
        let text = RULE
            .meta
            .good_example
            .replace("  name: web\nautomount", "  name: web\n  namespace: other\nautomount")
            .replace("  name: web\nspec:", "  name: web\n  namespace: shop\nspec:");
        assert_eq!(run_on_example(&RULE, &text).len(), 1);
    }

    #[test]
    fn explicit_true_is_a_decision() {
        let text = RULE.meta.bad_example.replace(
            "    spec:\n      containers:",
            "    spec:\n      automountServiceAccountToken: true\n      containers:",
        );
        assert!(run_on_example(&RULE, &text).is_empty());
    }
}
