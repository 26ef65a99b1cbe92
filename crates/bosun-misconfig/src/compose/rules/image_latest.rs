use crate::compose::interpolate::{interpolate, UNRESOLVED};
use crate::compose::{ComposeService, Setting};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC014",
        name: "compose-image-latest",
        title: "Compose service image has no tag or uses latest",
        severity: Severity::Medium,
        domain: Domain::Compose,
        checklist: &["img.fixed-tags"],
        aliases: &[],
        rationale: "An image without a tag means `latest`, and `latest` moves: two hosts, or the same host \
                    before and after a `docker compose pull`, run different software from the same file. \
                    Upgrades happen unreviewed, rollbacks have nothing to return to, and a compromised \
                    upstream release is picked up automatically. Services that are built from the project \
                    (`build:`) are left out: their `image` only names the result.",
        remediation: "Pin a specific version tag (`postgres:16.3`), or better a digest \
                      (`postgres:16.3@sha256:...`).",
        bad_example: "services:\n  db:\n    image: postgres\n",
        good_example: "services:\n  db:\n    image: postgres:16.3\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    // An image built here (`build`, possibly through `extends`) is not pulled by its tag.
    if !matches!(service.setting(&["build"]), Setting::Unset) {
        return;
    }
    let Some(image) = service.get("image") else { return };
    let Some(written) = image.scalar_text() else { return };
    let resolved = interpolate(written.trim());
    if resolved.chars().all(|c| c == UNRESOLVED) || resolved.contains('@') {
        return;
    }
    let last_segment = resolved.rsplit('/').next().unwrap_or_default();
    let problem = match last_segment.split_once(':').map(|(_, tag)| tag) {
        None => "has no tag, so it runs latest",
        Some(tag) if tag.contains(UNRESOLVED) => return,
        Some("latest") => "uses the latest tag",
        Some(_) => return,
    };
    let defaulted = resolved != written.trim() && !resolved.contains(UNRESOLVED);
    let how = if defaulted { format!(" (\"{resolved}\" by default)") } else { String::new() };
    hits.push(image.span, format!("{} image \"{written}\"{how} {problem}", service.label()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn count(image: &str) -> usize {
        run_on_example(&RULE, &format!("services:\n  app:\n    image: {image}\n")).len()
    }

    #[test]
    fn spots_missing_and_floating_tags() {
        for image in [
            "nginx:latest",
            "localhost:5000/team/app",
            "registry.example.com:443/app:latest",
            "\"${REGISTRY}/app\"",
            "\"app:${TAG:-latest}\"",
        ] {
            assert_eq!(count(image), 1, "{image}");
        }
        let messages: Vec<_> = ["\"${REGISTRY}/app\"", "\"app:${TAG:-latest}\""]
            .iter()
            .map(|image| {
                run_on_example(&RULE, &format!("services:\n  app:\n    image: {image}\n")).remove(0).message
            })
            .collect();
        assert_eq!(messages[0], "service \"app\" image \"${REGISTRY}/app\" has no tag, so it runs latest");
        assert_eq!(
            messages[1],
            "service \"app\" image \"app:${TAG:-latest}\" (\"app:latest\" by default) uses the latest tag"
        );
    }

    #[test]
    fn pinned_digests_and_variable_tags_are_fine() {
        for image in [
            "nginx:1.27",
            "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "localhost:5000/app:2.1",
            "\"${IMAGE}\"",
            "\"app:${TAG}\"",
        ] {
            assert_eq!(count(image), 0, "{image}");
        }
    }

    #[test]
    fn built_services_are_fine() {
        let text = "services:\n  app:\n    build: .\n    image: app\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
