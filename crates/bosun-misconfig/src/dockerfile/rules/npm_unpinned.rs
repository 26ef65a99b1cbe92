use crate::dockerfile::commands::{is_dynamic, name_list, runs, Args, Cmd};
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF043",
        name: "npm-package-unpinned",
        title: "npm, yarn or pnpm installs packages named without a version",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint", "img.fixed-tags"],
        aliases: &["DL3016"],
        rationale: "A package named on the command line (`npm install -g typescript`) bypasses the lockfile \
                    and resolves to the newest release at build time. Rebuilds then ship different code, \
                    and a hijacked release reaches the image on the next build.",
        remediation: "Pin the version (`npm install -g typescript@5.4.5`), or add the package to package.json \
                      and install from the lockfile with `npm ci`.",
        bad_example: "FROM node:20.15-alpine\nRUN npm install -g pm2\n",
        good_example: "FROM node:20.15-alpine\nRUN npm install -g pm2@5.4.2\nCOPY package.json package-lock.json ./\nRUN npm ci\n",
    },
    check: Check::Dockerfile(check),
};

const NPM_VALUE_OPTIONS: &[&str] = &[
    "--prefix",
    "--registry",
    "--cache",
    "-w",
    "--workspace",
    "--omit",
    "--include",
    "--tag",
    "--userconfig",
    "--globalconfig",
    "--loglevel",
    "--install-strategy",
    "--before",
    "--location",
    "--save-prefix",
    "--script-shell",
    "--cwd",
    "--filter",
    "-C",
    "--dir",
];

const NPM_INSTALL: &[&str] =
    &["install", "i", "add", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall"];

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        for cmd in &run.commands {
            let Some((label, args, named)) = install(cmd) else { continue };
            // Upgrading npm itself is routine tooling, not application code.
            let unpinned: Vec<&str> = named
                .into_iter()
                .filter(|spec| !is_pinned_or_local(spec) && package_name(spec) != "npm")
                .collect();
            if !unpinned.is_empty() {
                let global =
                    if args.has(&["-g", "--global"]) || label.contains("global") { " globally" } else { "" };
                hits.push(
                    run.instruction.span,
                    format!(
                        "`{label}` installs {}{global} without a version (write name@version)",
                        name_list(&unpinned)
                    ),
                );
            }
        }
    }
}

/// `npm install <pkgs>`, `yarn add <pkgs>`, `yarn global add <pkgs>`,
/// `pnpm add <pkgs>`: the label, the parsed arguments and the package operands.
fn install(cmd: &Cmd) -> Option<(String, Args<'_>, Vec<&str>)> {
    let args = cmd.parse(NPM_VALUE_OPTIONS);
    let verb = args.subcommand()?;
    let (label, packages) = match (cmd.program.as_str(), verb) {
        ("npm", verb) if NPM_INSTALL.contains(&verb) => (format!("npm {verb}"), args.rest().to_vec()),
        ("yarn" | "pnpm", "add") => (format!("{} add", cmd.program), args.rest().to_vec()),
        ("yarn", "global") if args.rest().first() == Some(&"add") => {
            ("yarn global add".to_string(), args.rest()[1..].to_vec())
        }
        _ => return None,
    };
    Some((label, args, packages))
}

/// `name` for `name@tag`, `@scope/name` for `@scope/name@1`.
fn package_name(spec: &str) -> &str {
    let version_at = spec.char_indices().skip(1).find(|&(_, c)| c == '@').map(|(i, _)| i);
    &spec[..version_at.unwrap_or(spec.len())]
}

/// `name@1.2.3`, `name@^1.2`, `@scope/name@1`, or not a registry name at all
/// (paths, tarballs, git and URLs, aliases).
fn is_pinned_or_local(spec: &str) -> bool {
    if is_dynamic(spec) || spec.contains(':') || spec.starts_with(['.', '/', '~']) || spec.ends_with(".tgz") {
        return true;
    }
    if !spec.starts_with('@') && spec.contains('/') {
        // `user/repo`: a GitHub shorthand, pinned by `#ref` if at all.
        return spec.contains('#');
    }
    match spec[package_name(spec).len()..].strip_prefix('@') {
        Some(version) => version
            .trim_start_matches(['^', '~', '=', '>', '<', 'v'])
            .starts_with(|c: char| c.is_ascii_digit()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(script: &str) -> Vec<String> {
        run_on_example(&RULE, &format!("FROM node:20\nRUN {script}\n"))
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn versions_tags_and_scopes() {
        assert!(messages("npm i -g @angular/cli@17.3.8 typescript@~5.4 npm@latest").is_empty());
        assert_eq!(
            messages("npm install --global @nestjs/cli pnpm@latest serve@14"),
            ["`npm install` installs @nestjs/cli, pnpm@latest globally without a version (write name@version)"]
        );
        assert_eq!(messages("yarn global add nodemon").len(), 1);
        assert_eq!(messages("pnpm add -g tsx").len(), 1);
    }

    #[test]
    fn lockfile_installs_and_non_registry_sources_are_fine() {
        for script in [
            "npm install",
            "npm ci --omit=dev",
            "yarn install --frozen-lockfile",
            "npm install ./packages/shared /tmp/app-1.0.0.tgz",
            "npm install git+https://github.com/x/y.git#v1.0.0 github:x/z#abc1234",
            "npm install --prefix /app $EXTRA_PACKAGES",
            "npm run build",
        ] {
            assert!(messages(script).is_empty(), "{script}");
        }
    }
}
