use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S068",
        name: "ingress-nginx-snippet",
        title: "Ingress injects raw NGINX configuration through a snippet annotation",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["env.misconfig", "env.least-access"],
        aliases: &["CKV_K8S_153"],
        rationale: "ingress-nginx copies `*-snippet` annotations verbatim into the configuration of the \
                    controller, which serves every Ingress and can read the Secrets of every namespace. A \
                    snippet can read files and tokens of the controller and answer for other tenants' hosts \
                    (CVE-2021-25742). Snippets only work when the controller \
                    enables `allow-snippet-annotations`, a setting that should stay off in shared clusters.",
        remediation: "Replace the snippet with the dedicated ingress-nginx annotations, or move the \
                      configuration into the controller's ConfigMap where only administrators can change it.",
        bad_example: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  annotations:\n    nginx.ingress.kubernetes.io/configuration-snippet: |\n      more_set_headers \"X-Frame-Options: DENY\";\nspec:\n  ingressClassName: nginx\n  tls:\n    - hosts: [shop.example.com]\n      secretName: shop-tls\n  rules:\n    - host: shop.example.com\n",
        good_example: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  annotations:\n    nginx.ingress.kubernetes.io/custom-headers: shop/security-headers\nspec:\n  ingressClassName: nginx\n  tls:\n    - hosts: [shop.example.com]\n      secretName: shop-tls\n  rules:\n    - host: shop.example.com\n",
    },
    check: Check::Object(check),
};

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    if object.kind != "Ingress" {
        return;
    }
    let Some(annotations) = object.root.path(&["metadata", "annotations"]) else { return };
    for (key, node) in annotations.entries() {
        let Some(name) = key.as_str() else { continue };
        let is_snippet =
            name.strip_prefix("nginx.ingress.kubernetes.io/").is_some_and(|a| a.ends_with("-snippet"));
        if is_snippet && node.scalar_text().is_some_and(|v| !v.trim().is_empty()) {
            hits.push(
                key.span,
                format!(
                    "Ingress \"{}\" sets {name}: raw NGINX configuration in the shared controller",
                    object.name
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
    fn every_snippet_kind_is_reported() {
        let text = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\n  annotations:\n    nginx.ingress.kubernetes.io/server-snippet: \"location /x { return 200; }\"\n    nginx.ingress.kubernetes.io/auth-snippet: \"proxy_set_header A b;\"\n    nginx.ingress.kubernetes.io/ssl-redirect: \"true\"\nspec: {}\n";
        let findings = run_on_example(&RULE, text);
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[0].location.start_line, 6);
    }
}
