use crate::compose::interpolate::{interpolate, UNRESOLVED};
use crate::compose::ComposeService;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC010",
        name: "compose-root-user",
        title: "Compose service runs as root",
        severity: Severity::Medium,
        domain: Domain::Compose,
        checklist: &["img.non-root-user"],
        aliases: &["yaml.docker-compose.security.service-runs-as-root.service-runs-as-root"],
        rationale: "`user: root` (or UID 0) overrides whatever non-root user the image chose. Root in a \
                    container is root on the host's kernel: every capability the container keeps works at \
                    full strength, files on bind mounts are written as host root, and any breakout lands \
                    with the highest privileges.",
        remediation: "Set `user` to an unprivileged UID (e.g. `user: \"1000:1000\"`) and give that user \
                      ownership of the paths the service writes.",
        bad_example: "services:\n  app:\n    image: app:2.0\n    user: root\n",
        good_example: "services:\n  app:\n    image: app:2.0\n    user: \"1000:1000\"\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    let Some(user) = service.get("user") else { return };
    let Some(written) = user.scalar_text() else { return };
    let resolved = interpolate(&written);
    // Only the user half of `user:group` decides; a root group is not root.
    let name = resolved.split(':').next().unwrap_or_default().trim();
    if name.contains(UNRESOLVED) || !(name == "root" || name == "0") {
        return;
    }
    let how =
        if resolved == written { String::new() } else { format!(" (resolves to {resolved} by default)") };
    hits.push(user.span, format!("{} runs as root (user: {written}){how}", service.label()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn count(user: &str) -> usize {
        run_on_example(&RULE, &format!("services:\n  app:\n    image: app:2.0\n    user: {user}\n")).len()
    }

    #[test]
    fn recognizes_every_spelling_of_root() {
        for root in ["0", "\"0\"", "\"0:0\"", "root:root", "\"root:1000\"", "\"${APP_UID:-0}\""] {
            assert_eq!(count(root), 1, "{root}");
        }
    }

    #[test]
    fn other_users_and_unknown_variables_are_fine() {
        for other in ["\"1000\"", "\"1000:0\"", "app", "\"${UID}:${GID}\"", "rooted", "\"10\""] {
            assert_eq!(count(other), 0, "{other}");
        }
    }
}
