use crate::compose::ComposeService;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC009",
        name: "compose-no-new-privileges-missing",
        title: "Compose service does not set no-new-privileges",
        severity: Severity::Low,
        domain: Domain::Compose,
        checklist: &["run.no-privileged"],
        aliases: &["yaml.docker-compose.security.no-new-privileges.no-new-privileges"],
        rationale: "Unless `no-new-privileges` is set, a process in the container can gain privileges by \
                    running a setuid or setgid binary or one with file capabilities, for example to climb \
                    from the application user back to root. The flag costs nothing for services that never \
                    exec such binaries, which is almost all of them. An explicit \
                    `no-new-privileges:false` is reported by DC008 instead.",
        remediation: "Add `security_opt: [\"no-new-privileges:true\"]` to the service.",
        bad_example: "services:\n  app:\n    image: app:2.0\n",
        good_example:
            "services:\n  app:\n    image: app:2.0\n    security_opt:\n      - no-new-privileges:true\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    // `security_opt` lists add up through `extends`, so any service of the chain may set it.
    let Some(chain) = service.chain() else { return };
    let mentioned =
        chain.iter().filter_map(|node| node.get("security_opt")).flat_map(|opts| opts.as_seq()).any(
            |entry| {
                entry.scalar_text().is_some_and(|text| {
                    let option = text.trim().split([':', '=']).next().unwrap_or_default();
                    option.trim().eq_ignore_ascii_case("no-new-privileges")
                })
            },
        );
    if !mentioned && !service.is_fragment() {
        hits.push(
            service.span(),
            format!("{} does not set security_opt no-new-privileges:true", service.label()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn inherits_through_extends_and_accepts_the_bare_flag() {
        let text = "services:\n  base:\n    image: app:2.0\n    security_opt: [no-new-privileges]\n\
                    \x20 worker:\n    extends: base\n    command: work\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }

    #[test]
    fn says_nothing_when_the_base_is_in_another_file() {
        let text = "services:\n  worker:\n    extends:\n      file: common.yml\n      service: base\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }

    #[test]
    fn points_at_the_service_name() {
        let found = run_on_example(&RULE, "services:\n  app:\n    image: app:2.0\n");
        assert_eq!(found[0].location.start_line, 2);
        let flow =
            run_on_example(&RULE, "services:\n  web: {image: nginx:1.27}\n  app:\n\n    image: app:2.0\n");
        let lines: Vec<_> = flow.iter().map(|f| f.location.start_line).collect();
        assert_eq!(lines, vec![2, 3]);
    }

    #[test]
    fn override_fragments_are_not_judged() {
        let fragment = "services:\n  web:\n    volumes:\n      - ./src:/app/src:ro\n";
        assert!(run_on_example(&RULE, fragment).is_empty());
    }
}
