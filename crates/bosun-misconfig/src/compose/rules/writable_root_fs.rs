use crate::compose::{ComposeService, Setting};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC018",
        name: "compose-writable-root-fs",
        title: "Compose service root filesystem is writable",
        severity: Severity::Low,
        domain: Domain::Compose,
        checklist: &["run.read-only-fs", "run.drift"],
        aliases: &["yaml.docker-compose.security.writable-filesystem-service.writable-filesystem-service"],
        rationale:
            "A writable root filesystem lets an intruder drop tools, replace the application's binaries \
                    or plant persistence, and lets the running container drift from the image that was \
                    reviewed. With `read_only: true`, data goes only where the file says it may: volumes and \
                    `tmpfs` mounts.",
        remediation:
            "Set `read_only: true` and give the paths the service writes a volume or a `tmpfs` entry \
                      (e.g. `tmpfs: [/tmp]`).",
        bad_example: "services:\n  app:\n    image: app:2.0\n",
        good_example:
            "services:\n  app:\n    image: app:2.0\n    read_only: true\n    tmpfs:\n      - /tmp\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    match service.setting(&["read_only"]) {
        Setting::Unset => {
            hits.push(service.span(), format!("{} does not set read_only: true", service.label()))
        }
        Setting::Set(flag) if flag.as_bool() == Some(false) => {
            hits.push(flag.span, format!("{} sets read_only: false", service.label()))
        }
        Setting::Set(_) | Setting::Unknown => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn explicit_false_points_at_the_flag() {
        let found =
            run_on_example(&RULE, "services:\n  app:\n    image: app:2.0\n    read_only: \"false\"\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].location.start_line, 4);
    }
}
