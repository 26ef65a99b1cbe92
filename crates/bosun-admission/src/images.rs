//! Image policy: a chain of steps, each judging one container image at a time.
//! The built-in steps are the registry allow-list and the tag/digest rules.
//! Signature verification plugs in as one more [`ImageCheck`] added with
//! `Admission::add_image_check`, after the built-ins so it only ever sees
//! references that already passed them (a digest, when `require-digest` is on).

use crate::config::ImagePolicyConfig;
use crate::pod::{self, PodTemplate};
use crate::rules::Violation;
use bosun_core::Severity;
use bosun_syntax::dockerfile::ImageRef;

/// Image-policy rule ids, beside bosun's own ids in messages and per-rule modes.
/// Names start with `admission-` so that they never shadow a scan rule's name
/// (`image-latest-tag` is K8S050's).
pub struct ImageRule {
    pub id: &'static str,
    pub name: &'static str,
    pub title: &'static str,
    pub severity: Severity,
}

pub const REGISTRY_NOT_ALLOWED: ImageRule = ImageRule {
    id: "ADM001",
    name: "admission-image-registry",
    title: "Image comes from a registry that is not allowed",
    severity: Severity::High,
};

pub const DIGEST_REQUIRED: ImageRule = ImageRule {
    id: "ADM002",
    name: "admission-image-digest",
    title: "Image is not pinned by digest",
    severity: Severity::Medium,
};

pub const LATEST_TAG: ImageRule = ImageRule {
    id: "ADM003",
    name: "admission-image-latest",
    title: "Image uses the latest tag or no tag",
    severity: Severity::Medium,
};

pub const IMAGE_RULES: [&ImageRule; 3] = [&REGISTRY_NOT_ALLOWED, &DIGEST_REQUIRED, &LATEST_TAG];

impl ImageRule {
    pub fn answers_to(&self, key: &str) -> bool {
        key.eq_ignore_ascii_case(self.id) || key.eq_ignore_ascii_case(self.name)
    }

    pub fn violation(&self, image: &ContainerImage, message: String) -> Violation {
        Violation {
            rule_id: self.id.into(),
            name: self.name.into(),
            title: self.title.into(),
            severity: self.severity,
            message,
            field: image.field.clone(),
        }
    }
}

/// One container's image, as a step sees it.
pub struct ContainerImage {
    /// As written in the pod spec.
    pub reference: String,
    pub parsed: ImageRef,
    /// `container "web"`, for messages.
    pub container: String,
    /// `spec.template.spec.containers[0].image`.
    pub field: String,
}

/// One step of the image policy. Steps run in order; each adds the violations
/// it finds. Implementations must be cheap or cache: they run on every review.
pub trait ImageCheck: Send + Sync {
    fn check(&self, image: &ContainerImage, out: &mut Vec<Violation>);
}

/// Every container image of a pod template.
pub fn container_images(template: &PodTemplate) -> Vec<ContainerImage> {
    pod::containers(template.spec)
        .filter_map(|(list, i, container)| {
            let reference = container.get("image")?.as_str()?.trim().to_string();
            let name = container.get("name").and_then(|n| n.as_str()).unwrap_or("<unnamed>");
            let label = match list {
                "initContainers" => "init container",
                "ephemeralContainers" => "ephemeral container",
                _ => "container",
            };
            Some(ContainerImage {
                parsed: ImageRef::parse(&reference),
                reference,
                container: format!("{label} \"{name}\""),
                field: format!("{}.{list}[{i}].image", pod::dotted(template.spec_pointer)),
            })
        })
        .collect()
}

/// `allowed-registries`, with the same matching as `trusted-registries`.
pub struct RegistryAllowList {
    pub allowed: Vec<String>,
}

impl ImageCheck for RegistryAllowList {
    fn check(&self, image: &ContainerImage, out: &mut Vec<Violation>) {
        if self.allowed.is_empty() || bosun_misconfig::images::is_trusted(&image.parsed, &self.allowed) {
            return;
        }
        let message = format!(
            "{} uses image {:?} from a registry outside the allowed list ({})",
            image.container,
            image.reference,
            self.allowed.join(", ")
        );
        out.push(REGISTRY_NOT_ALLOWED.violation(image, message));
    }
}

/// `forbid-latest` and `require-digest`.
pub struct TagPolicy {
    pub forbid_latest: bool,
    pub require_digest: bool,
}

impl ImageCheck for TagPolicy {
    fn check(&self, image: &ContainerImage, out: &mut Vec<Violation>) {
        let parsed = &image.parsed;
        let digest = parsed.digest.as_deref().filter(|d| is_digest(d));
        if self.require_digest && digest.is_none() {
            let message =
                format!("{} uses image {:?} without an @sha256: digest", image.container, image.reference);
            out.push(DIGEST_REQUIRED.violation(image, message));
        }
        // A digest pins the image whatever the tag says (`nginx:latest@sha256:...`).
        if self.forbid_latest && digest.is_none() {
            let message = match parsed.tag.as_deref() {
                None => format!(
                    "{} uses image {:?} with no tag, which means latest",
                    image.container, image.reference
                ),
                Some(tag) if tag.eq_ignore_ascii_case("latest") => {
                    format!("{} uses image {:?} with the latest tag", image.container, image.reference)
                }
                Some(_) => return,
            };
            out.push(LATEST_TAG.violation(image, message));
        }
    }
}

/// `sha256:` and 64 hex digits (or another algorithm with its hex encoding).
fn is_digest(digest: &str) -> bool {
    match digest.split_once(':') {
        Some(("sha256", hex)) => hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()),
        Some(("sha512", hex)) => hex.len() == 128 && hex.bytes().all(|b| b.is_ascii_hexdigit()),
        _ => false,
    }
}

/// The configured steps, in order.
pub fn built_in_checks(config: &ImagePolicyConfig) -> Vec<Box<dyn ImageCheck>> {
    vec![
        Box::new(RegistryAllowList { allowed: config.allowed_registries.clone() }),
        Box::new(TagPolicy { forbid_latest: config.forbid_latest, require_digest: config.require_digest }),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(reference: &str) -> ContainerImage {
        ContainerImage {
            reference: reference.into(),
            parsed: ImageRef::parse(reference),
            container: "container \"c\"".into(),
            field: "spec.containers[0].image".into(),
        }
    }

    fn ids(check: &dyn ImageCheck, reference: &str) -> Vec<String> {
        let mut out = Vec::new();
        check.check(&image(reference), &mut out);
        out.into_iter().map(|v| v.rule_id).collect()
    }

    #[test]
    fn tags_and_digests() {
        let policy = TagPolicy { forbid_latest: true, require_digest: true };
        let digest = "sha256:".to_string() + &"a".repeat(64);
        assert_eq!(ids(&policy, "nginx"), ["ADM002", "ADM003"]);
        assert_eq!(ids(&policy, "nginx:LATEST"), ["ADM002", "ADM003"]);
        assert_eq!(ids(&policy, "nginx:1.27"), ["ADM002"]);
        assert!(ids(&policy, &format!("nginx@{digest}")).is_empty());
        assert!(ids(&policy, &format!("nginx:latest@{digest}")).is_empty());
        // Not a digest at all: still unpinned.
        assert_eq!(ids(&policy, "nginx:1.27@sha256:abc"), ["ADM002"]);
        let lenient = TagPolicy { forbid_latest: true, require_digest: false };
        assert!(ids(&lenient, "localhost:5000/app:2").is_empty());
        assert_eq!(ids(&lenient, "localhost:5000/app"), ["ADM003"]);
    }

    #[test]
    fn registries_match_on_path_boundaries() {
        let list = RegistryAllowList { allowed: vec!["ghcr.io/acme".into(), "docker.io".into()] };
        assert!(ids(&list, "ghcr.io/acme/api:1").is_empty());
        assert!(ids(&list, "nginx:1").is_empty());
        assert_eq!(ids(&list, "ghcr.io/acme-evil/api:1"), ["ADM001"]);
        assert_eq!(ids(&list, "quay.io/acme/api:1"), ["ADM001"]);
        assert!(ids(&RegistryAllowList { allowed: vec![] }, "quay.io/x:1").is_empty());
    }
}
