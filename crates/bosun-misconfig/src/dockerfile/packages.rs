//! OS package manager calls in RUN scripts: which manager, which action, which
//! packages, read from the command's words the way the tool itself reads them.

use super::commands::{is_dynamic, Args, Cmd};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Manager {
    /// `apt-get` and `apt`.
    Apt,
    Apk,
    /// `yum`, `dnf`, `microdnf` and `tdnf`: the same command line.
    Rpm,
    Zypper,
}

/// What a package manager call does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Install,
    /// Refresh the package index only (`apt-get update`, `apk update`).
    IndexUpdate,
    /// Upgrade installed packages within the release.
    Upgrade,
    /// Move to another release (`apt-get dist-upgrade`, `zypper dup`).
    ReleaseUpgrade,
    Remove,
    Clean,
    Other,
}

/// One call of an OS package manager.
pub struct PackageCall<'c> {
    pub manager: Manager,
    pub action: Action,
    /// The command as written for messages: `apt-get install`, `dnf install`.
    pub label: String,
    pub args: Args<'c>,
    /// Operands after the action; for `yum group install` the ones after `install`.
    pub operands: Vec<&'c str>,
}

const APT_VALUE_OPTIONS: &[&str] = &[
    "-o",
    "--option",
    "-c",
    "--config-file",
    "-t",
    "--target-release",
    "--default-release",
    "-a",
    "--host-architecture",
];

const APK_VALUE_OPTIONS: &[&str] = &[
    "-X",
    "--repository",
    "-p",
    "--root",
    "-t",
    "--virtual",
    "--keys-dir",
    "--repositories-file",
    "--arch",
    "--cache-dir",
    "--cache-max-age",
    "--timeout",
    "--wait",
];

const RPM_VALUE_OPTIONS: &[&str] = &[
    "-c",
    "--config",
    "--installroot",
    "--releasever",
    "--enablerepo",
    "--disablerepo",
    "--repo",
    "--repoid",
    "--repofrompath",
    "-x",
    "--exclude",
    "--setopt",
    "-d",
    "--debuglevel",
    "-e",
    "--errorlevel",
    "--rpmverbosity",
    "--forcearch",
    "--downloaddir",
    "--destdir",
    "--color",
    "--comment",
];

const ZYPPER_VALUE_OPTIONS: &[&str] = &[
    "-r",
    "--repo",
    "-R",
    "--root",
    "-c",
    "--config",
    "-t",
    "--type",
    "--from",
    "-D",
    "--reposd-dir",
    "-C",
    "--cache-dir",
    "--raw-cache-dir",
    "--solv-cache-dir",
    "--pkg-cache-dir",
    "--userdata",
    "--installroot",
];

impl<'c> PackageCall<'c> {
    pub fn of(cmd: &'c Cmd) -> Option<PackageCall<'c>> {
        let (manager, value_options) = match cmd.program.as_str() {
            "apt-get" | "apt" => (Manager::Apt, APT_VALUE_OPTIONS),
            "apk" => (Manager::Apk, APK_VALUE_OPTIONS),
            "yum" | "dnf" | "dnf5" | "microdnf" | "tdnf" => (Manager::Rpm, RPM_VALUE_OPTIONS),
            "zypper" => (Manager::Zypper, ZYPPER_VALUE_OPTIONS),
            _ => return None,
        };
        let args = cmd.parse(value_options);
        let mut verb = args.subcommand()?;
        let mut operands = args.rest().to_vec();
        let mut label = format!("{} {verb}", cmd.program);
        // `yum group install`, `dnf module install`: the verb comes second.
        if manager == Manager::Rpm && matches!(verb, "group" | "groups" | "module") && !operands.is_empty() {
            verb = operands.remove(0);
            label = format!("{label} {verb}");
        }
        let action = action(manager, verb);
        Some(PackageCall { manager, action, label, args, operands })
    }

    /// The package operands whose text is known at build-file time: no `$VAR`,
    /// no local package files.
    pub fn named_packages(&self) -> Vec<&'c str> {
        self.operands.iter().copied().filter(|p| !is_dynamic(p) && !is_package_file(p)).collect()
    }
}

fn action(manager: Manager, verb: &str) -> Action {
    match (manager, verb) {
        (Manager::Apt, "install" | "reinstall")
        | (Manager::Apk, "add")
        | (Manager::Rpm, "install" | "in" | "reinstall" | "groupinstall" | "localinstall")
        | (Manager::Zypper, "install" | "in" | "source-install" | "si" | "install-new-recommends" | "inr") => {
            Action::Install
        }
        (Manager::Apt | Manager::Apk, "update")
        | (Manager::Rpm, "makecache")
        | (Manager::Zypper, "refresh" | "ref") => Action::IndexUpdate,
        (Manager::Apt, "upgrade")
        | (Manager::Apk, "upgrade")
        | (
            Manager::Rpm,
            "update" | "upgrade" | "up" | "upgrade-minimal" | "update-minimal" | "distro-sync",
        )
        | (Manager::Zypper, "update" | "up" | "patch") => Action::Upgrade,
        (Manager::Apt, "dist-upgrade" | "full-upgrade") | (Manager::Zypper, "dist-upgrade" | "dup") => {
            Action::ReleaseUpgrade
        }
        (Manager::Apt, "remove" | "purge" | "autoremove")
        | (Manager::Apk, "del")
        | (Manager::Rpm, "remove" | "erase" | "rm" | "autoremove" | "groupremove")
        | (Manager::Zypper, "remove" | "rm") => Action::Remove,
        (Manager::Apt, "clean" | "autoclean")
        | (Manager::Rpm, "clean")
        | (Manager::Zypper, "clean" | "cc") => Action::Clean,
        (Manager::Apk, "cache") => Action::Clean,
        _ => Action::Other,
    }
}

/// A local package file or URL rather than a repository package name.
fn is_package_file(operand: &str) -> bool {
    operand.contains("://")
        || operand.starts_with(['.', '/', '~'])
        || [".deb", ".apk", ".rpm"].iter().any(|ext| operand.ends_with(ext))
}

/// The package name without a version, release or architecture suffix, for
/// matching against known names: `gcc` for `gcc=4:12.2`, `gcc~12` or `gcc:amd64`.
pub fn bare_name(manager: Manager, package: &str) -> &str {
    let end = match manager {
        Manager::Apt => package.find(['=', '/', ':']),
        Manager::Apk => package.find(['=', '~', '<', '>']),
        Manager::Zypper => package.find(['=', '<', '>']),
        Manager::Rpm => None,
    };
    let name = &package[..end.unwrap_or(package.len())];
    match manager {
        Manager::Rpm | Manager::Zypper => rpm_name(name),
        _ => name,
    }
}

/// `gcc` for `gcc-8.5.0-4.el8`: the name is everything before the first
/// `-<digit>` segment that starts a version (see [`rpm_has_version`]).
fn rpm_name(spec: &str) -> &str {
    let mut offset = 0;
    for segment in spec.split('-') {
        if offset > 0
            && segment.starts_with(|c: char| c.is_ascii_digit())
            && spec[offset..].contains(['.', ':'])
        {
            return &spec[..offset - 1];
        }
        offset += segment.len() + 1;
    }
    spec
}

/// An rpm package spec with a version: `nginx-1.20.1`, `openssl-1:1.1.1k`,
/// `gcc-8.5.0-4.el8`. A `-<digits>` segment without a dot after it is part of
/// the name (`java-11-openjdk`).
pub fn rpm_has_version(spec: &str) -> bool {
    rpm_name(spec).len() < spec.len()
}

/// A pip call: `pip install`, `pip3.12 install`, `python3 -m pip install`,
/// `uv pip install`.
pub struct PipCall<'c> {
    /// The command as written for messages: `pip3 install`, `python -m pip install`.
    pub label: String,
    pub args: Args<'c>,
    /// uv's pip interface, which has its own cache and options.
    pub uv: bool,
}

const PIP_VALUE_OPTIONS: &[&str] = &[
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-e",
    "--editable",
    "-t",
    "--target",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--root",
    "--prefix",
    "--src",
    "--upgrade-strategy",
    "-C",
    "--config-settings",
    "--global-option",
    "--no-binary",
    "--only-binary",
    "--progress-bar",
    "--root-user-action",
    "--report",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "--log",
    "--proxy",
    "--retries",
    "--timeout",
    "--exists-action",
    "--trusted-host",
    "--cert",
    "--client-cert",
    "--cache-dir",
    "--python",
    "-p",
    "--keyring-provider",
    "--use-feature",
    "--use-deprecated",
    "--group",
];

impl<'c> PipCall<'c> {
    pub fn of(cmd: &'c Cmd) -> Option<PipCall<'c>> {
        let (start, label, uv) = if is_versioned(&cmd.program, "pip") {
            (0, cmd.program.clone(), false)
        } else if is_versioned(&cmd.program, "python") {
            let m = cmd.args.iter().position(|arg| arg == "-m")?;
            let leading_options = cmd.args[..m].iter().all(|arg| arg.starts_with('-'));
            if !leading_options || cmd.args.get(m + 1).is_none_or(|module| module != "pip") {
                return None;
            }
            (m + 2, format!("{} -m pip", cmd.program), false)
        } else if cmd.is("uv") && cmd.args.first().is_some_and(|arg| arg == "pip") {
            (1, "uv pip".to_string(), true)
        } else {
            return None;
        };
        let args = cmd.parse_from(start, PIP_VALUE_OPTIONS);
        let label = format!("{label} {}", args.subcommand()?);
        Some(PipCall { label, args, uv })
    }

    pub fn is_install(&self) -> bool {
        self.args.subcommand() == Some("install")
    }
}

/// `pip`, `pip3`, `pip3.12` for base `pip`.
fn is_versioned(program: &str, base: &str) -> bool {
    program.strip_prefix(base).is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bosun_syntax::dockerfile::shell;

    fn call(script: &str) -> (Manager, Action, String, Vec<String>) {
        let cmd = shell::commands(script)
            .into_iter()
            .filter_map(Cmd::from_command)
            .find(|c| PackageCall::of(c).is_some())
            .unwrap();
        let call = PackageCall::of(&cmd).unwrap();
        let packages = call.named_packages().into_iter().map(String::from).collect();
        (call.manager, call.action, call.label, packages)
    }

    #[test]
    fn actions_and_packages() {
        let (m, a, label, p) =
            call("apt-get -q install -y --no-install-recommends curl=7.88 $EXTRA ./x.deb git");
        assert_eq!((m, a, label.as_str()), (Manager::Apt, Action::Install, "apt-get install"));
        assert_eq!(p, ["curl=7.88", "git"]);
        let (m, a, _, p) = call("apk add --no-cache --virtual .build-deps gcc musl-dev");
        assert_eq!((m, a), (Manager::Apk, Action::Install));
        assert_eq!(p, ["gcc", "musl-dev"]);
        let (_, a, label, p) = call("dnf -y group install 'Development Tools'");
        assert_eq!((a, label.as_str()), (Action::Install, "dnf group install"));
        assert_eq!(p, ["Development Tools"]);
        assert_eq!(call("zypper --non-interactive dup").1, Action::ReleaseUpgrade);
        assert_eq!(call("apt update").1, Action::IndexUpdate);
    }

    #[test]
    fn rpm_versions() {
        for pinned in ["nginx-1.20.1", "openssl-1:1.1.1k", "gcc-8.5.0-4.el8", "java-11-openjdk-11.0.20"] {
            assert!(rpm_has_version(pinned), "{pinned}");
        }
        for unpinned in ["nginx", "java-11-openjdk", "gcc-c++", "python3.11-devel", "libstdc++-devel"] {
            assert!(!rpm_has_version(unpinned), "{unpinned}");
        }
        assert_eq!(bare_name(Manager::Rpm, "gcc-8.5.0-4.el8"), "gcc");
        assert_eq!(bare_name(Manager::Apt, "gcc=4:12.2.0-3"), "gcc");
        assert_eq!(bare_name(Manager::Apk, "build-base~0.5"), "build-base");
    }
}
