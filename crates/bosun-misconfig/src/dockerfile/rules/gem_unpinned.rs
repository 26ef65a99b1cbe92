use crate::dockerfile::commands::{is_dynamic, name_list, runs};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF044",
        name: "gem-package-unpinned",
        title: "gem install names gems without a version",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint", "img.fixed-tags"],
        aliases: &["DL3028"],
        rationale: "`gem install rails` installs the newest release at build time, so rebuilds of the same \
                    Dockerfile ship different code and an unreviewed release can reach the image.",
        remediation:
            "Give the version (`gem install bundler -v 2.5.11` or `gem install bundler:2.5.11`), or \
                      install from a Gemfile.lock with `bundle install`.",
        bad_example: "FROM ruby:3.3-slim\nRUN gem install bundler\n",
        good_example: "FROM ruby:3.3-slim\nRUN gem install bundler -v 2.5.11\n",
    },
    check: Check::Dockerfile(check),
};

const GEM_VALUE_OPTIONS: &[&str] = &[
    "-v",
    "--version",
    "-i",
    "--install-dir",
    "-n",
    "--bindir",
    "-s",
    "--source",
    "-p",
    "--http-proxy",
    "--platform",
    "-g",
    "--file",
    "--build-root",
    "-P",
    "--trust-policy",
    "--document",
];

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        for cmd in run.commands.iter().filter(|cmd| cmd.is("gem")) {
            let args = cmd.parse(GEM_VALUE_OPTIONS);
            // `-v` pins every gem named; `-g` installs from a Gemfile.
            if args.subcommand() != Some("install") || args.has(&["-v", "--version", "-g", "--file"]) {
                continue;
            }
            let unpinned: Vec<&str> = args
                .rest()
                .iter()
                .copied()
                .filter(|gem| !is_dynamic(gem) && !gem.contains([':', '/']) && !gem.ends_with(".gem"))
                .collect();
            if !unpinned.is_empty() {
                hits.push(
                    run.instruction.span,
                    format!(
                        "`gem install` installs {} without a version (add -v or write name:version)",
                        name_list(&unpinned)
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn count(script: &str) -> usize {
        run_on_example(&RULE, &format!("FROM ruby:3.3\nRUN {script}\n")).len()
    }

    #[test]
    fn pins_and_local_gems() {
        assert_eq!(count("gem install rails:7.1.3 --no-document"), 0);
        assert_eq!(count("gem install --version=2.5.11 bundler"), 0);
        assert_eq!(count("gem install ./pkg/app-1.0.gem"), 0);
        assert_eq!(count("gem update --system"), 0);
        assert_eq!(count("gem install --no-document -n /usr/local/bin rake"), 1);
    }
}
