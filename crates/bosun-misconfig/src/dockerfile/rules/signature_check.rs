use crate::dockerfile::commands::{runs, Cmd};
use crate::dockerfile::packages::{Action, Manager, PackageCall};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF048",
        name: "package-signature-check-disabled",
        title: "Package manager installs without checking signatures",
        severity: Severity::High,
        domain: Domain::Dockerfile,
        checklist: &["img.trusted-base", "img.lint"],
        aliases: &["CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_11"],
        rationale: "Repository signatures are what ties an OS package to its distribution. With \
                    `apk --allow-untrusted`, `apt-get --allow-unauthenticated`, `--force-yes`, a \
                    `[trusted=yes]` source, `dnf --nogpgcheck` or `rpm --nosignature`, a mirror, proxy or \
                    anyone on the network path can substitute packages that then run as root in the build.",
        remediation: "Import the repository's signing key (`/etc/apt/keyrings`, `rpm --import`, `/etc/apk/keys`) \
                      and drop the switch that skips verification.",
        bad_example: "FROM debian:12.5\nRUN apt-get update \\\n && apt-get install -y --allow-unauthenticated --no-install-recommends vendor-agent=2.1.0 \\\n && rm -rf /var/lib/apt/lists/*\n",
        good_example: "FROM debian:12.5\nCOPY vendor-archive-keyring.gpg /etc/apt/keyrings/vendor.gpg\nRUN echo \"deb [signed-by=/etc/apt/keyrings/vendor.gpg] https://apt.vendor.example stable main\" > /etc/apt/sources.list.d/vendor.list \\\n && apt-get update \\\n && apt-get install -y --no-install-recommends vendor-agent=2.1.0 \\\n && rm -rf /var/lib/apt/lists/*\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        if let Some(message) = run.commands.iter().find_map(finding) {
            hits.push(run.instruction.span, message);
        }
    }
}

fn finding(cmd: &Cmd) -> Option<String> {
    if matches!(cmd.program.as_str(), "echo" | "printf") {
        // A `file:` source is a repository built earlier in the same build.
        let trusted = cmd.args.iter().any(|arg| arg.contains("trusted=yes") && !arg.contains("file:"));
        return trusted
            .then(|| "an apt source marked [trusted=yes] is installed without signature checks".to_string());
    }
    if cmd.is("rpm") {
        let args = cmd.parse(&[]);
        let skips = args.has(&["--nosignature", "--nodigest", "--nogpgcheck"]);
        let remote = args.operands.iter().any(|op| op.contains("://"));
        return (skips && remote).then(|| {
            format!("`{}` installs a downloaded package without checking its signature", cmd.head(2))
        });
    }
    let call = PackageCall::of(cmd)?;
    let switch = match call.manager {
        Manager::Apk => call.args.has(&["--allow-untrusted"]).then_some("--allow-untrusted"),
        Manager::Apt => apt_switch(&call),
        Manager::Rpm => {
            let setopt_off = call.args.values(&["--setopt"]).any(|s| {
                s.split_once('=').is_some_and(|(key, value)| {
                    key.ends_with("gpgcheck") && matches!(value, "0" | "false" | "False" | "no")
                })
            });
            if call.args.has(&["--nogpgcheck"]) {
                Some("--nogpgcheck")
            } else {
                setopt_off.then_some("--setopt=gpgcheck=0")
            }
        }
        Manager::Zypper => call.args.has(&["--no-gpg-checks"]).then_some("--no-gpg-checks"),
    }?;
    // Packages built earlier in the same build and copied in carry no
    // repository signature; skipping the check for those alone is expected.
    let local_only = call.action == Action::Install
        && !call.operands.is_empty()
        && call.operands.iter().all(|op| op.starts_with(['/', '.']) && !op.contains("://"));
    (!local_only)
        .then(|| format!("`{} {switch}` installs packages without checking their signatures", call.label))
}

fn apt_switch(call: &PackageCall) -> Option<&'static str> {
    for switch in ["--allow-unauthenticated", "--force-yes", "--allow-insecure-repositories"] {
        if call.args.has(&[switch]) {
            return Some(switch);
        }
    }
    call.args
        .values(&["-o", "--option"])
        .any(|o| {
            let o = o.to_ascii_lowercase();
            (o.starts_with("apt::get::allowunauthenticated=")
                || o.starts_with("acquire::allowinsecurerepositories="))
                && matches!(o.rsplit('=').next(), Some("1" | "true" | "yes"))
        })
        .then_some("-o APT::Get::AllowUnauthenticated")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(script: &str) -> Vec<String> {
        run_on_example(&RULE, &format!("FROM x:1\nRUN {script}\n")).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn each_manager() {
        for script in [
            "apk add --no-cache --allow-untrusted --repository https://x.example/alpine tool",
            "apt-get install -y --force-yes tool",
            "apt-get -o APT::Get::AllowUnauthenticated=true install -y tool",
            "echo 'deb [trusted=yes] http://x.example/debian stable main' > /etc/apt/sources.list.d/x.list",
            "dnf install -y --nogpgcheck tool",
            "yum --setopt=x.gpgcheck=0 install -y tool",
            "zypper --no-gpg-checks -n in tool",
            "rpm -ivh --nosignature https://x.example/tool.rpm",
        ] {
            assert_eq!(messages(script).len(), 1, "{script}");
        }
        assert_eq!(
            messages("dnf install -y --nogpgcheck tool")[0],
            "`dnf install --nogpgcheck` installs packages without checking their signatures"
        );
    }

    #[test]
    fn locally_built_packages_are_expected() {
        for script in [
            "apk add --allow-untrusted /tmp/packages/app-1.0-r0.apk",
            "dnf install -y --nogpgcheck ./rpms/app-1.0.rpm",
            "rpm -i --nosignature /tmp/app.rpm",
            "echo \"deb [ trusted=yes ] file://$tempDir ./\" > /etc/apt/sources.list.d/temp.list",
            "apt-get install -y tool",
        ] {
            assert!(messages(script).is_empty(), "{script}");
        }
    }
}
