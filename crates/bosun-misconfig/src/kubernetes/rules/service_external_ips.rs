use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S064",
        name: "service-external-ips",
        title: "Service sets externalIPs",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["run.network-segregation", "env.least-access"],
        aliases: &["KSV-0108"],
        rationale: "kube-proxy sends traffic for a Service's `externalIPs` to its pods on every node, and \
                    Kubernetes does not check who owns those addresses. Anyone who can create a Service can \
                    therefore intercept traffic the cluster sends to any IP (CVE-2020-8554, never fixed in \
                    Kubernetes itself). Clusters should block the field with the DenyServiceExternalIPs \
                    admission plugin, and manifests should not depend on it.",
        remediation: "Use a LoadBalancer Service or an Ingress instead of `externalIPs`.",
        bad_example: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n  externalIPs:\n    - 203.0.113.10\n",
        good_example: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  selector:\n    app: web\n  ports:\n    - port: 80\n  loadBalancerSourceRanges:\n    - 203.0.113.0/24\n",
    },
    check: Check::Object(check),
};

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    if object.kind != "Service" {
        return;
    }
    let Some(spec) = object.spec() else { return };
    let Some(ips) = spec.get("externalIPs") else { return };
    let listed: Vec<_> = ips.as_seq().iter().filter_map(|ip| ip.scalar_text()).collect();
    if listed.is_empty() {
        return;
    }
    let span = spec.key_node("externalIPs").map_or(ips.span, |k| k.span);
    hits.push(
        span,
        format!(
            "Service \"{}\" claims externalIPs {}, which no one verifies it owns",
            object.name,
            listed.join(", ")
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn empty_list_is_fine() {
        let text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  externalIPs: []\n  ports:\n    - port: 80\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }

    #[test]
    fn points_at_the_field() {
        let findings = run_on_example(&RULE, RULE.meta.bad_example);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 10);
        assert!(findings[0].message.contains("203.0.113.10"));
    }
}
