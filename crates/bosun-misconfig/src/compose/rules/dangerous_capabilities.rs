use crate::compose::ComposeService;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC007",
        name: "compose-dangerous-capabilities",
        title: "Compose service adds a dangerous Linux capability",
        severity: Severity::High,
        domain: Domain::Compose,
        checklist: &["run.restrict-syscalls", "run.no-privileged"],
        aliases: &[],
        rationale: "Docker starts containers with a short list of capabilities. The ones this rule looks for \
                    are left out on purpose: `ALL` and `SYS_ADMIN` are close to `privileged: true`, \
                    `SYS_MODULE` loads kernel code, `SYS_PTRACE` reads other processes' memory, `SYS_RAWIO` \
                    and `DAC_READ_SEARCH` bypass device and file permissions (the latter allowed the \
                    \"shocker\" breakout), and `NET_ADMIN` rewrites routing and firewall rules. Each gives an \
                    attacker inside the container a path to the host or to its neighbours.",
        remediation: "Remove the capability from `cap_add`; if one is truly needed (a VPN needs NET_ADMIN), \
                      add only it and document why.",
        bad_example: "services:\n  app:\n    image: app:2.0\n    cap_add:\n      - SYS_ADMIN\n",
        good_example: "services:\n  app:\n    image: app:2.0\n    cap_drop:\n      - ALL\n    cap_add:\n      - NET_BIND_SERVICE\n",
    },
    check: Check::ComposeService(check),
};

/// Capabilities outside Docker's default set that open a way out of the container.
const DANGEROUS: &[(&str, &str)] = &[
    ("ALL", "every capability"),
    ("SYS_ADMIN", "mount, namespaces and most of the kernel's admin interface"),
    ("SYS_MODULE", "loading kernel modules"),
    ("SYS_PTRACE", "tracing and reading the memory of other processes"),
    ("SYS_RAWIO", "raw access to devices and I/O ports"),
    ("SYS_BOOT", "rebooting the host"),
    ("SYS_TIME", "setting the host clock"),
    ("SYSLOG", "reading and clearing the kernel log"),
    ("DAC_READ_SEARCH", "reading any file by handle, bypassing permissions"),
    ("NET_ADMIN", "changing interfaces, routes and firewall rules"),
    ("BPF", "loading eBPF programs into the kernel"),
    ("PERFMON", "kernel performance monitoring"),
    ("MAC_ADMIN", "changing the mandatory access control policy"),
    ("MAC_OVERRIDE", "bypassing mandatory access control"),
    ("LINUX_IMMUTABLE", "changing immutable and append-only file flags"),
];

fn check(service: &ComposeService, hits: &mut Hits) {
    let Some(added) = service.get("cap_add") else { return };
    let entries = if added.as_seq().is_empty() { std::slice::from_ref(added) } else { added.as_seq() };
    for entry in entries {
        let Some(name) = entry.scalar_text() else { continue };
        let upper = name.trim().to_ascii_uppercase();
        let bare = upper.strip_prefix("CAP_").unwrap_or(&upper);
        if let Some((cap, grants)) = DANGEROUS.iter().find(|(cap, _)| *cap == bare) {
            hits.push(entry.span, format!("{} adds capability {cap} ({grants})", service.label()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn accepts_any_spelling_and_flow_lists() {
        let text = "services:\n  app:\n    image: app:2.0\n    cap_add: [cap_sys_ptrace, ALL, CHOWN]\n";
        let found: Vec<_> = run_on_example(&RULE, text).into_iter().map(|f| f.message).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("SYS_PTRACE"));
    }

    #[test]
    fn reads_a_single_string() {
        let text = "services:\n  vpn:\n    image: wireguard:1.0\n    cap_add: NET_ADMIN\n";
        assert_eq!(run_on_example(&RULE, text).len(), 1);
    }
}
