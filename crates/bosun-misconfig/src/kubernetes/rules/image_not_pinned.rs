use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S051",
        name: "image-not-pinned-by-digest",
        title: "Container image is not pinned by digest",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["img.fixed-tags", "run.drift"],
        aliases: &["CKV_K8S_43"],
        rationale: "A version tag is a name the registry owner can point at other content at any time, by \
                    mistake or after a compromise. A digest names the exact image bytes, so what was \
                    scanned and reviewed is what runs, on every node and after every reschedule.",
        remediation: "Append the image digest (`image: nginx:1.27.3@sha256:...`); tools like crane, skopeo or \
                      Renovate can resolve and update it.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    for container in workload.containers() {
        let Some((node, text, image)) = container.image_ref() else { continue };
        if image.digest.is_some() {
            continue;
        }
        // Missing and `latest` tags are K8S050's finding; this rule is the next step.
        match image.tag.as_deref() {
            Some(tag) if !tag.is_empty() && tag != "latest" => hits.push(
                node.span,
                format!(
                    "{} uses image \"{text}\" by tag only: tag \"{tag}\" can be moved to other content",
                    container.label()
                ),
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn latest_and_untagged_are_left_to_the_tag_rule() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx\n    - name: b\n      image: nginx:latest\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }

    #[test]
    fn every_tagged_container_is_reported() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: init\n          image: busybox:1.36\n      containers:\n        - name: app\n          image: ghcr.io/acme/app:2.0.1\n";
        let findings = run_on_example(&RULE, text);
        assert_eq!(findings.len(), 2);
        assert!(findings[1].message.contains("tag \"2.0.1\""), "{}", findings[1].message);
    }
}
