use crate::compose::{ComposeService, Setting};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC011",
        name: "compose-user-not-set",
        title: "Compose service leaves its user to the image",
        severity: Severity::Low,
        domain: Domain::Compose,
        checklist: &["img.non-root-user"],
        aliases: &[],
        rationale: "Without `user`, the service runs as whatever user its image declares, and many images \
                    (including most official ones) declare none and run as root. The Compose file alone \
                    cannot tell which, so this is a reminder, not proof: when the image is known to switch \
                    to an unprivileged user, suppress the finding for that service. Services built from a \
                    Dockerfile in the project (`build:`) are left out, because the Dockerfile rules check \
                    its USER instruction directly.",
        remediation: "Set `user` to an unprivileged UID the image supports (e.g. `user: \"1000:1000\"`).",
        bad_example: "services:\n  app:\n    image: app:2.0\n",
        good_example: "services:\n  app:\n    image: app:2.0\n    user: \"10001\"\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    let built_here = matches!(service.setting(&["build"]), Setting::Set(_));
    if !built_here && matches!(service.setting(&["user"]), Setting::Unset) {
        hits.push(
            service.span(),
            format!("{} sets no user, so it runs as the image's default user", service.label()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn built_services_and_inherited_users_are_fine() {
        let built = "services:\n  app:\n    build: .\n    image: registry.example.com/app:2.0\n";
        assert!(run_on_example(&RULE, built).is_empty());
        let inherited = "services:\n  base:\n    image: app:2.0\n    user: app\n  worker:\n    extends:\n      service: base\n";
        assert!(run_on_example(&RULE, inherited).is_empty());
    }

    #[test]
    fn override_fragments_without_image_or_build_are_not_judged() {
        // compose.override.yaml: merged over compose.yaml, which sets the user.
        let fragment = "services:\n  web:\n    volumes:\n      - ./src:/app/src:ro\n    environment:\n      LOG_LEVEL: debug\n";
        assert!(run_on_example(&RULE, fragment).is_empty());
        let runnable = "services:\n  web:\n    image: web:1.0\n    volumes:\n      - ./src:/app/src:ro\n";
        assert_eq!(run_on_example(&RULE, runnable).len(), 1);
    }
}
