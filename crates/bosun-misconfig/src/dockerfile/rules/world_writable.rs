use crate::dockerfile::commands::{name_list, runs, Cmd};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF053",
        name: "world-writable-permissions",
        title: "RUN makes files writable by every user",
        severity: Severity::Medium,
        domain: Domain::Dockerfile,
        checklist: &["img.root-owned-executables"],
        aliases: &[],
        rationale: "`chmod 777`, `chmod -R a+w` and `mkdir -m 777` let any process in the container, whatever \
                    its user, replace programs, libraries or configuration. An attacker who gets code \
                    execution as an unprivileged user can then persist or hijack what root or the \
                    application runs next.",
        remediation: "Keep code and configuration owned by root and not writable (0755/0644); give the \
                      application user ownership of only the data directories it writes \
                      (`chown app /data`, mode 0750), or use a sticky directory (1777) for shared scratch space.",
        bad_example: "FROM node:20.15-alpine\nWORKDIR /app\nCOPY . .\nRUN chmod -R 777 /app\nUSER node\n",
        good_example: "FROM node:20.15-alpine\nWORKDIR /app\nCOPY . .\nRUN mkdir -p /app/data && chown node /app/data && chmod 0750 /app/data\nUSER node\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        for cmd in &run.commands {
            let Some((mode, paths)) = mode_change(cmd) else { continue };
            let Some(grants) = grants(mode) else { continue };
            if grants.world_writable && !grants.sticky {
                hits.push(
                    run.instruction.span,
                    format!("`{} {mode}` lets every user write to {}", cmd.program, name_list(&paths)),
                );
            }
        }
    }
}

/// What a mode grants, as far as these rules care.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Grants {
    pub world_writable: bool,
    pub setuid: bool,
    pub sticky: bool,
}

/// The mode and the paths of `chmod MODE PATH...`, `mkdir -m MODE DIR...` or
/// `install -m MODE SRC... DEST`.
pub(crate) fn mode_change(cmd: &Cmd) -> Option<(&str, Vec<&str>)> {
    match cmd.program.as_str() {
        "chmod" => {
            // Parsed by hand: a symbolic mode such as `-w` looks like an option.
            let mut words = cmd.args.iter().map(String::as_str);
            let mode = loop {
                let word = words.next()?;
                if word.starts_with("--reference") {
                    return None;
                }
                let option = word.starts_with("--")
                    || (word.len() > 1
                        && word[1..].chars().all(|c| "Rvcfh".contains(c))
                        && word.starts_with('-'));
                if !option {
                    break word;
                }
            };
            Some((mode, words.collect()))
        }
        "mkdir" | "install" => {
            let args = cmd.parse(&[
                "-m",
                "--mode",
                "-o",
                "--owner",
                "-g",
                "--group",
                "-t",
                "--target-directory",
                "-S",
                "--suffix",
                "-Z",
                "--context",
            ]);
            let mode = args.values(&["-m", "--mode"]).next()?;
            Some((mode, args.operands))
        }
        _ => None,
    }
}

/// Reads an octal (`4755`) or symbolic (`u+s,o+w`) mode; `None` when it is neither.
pub(crate) fn grants(mode: &str) -> Option<Grants> {
    if !mode.is_empty() && mode.len() <= 4 && mode.chars().all(|c| ('0'..='7').contains(&c)) {
        let bits = u32::from_str_radix(mode, 8).ok()?;
        return Some(Grants {
            world_writable: bits & 0o002 != 0,
            setuid: bits & 0o4000 != 0,
            sticky: bits & 0o1000 != 0,
        });
    }
    let mut grants = Grants::default();
    for clause in mode.split(',') {
        let who_len = clause.find(|c: char| !"ugoa".contains(c)).unwrap_or(clause.len());
        let (who, actions) = clause.split_at(who_len);
        if actions.is_empty() || !actions.starts_with(['+', '-', '=']) {
            return None;
        }
        let mut adds = false;
        for c in actions.chars() {
            match c {
                '+' | '=' => adds = true,
                '-' => adds = false,
                // An empty "who" applies the umask, which keeps others from writing.
                'w' if adds => grants.world_writable |= who.contains(['o', 'a']),
                's' if adds => grants.setuid |= who.is_empty() || who.contains(['u', 'a']),
                't' if adds => grants.sticky = true,
                'r' | 'w' | 'x' | 'X' | 's' | 't' | 'u' | 'g' | 'o' => {}
                _ => return None,
            }
        }
    }
    Some(grants)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(script: &str) -> Vec<String> {
        run_on_example(&RULE, &format!("FROM debian:12\nRUN {script}\n"))
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn modes() {
        assert_eq!(grants("777"), Some(Grants { world_writable: true, ..Default::default() }));
        assert_eq!(grants("1777"), Some(Grants { world_writable: true, sticky: true, setuid: false }));
        assert_eq!(grants("4755"), Some(Grants { setuid: true, ..Default::default() }));
        assert_eq!(grants("go+rw,u+s"), Some(Grants { world_writable: true, setuid: true, sticky: false }));
        assert_eq!(grants("+w"), Some(Grants::default()));
        assert_eq!(grants("o-w"), Some(Grants::default()));
        assert_eq!(grants("g=u"), Some(Grants::default()));
        assert_eq!(grants("/app"), None);
    }

    #[test]
    fn world_writable_targets() {
        assert_eq!(
            messages("chmod -R a+rwX /app /srv"),
            ["`chmod a+rwX` lets every user write to /app, /srv"]
        );
        assert_eq!(messages("mkdir -p -m 0777 /data").len(), 1);
        assert_eq!(messages("install -m 666 app.conf /etc/app.conf").len(), 1);
    }

    #[test]
    fn safe_modes() {
        for script in [
            "chmod 1777 /tmp/shared",
            "chmod -R 755 /app",
            "chmod -R g=u /app",
            "chmod +x /entrypoint.sh",
            "chmod --reference=/a /b",
            "chmod -w /app/config",
        ] {
            assert!(messages(script).is_empty(), "{script}");
        }
    }
}
