use crate::dockerfile::commands::{runs, scope_mentions, shipped_stages, Cmd};
use crate::dockerfile::packages::{Action, Manager, PackageCall};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF031",
        name: "apt-install-recommends",
        title: "apt-get install also pulls in recommended packages",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.minimal-base", "img.lint"],
        aliases: &["DL3015", "DS-0029"],
        rationale: "By default apt installs a package's \"recommended\" packages too: documentation, \
                    optional helpers, sometimes whole interpreters. They make the image larger and add \
                    software that has to be patched and can be abused, without the application needing it.",
        remediation: "Add `--no-install-recommends` to `apt-get install` and list what is really needed.",
        bad_example: "FROM debian:12.5\nRUN apt-get update \\\n && apt-get install -y curl=7.88.1-10+deb12u5 \\\n && rm -rf /var/lib/apt/lists/*\n",
        good_example: "FROM debian:12.5\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\\n && rm -rf /var/lib/apt/lists/*\n",
    },
    check: Check::Dockerfile(check),
};

/// apt's configuration switch, set in a file or with `-o`.
const SETTING: &str = "install-recommends";

/// How the switch reads in a configuration file (`APT::Install-Recommends "0";`).
const CONFIG_KEY: &str = "apt::install-recommends";

fn check(view: &DockerfileView, hits: &mut Hits) {
    let shipped = shipped_stages(view);
    for run in runs(view).into_iter().filter(|run| run.ships(&shipped)) {
        if scope_mentions(view, run.position, CONFIG_KEY) {
            continue;
        }
        for (index, cmd) in run.commands.iter().enumerate() {
            let Some(call) = PackageCall::of(cmd) else { continue };
            if call.manager != Manager::Apt || call.action != Action::Install {
                continue;
            }
            let disabled = call.args.has(&["--no-install-recommends"])
                || call.args.values(&["-o", "--option", "--install-recommends"]).any(turns_off)
                || run.commands[..index].iter().any(mentions_setting);
            if !disabled {
                hits.push(
                    run.instruction.span,
                    format!(
                        "`{}` runs without --no-install-recommends, so recommended packages come too",
                        call.label
                    ),
                );
            }
        }
    }
}

/// `APT::Install-Recommends=false` (as an `-o` value) or `false` (as the
/// value of `--install-recommends=`).
fn turns_off(value: &str) -> bool {
    let value = value.to_ascii_lowercase();
    let setting = match value.split_once('=') {
        Some((key, setting)) if key.ends_with(SETTING) => setting,
        Some(_) => return false,
        None => &value,
    };
    matches!(setting.trim_matches(['"', '\'']), "0" | "false" | "no" | "off")
}

/// An earlier command of the same RUN writes the setting into apt's configuration.
fn mentions_setting(cmd: &Cmd) -> bool {
    cmd.args.iter().any(|arg| arg.to_ascii_lowercase().contains(CONFIG_KEY))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn count(text: &str) -> usize {
        run_on_example(&RULE, text).len()
    }

    #[test]
    fn apt_configuration_counts() {
        assert_eq!(
            count("FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n"),
            0
        );
        assert_eq!(count("FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=true curl\n"), 1);
        let config = "FROM debian:12\nRUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/01norecommends\nRUN apt-get install -y curl\n";
        assert_eq!(count(config), 0);
        let same_run = "FROM debian:12\nRUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/x && apt-get install -y curl\n";
        assert_eq!(count(same_run), 0);
        // An earlier install with the flag does not configure later ones.
        let earlier =
            "FROM debian:12\nRUN apt-get install -y --no-install-recommends a\nRUN apt-get install -y b\n";
        assert_eq!(count(earlier), 1);
    }

    #[test]
    fn only_stages_that_ship_count() {
        let text = "FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM gcr.io/distroless/base-debian12\nCOPY --from=build /out /out\n";
        assert_eq!(count(text), 0);
        let chained = "FROM debian:12 AS base\nRUN apt install -y curl\nFROM base\nCMD [\"curl\"]\n";
        assert_eq!(count(chained), 1);
    }
}
