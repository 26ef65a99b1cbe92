use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S050",
        name: "image-latest-tag",
        title: "Container image has no tag or uses latest",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["img.fixed-tags"],
        aliases: &["KSV-0013", "CKV_K8S_14", "latest-tag", "tagNotSpecified"],
        rationale: "An image without a tag is pulled as `latest`, and `latest` moves whenever someone pushes. \
                    Two nodes can run different code under the same manifest, a restart can silently \
                    upgrade a pod, and there is no earlier version to roll back to.",
        remediation: "Name a specific version tag (e.g. `nginx:1.27.3`), or better, pin the image by digest.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:latest\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    for container in workload.containers() {
        let Some((node, text, image)) = container.image_ref() else { continue };
        // A digest fixes the content whatever the tag says.
        if image.digest.is_some() {
            continue;
        }
        match image.tag.as_deref() {
            None => hits.push(
                node.span,
                format!(
                    "{} uses image \"{text}\" without a tag, so it runs whatever `latest` is",
                    container.label()
                ),
            ),
            Some("latest") => hits.push(
                node.span,
                format!("{} uses image \"{text}\" with the moving `latest` tag", container.label()),
            ),
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    fn pod(images: &[&str]) -> String {
        let mut text =
            String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n");
        for (i, image) in images.iter().enumerate() {
            text.push_str(&format!("    - name: c{i}\n      image: {image}\n"));
        }
        text
    }

    #[test]
    fn untagged_image_is_latest() {
        let findings = run_on_example(&RULE, &pod(&["nginx"]));
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("without a tag"), "{}", findings[0].message);
        assert_eq!(findings[0].location.start_line, 8);
    }

    #[test]
    fn digest_or_registry_port_is_not_a_tag_problem() {
        let digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        let text =
            pod(&[&format!("nginx@{digest}"), &format!("nginx:latest@{digest}"), "localhost:5000/app:1.2"]);
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn registry_port_without_tag_is_untagged() {
        assert_eq!(run_on_example(&RULE, &pod(&["localhost:5000/app"])).len(), 1);
    }

    #[test]
    fn init_containers_and_cronjobs_are_checked() {
        let text = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n            - name: init\n              image: busybox\n          containers:\n            - name: job\n              image: alpine:3.20\n";
        let findings = run_on_example(&RULE, text);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("init container \"init\""));
    }

    #[test]
    fn variables_are_left_alone() {
        assert!(run_on_example(&RULE, &pod(&["${IMAGE}"])).is_empty());
    }
}
