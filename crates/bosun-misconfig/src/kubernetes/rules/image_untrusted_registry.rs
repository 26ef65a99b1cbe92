use crate::images::{is_trusted, registry_host};
use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S052",
        name: "image-untrusted-registry",
        title: "Container image comes from a registry that is not trusted",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["img.trusted-base", "img.registry"],
        aliases: &["KSV-0125"],
        rationale: "Images from registries outside the organisation's control bypass its scanning, signing \
                    and retention, and can change or disappear without notice. This rule runs only when \
                    `trusted-registries` is set under `[kubernetes]` in bosun.toml (the examples assume \
                    `registry.example.com`). An entry is a registry host (`registry.example.com`), a host \
                    with a path prefix (`ghcr.io/acme`), or a wildcard subdomain (`*.example.com`); Docker \
                    Hub is `docker.io`.",
        remediation: "Mirror the image into a trusted registry and reference it there, or add the registry to \
                      `[kubernetes] trusted-registries`.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: docker.io/library/nginx:1.27.3\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: registry.example.com/mirror/nginx:1.27.3\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    let trusted = &workload.config.kubernetes.trusted_registries;
    if trusted.is_empty() {
        return;
    }
    for container in workload.containers() {
        let Some((node, text, image)) = container.image_ref() else { continue };
        if !is_trusted(&image, trusted) {
            hits.push(
                node.span,
                format!(
                    "{} uses image \"{text}\" from registry \"{}\", which is not in trusted-registries",
                    container.label(),
                    registry_host(&image)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{analyze_file, FileContext, InputKind};
    use crate::rule::RuleSet;
    use bosun_core::config::Config;

    fn scan(trusted: &[&str], image: &str) -> Vec<bosun_core::Finding> {
        let mut config = Config::default();
        config.kubernetes.trusted_registries = trusted.iter().map(|s| s.to_string()).collect();
        let text =
            format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: {image}\n");
        analyze_file(
            "pod.yaml",
            &text,
            InputKind::Yaml,
            FileContext::default(),
            &RuleSet::only(&RULE),
            &config,
        )
        .findings
    }

    #[test]
    fn nothing_is_checked_without_a_list() {
        assert!(scan(&[], "evil.example.net/x:1").is_empty());
    }

    #[test]
    fn hosts_prefixes_and_wildcards() {
        assert!(scan(&["registry.example.com"], "registry.example.com/a/b:1").is_empty());
        assert!(scan(&["ghcr.io/acme"], "ghcr.io/acme/app:1").is_empty());
        assert_eq!(scan(&["ghcr.io/acme"], "ghcr.io/acme-evil/app:1").len(), 1);
        assert!(scan(&["*.example.com"], "eu.registry.example.com/app:1").is_empty());
        assert_eq!(scan(&["*.example.com"], "example.com/app:1").len(), 1);
        assert_eq!(scan(&["*.example.com"], "badexample.com/app:1").len(), 1);
    }

    #[test]
    fn docker_hub_names() {
        assert!(scan(&["docker.io"], "nginx:1.27").is_empty());
        assert!(scan(&["docker.io/library"], "nginx:1.27").is_empty());
        assert!(scan(&["https://index.docker.io/"], "bitnami/redis:7").is_empty());
        assert_eq!(scan(&["docker.io/library"], "bitnami/redis:7").len(), 1);
        let findings = scan(&["registry.example.com"], "nginx:1.27");
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("registry \"docker.io\""), "{}", findings[0].message);
    }

    #[test]
    fn registry_with_port_is_its_own_host() {
        assert_eq!(scan(&["localhost"], "localhost:5000/app:1").len(), 1);
        assert!(scan(&["localhost:5000"], "localhost:5000/app:1").is_empty());
    }
}
