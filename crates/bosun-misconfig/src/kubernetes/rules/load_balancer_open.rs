use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S066",
        name: "load-balancer-without-source-ranges",
        title: "LoadBalancer Service accepts traffic from any address",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["run.network-segregation", "env.least-access"],
        aliases: &["exposed-services"],
        rationale: "Without `loadBalancerSourceRanges`, a cloud load balancer forwards traffic from the whole \
                    internet to the Service. Services meant for a few offices, partners or other clusters \
                    should say so, so that the cloud firewall drops everything else. Internal load balancers \
                    (by the usual cloud annotations) are not reported.",
        remediation: "Set `loadBalancerSourceRanges` to the CIDRs that need access, or make the load balancer \
                      internal; put public web traffic behind an Ingress.",
        bad_example: "apiVersion: v1\nkind: Service\nmetadata:\n  name: admin\nspec:\n  type: LoadBalancer\n  selector:\n    app: admin\n  ports:\n    - port: 443\n",
        good_example: "apiVersion: v1\nkind: Service\nmetadata:\n  name: admin\nspec:\n  type: LoadBalancer\n  selector:\n    app: admin\n  ports:\n    - port: 443\n  loadBalancerSourceRanges:\n    - 198.51.100.0/24\n",
    },
    check: Check::Object(check),
};

/// Annotations that keep a cloud load balancer on private addresses, with the
/// value that does it (`None`: any value).
const INTERNAL: &[(&str, Option<&str>)] = &[
    ("service.beta.kubernetes.io/aws-load-balancer-internal", None),
    ("service.beta.kubernetes.io/aws-load-balancer-scheme", Some("internal")),
    ("service.beta.kubernetes.io/azure-load-balancer-internal", Some("true")),
    ("networking.gke.io/load-balancer-type", Some("internal")),
    ("cloud.google.com/load-balancer-type", Some("internal")),
    ("service.beta.kubernetes.io/oci-load-balancer-internal", Some("true")),
    ("service.beta.kubernetes.io/openstack-internal-load-balancer", Some("true")),
    ("service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type", Some("private")),
    ("service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type", Some("intranet")),
];

/// Annotations that restrict sources instead of the spec field.
const SOURCE_RANGE_ANNOTATIONS: &[&str] = &["service.beta.kubernetes.io/load-balancer-source-ranges"];

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    if object.kind != "Service" {
        return;
    }
    let Some(spec) = object.spec() else { return };
    let Some(kind) = spec.get("type").filter(|t| t.as_str() == Some("LoadBalancer")) else { return };
    if spec.get("loadBalancerSourceRanges").is_some_and(|r| !r.as_seq().is_empty()) {
        return;
    }
    let annotation = |key: &str| object.annotation(key).and_then(|v| v.scalar_text());
    let internal = INTERNAL.iter().any(|(key, wanted)| match (annotation(key), wanted) {
        (Some(value), Some(wanted)) => value.eq_ignore_ascii_case(wanted),
        (Some(value), None) => !value.is_empty() && value != "false",
        (None, _) => false,
    });
    if internal
        || SOURCE_RANGE_ANNOTATIONS.iter().any(|key| annotation(key).is_some_and(|v| !v.trim().is_empty()))
    {
        return;
    }
    hits.push(
        kind.span,
        format!(
            "Service \"{}\" is a LoadBalancer without loadBalancerSourceRanges: open to any address",
            object.name
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    fn service(annotations: &str) -> String {
        format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations:\n{annotations}spec:\n  type: LoadBalancer\n  ports:\n    - port: 80\n")
    }

    #[test]
    fn internal_load_balancers_are_private() {
        for annotation in [
            "    service.beta.kubernetes.io/aws-load-balancer-internal: \"true\"\n",
            "    service.beta.kubernetes.io/aws-load-balancer-scheme: internal\n",
            "    networking.gke.io/load-balancer-type: Internal\n",
            "    service.beta.kubernetes.io/azure-load-balancer-internal: \"true\"\n",
            "    service.beta.kubernetes.io/load-balancer-source-ranges: 10.0.0.0/8\n",
        ] {
            assert!(run_on_example(&RULE, &service(annotation)).is_empty(), "{annotation}");
        }
    }

    #[test]
    fn internet_facing_scheme_is_reported() {
        let text = service("    service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing\n");
        assert_eq!(run_on_example(&RULE, &text).len(), 1);
        let text = service("    service.beta.kubernetes.io/aws-load-balancer-internal: \"false\"\n");
        assert_eq!(run_on_example(&RULE, &text).len(), 1);
    }
}
