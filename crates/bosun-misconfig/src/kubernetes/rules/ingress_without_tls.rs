use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S067",
        name: "ingress-without-tls",
        title: "Ingress serves plain HTTP without TLS",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["env.misconfig"],
        aliases: &["tlsSettingsMissing"],
        rationale: "Without a `tls` section the Ingress serves its hosts over plain HTTP: credentials, \
                    cookies and data cross the network readable and modifiable by anyone on the path. \
                    Ingresses whose certificate is configured through the cloud controller's annotations \
                    (ALB certificate ARN, GKE managed or pre-shared certificates, Traefik's router.tls, \
                    Application Gateway certificates) are not reported.",
        remediation: "Add a `tls` section with the hosts and the Secret holding their certificate (cert-manager \
                      can issue it).",
        bad_example: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\nspec:\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n",
        good_example: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\nspec:\n  tls:\n    - hosts: [shop.example.com]\n      secretName: shop-tls\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n",
    },
    check: Check::Object(check),
};

/// Annotations through which controllers terminate TLS without `spec.tls`.
const TLS_ANNOTATIONS: &[&str] = &[
    "alb.ingress.kubernetes.io/certificate-arn",
    "ingress.gcp.kubernetes.io/pre-shared-cert",
    "networking.gke.io/managed-certificates",
    "appgw.ingress.kubernetes.io/appgw-ssl-certificate",
];

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    if object.kind != "Ingress" {
        return;
    }
    let Some(spec) = object.spec() else { return };
    if spec.get("tls").is_some_and(|t| !t.as_seq().is_empty()) {
        return;
    }
    let annotation =
        |key: &str| object.annotation(key).and_then(|v| v.scalar_text()).filter(|v| !v.trim().is_empty());
    let tls_elsewhere = TLS_ANNOTATIONS.iter().any(|key| annotation(key).is_some())
        || annotation("traefik.ingress.kubernetes.io/router.tls").is_some_and(|v| v == "true")
        || annotation("alb.ingress.kubernetes.io/listen-ports").is_some_and(|v| v.contains("HTTPS"))
        || annotation("kubernetes.io/ingress.allow-http").is_some_and(|v| v == "false");
    if tls_elsewhere {
        return;
    }
    let hosts: Vec<_> = spec
        .get("rules")
        .map(|r| r.as_seq())
        .unwrap_or_default()
        .iter()
        .filter_map(|rule| rule.get("host").and_then(|h| h.scalar_text()))
        .collect();
    let serves = if hosts.is_empty() { "every host".to_string() } else { hosts.join(", ") };
    hits.push(
        object.kind_span(),
        format!("Ingress \"{}\" has no tls section: it serves {serves} over plain HTTP", object.name),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    fn ingress(annotations: &str) -> String {
        format!("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\n  annotations:\n{annotations}spec:\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n")
    }

    #[test]
    fn tls_through_controller_annotations() {
        for annotation in [
            "    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123:certificate/x\n",
            "    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTPS\": 443}]'\n",
            "    networking.gke.io/managed-certificates: shop-cert\n",
            "    traefik.ingress.kubernetes.io/router.tls: \"true\"\n",
            "    kubernetes.io/ingress.allow-http: \"false\"\n",
        ] {
            assert!(run_on_example(&RULE, &ingress(annotation)).is_empty(), "{annotation}");
        }
    }

    #[test]
    fn default_backend_only_serves_every_host() {
        let findings = run_on_example(&RULE, &ingress("    example.com/owner: shop\n"));
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "Ingress \"i\" has no tls section: it serves every host over plain HTTP"
        );
        assert_eq!(findings[0].location.start_line, 2);
    }
}
