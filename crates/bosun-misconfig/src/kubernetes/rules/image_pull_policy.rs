use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S037",
        name: "image-pull-policy-not-always",
        title: "Image referenced by a mutable tag is not always pulled",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["img.fixed-tags", "run.drift"],
        aliases: &["CKV_K8S_15", "pullPolicyNotAlways"],
        rationale: "A tag can be moved to another image. With `IfNotPresent` (the default for any tag but \
                    `latest`) each node keeps running whatever it pulled first, so replicas of one workload \
                    may run different images, and a node may reuse an image that was cached for another \
                    tenant without the registry checking this pod's pull credentials. Pulling `Always` (or \
                    referencing the image by digest) makes the registry the single source of truth.",
        remediation: "Set `imagePullPolicy: Always`, or reference the image by digest (`image@sha256:...`).",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      imagePullPolicy: IfNotPresent\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      imagePullPolicy: Always\n    - name: exporter\n      image: nginx/nginx-prometheus-exporter@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
    },
    check: Check::Workload(check),
};

/// What Kubernetes pulls with when `imagePullPolicy` is unset: `Always` for
/// `latest` or no tag, `IfNotPresent` for any other tag.
fn default_policy(image: &str) -> &'static str {
    let name = image.rsplit('/').next().unwrap_or(image);
    match name.split_once(':') {
        Some((_, tag)) if tag != "latest" => "IfNotPresent",
        _ => "Always",
    }
}

fn check(workload: &Workload, hits: &mut Hits) {
    for container in workload.containers() {
        // A digest cannot move, so pulling it again changes nothing.
        let Some(image) = container.image().filter(|i| !i.is_empty() && !i.contains('@')) else { continue };
        match container.get("imagePullPolicy").filter(|p| !p.is_null()) {
            Some(policy) => {
                let text = policy.scalar_text().unwrap_or_default();
                if text != "Always" {
                    hits.push(
                        policy.span,
                        format!("{} pulls {image} with imagePullPolicy {text}", container.label()),
                    );
                }
            }
            None if default_policy(&image) != "Always" => hits.push(
                container.span(),
                format!("{} pulls {image} with the default imagePullPolicy, IfNotPresent", container.label()),
            ),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn the_default_depends_on_the_tag() {
        assert_eq!(default_policy("nginx"), "Always");
        assert_eq!(default_policy("nginx:latest"), "Always");
        assert_eq!(default_policy("registry:5000/team/app"), "Always");
        assert_eq!(default_policy("registry:5000/team/app:2.1"), "IfNotPresent");
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: registry:5000/app\n    - name: b\n      image: app:2.1\n";
        let messages: Vec<_> = run_on_example(&RULE, text).into_iter().map(|f| f.message).collect();
        assert_eq!(
            messages,
            vec!["container \"b\" pulls app:2.1 with the default imagePullPolicy, IfNotPresent"]
        );
    }
}
