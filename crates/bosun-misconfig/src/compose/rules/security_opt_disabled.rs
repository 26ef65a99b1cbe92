use crate::compose::ComposeService;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC008",
        name: "compose-security-opt-disabled",
        title: "Compose service turns off a kernel security feature in security_opt",
        severity: Severity::Medium,
        domain: Domain::Compose,
        checklist: &["run.restrict-syscalls", "run.no-privileged"],
        aliases: &[
            "yaml.docker-compose.security.seccomp-confinement-disabled.seccomp-confinement-disabled",
            "yaml.docker-compose.security.selinux-separation-disabled.selinux-separation-disabled",
        ],
        rationale: "Docker confines every container with a seccomp filter that blocks rarely needed, often \
                    exploited system calls, an AppArmor or SELinux profile that fences off host files, and \
                    masks over sensitive `/proc` and `/sys` paths. `seccomp:unconfined`, \
                    `apparmor:unconfined`, `label:disable` (or the SELinux `spc_t` type) and \
                    `systempaths=unconfined` remove those layers, and `no-new-privileges:false` lets setuid \
                    binaries raise privileges again. A kernel bug or a misstep in the application then \
                    meets no second line of defence.",
        remediation: "Remove the option; if the default seccomp profile blocks a call the service needs, give it \
                      a custom profile (`seccomp:./profile.json`) that allows just that call.",
        bad_example: "services:\n  app:\n    image: app:2.0\n    security_opt:\n      - seccomp:unconfined\n",
        good_example: "services:\n  app:\n    image: app:2.0\n    security_opt:\n      - no-new-privileges:true\n      - seccomp:./seccomp.json\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    let Some(options) = service.get("security_opt") else { return };
    for entry in options.as_seq() {
        let Some(text) = entry.scalar_text() else { continue };
        let Some((option, value)) = text.trim().split_once([':', '=']) else { continue };
        let value = value.trim().to_ascii_lowercase();
        let effect = match (option.trim().to_ascii_lowercase().as_str(), value.as_str()) {
            ("seccomp", "unconfined") => "runs without a seccomp filter",
            ("apparmor", "unconfined") => "runs without an AppArmor profile",
            ("label", "disable") => "runs without SELinux separation",
            ("label", "type:spc_t") => "runs as the unconfined SELinux type spc_t",
            ("systempaths", "unconfined") => "unmasks /proc and /sys paths hidden from containers",
            ("no-new-privileges", "false") => "lets setuid binaries gain privileges",
            _ => continue,
        };
        hits.push(entry.span, format!("{} {effect} (security_opt: {})", service.label(), text.trim()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn reads_both_separators() {
        let text = "services:\n  app:\n    image: app:2.0\n    security_opt:\n      - seccomp=unconfined\n\
                    \x20     - apparmor:unconfined\n      - label:disable\n      - label=type:spc_t\n\
                    \x20     - no-new-privileges=false\n      - systempaths=unconfined\n";
        assert_eq!(run_on_example(&RULE, text).len(), 6);
    }

    #[test]
    fn custom_profiles_and_enabled_options_are_fine() {
        let text = "services:\n  app:\n    image: app:2.0\n    security_opt:\n      - apparmor:docker-default\n\
                    \x20     - label:type:container_t\n      - no-new-privileges\n      - no-new-privileges=true\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
