//! Which operating system a tree (an image's root filesystem) runs: its
//! os-release file (os-release(5): `etc/os-release`, else
//! `usr/lib/os-release`), with the files distributions wrote before it or
//! beside it as fallbacks and for the full point release:
//! `etc/debian_version` (`12.5`), `etc/alpine-release` (`3.20.3`),
//! `etc/redhat-release` / `etc/system-release` (`Rocky Linux release 9.3
//! (Blue Onyx)`) and `etc/lsb-release` (`DISTRIB_ID=Ubuntu`).
//!
//! Also the OSV ecosystem its OS packages are filed under, named as the dpkg,
//! apk and rpm readers name it. Distroless images are Debian (their
//! os-release says `ID=debian`); Wolfi and Chainguard are rolling, with no
//! release.

use super::apk::alpine_ecosystem;
use super::dpkg::{debian_ecosystem, ubuntu_ecosystem};
use super::os_release::OsRelease;
use super::Files;
use serde::Serialize;

/// The operating system of a tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OperatingSystem {
    /// The os-release `ID`, lower-case: `debian`, `ubuntu`, `alpine`, `rhel`,
    /// `rocky`, `almalinux`, `centos`, `fedora`, `amzn`, `opensuse-leap`,
    /// `sles`, `ol`, `wolfi`, `chainguard`.
    pub id: String,
    /// The name reports show: os-release `NAME` (`Debian GNU/Linux`).
    pub name: String,
    /// The most precise release the tree states: Debian's point release
    /// (`12.5`), Alpine's (`3.20.3`), Ubuntu's (`22.04.4`), else `VERSION_ID`
    /// (`9.4`, `2023`). `None` for rolling distributions.
    pub version: Option<String>,
    /// os-release `VERSION_ID` as written (`12`, `22.04`, `3.20.3`).
    pub version_id: Option<String>,
    /// os-release `PRETTY_NAME` (`Distroless`, `Rocky Linux 9.3 (Blue Onyx)`).
    pub pretty_name: Option<String>,
    /// The OSV ecosystem of the OS packages (`Debian:12`, `Alpine:v3.20`,
    /// `Rocky Linux:9`, `Wolfi`); `None` for a distribution bosun does not
    /// know.
    pub ecosystem: Option<String>,
}

/// The operating system of the tree at display-path prefix `root` (`""` or
/// `image/rootfs/`), or `None` when no file says.
pub fn detect(root: &str, files: &dyn Files) -> Option<OperatingSystem> {
    let read = |name: &str| files.read(&format!("{root}{name}"));
    let mut os_release = OsRelease::of_tree(root, files);
    if os_release.get("ID").is_none() {
        os_release = fallback(&read)?;
    }
    let field = |key: &str| os_release.get(key).map(str::trim).filter(|v| !v.is_empty());
    let id = field("ID")?.to_ascii_lowercase();
    let version_id = field("VERSION_ID").map(str::to_string);
    let first_line = |name: &str| {
        read(name)
            .and_then(|text| text.lines().next().map(|l| l.trim().to_string()))
            .filter(|l| !l.is_empty())
    };
    let version = match id.as_str() {
        "debian" => {
            let stated = first_line("etc/debian_version");
            let point = stated.clone().filter(|v| v.starts_with(|c: char| c.is_ascii_digit()));
            point.or(version_id.clone()).or(stated)
        }
        "alpine" => first_line("etc/alpine-release").or(version_id.clone()),
        // `VERSION="22.04.4 LTS (Jammy Jellyfish)"` holds the point release.
        "ubuntu" => field("VERSION")
            .and_then(|v| v.split_whitespace().next())
            .filter(|v| version_id.as_deref().is_some_and(|id| v.starts_with(id)))
            .map(str::to_string)
            .or(version_id.clone()),
        _ => version_id.clone(),
    };
    let ecosystem = ecosystem(&id, &os_release, version.as_deref(), &read);
    Some(OperatingSystem {
        name: field("NAME").or(field("PRETTY_NAME")).unwrap_or(&id).to_string(),
        pretty_name: field("PRETTY_NAME").map(str::to_string),
        id,
        version,
        version_id,
        ecosystem,
    })
}

/// The OSV ecosystem of a distribution's packages (the OSV schema's
/// ecosystem list). Distributions OSV has no advisories for (Fedora,
/// CentOS, Amazon Linux, Oracle Linux) are named the same way, release
/// included, so that their packages still say where they come from.
fn ecosystem(
    id: &str,
    os_release: &OsRelease,
    version: Option<&str>,
    read: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    let field = |key: &str| os_release.get(key).map(str::trim).filter(|v| !v.is_empty());
    let version_id = field("VERSION_ID");
    let major = version_id.and_then(|v| v.split('.').next()).filter(|m| !m.is_empty());
    let with_release = |name: &str, release: Option<&str>| match release {
        Some(release) => format!("{name}:{release}"),
        None => name.to_string(),
    };
    let ecosystem = match id {
        // As the dpkg reader: VERSION_ID, then debian_version, then the codename.
        "debian" => {
            let debian_version = read("etc/debian_version");
            let stated = [version_id, debian_version.as_deref().map(str::trim), field("VERSION_CODENAME")];
            stated.iter().flatten().find_map(|release| debian_ecosystem(release)).unwrap_or("Debian".into())
        }
        "ubuntu" => match version_id {
            Some(release) => ubuntu_ecosystem(release, field("VERSION").is_some_and(|v| v.contains("LTS"))),
            None => "Ubuntu".into(),
        },
        "alpine" => version.and_then(alpine_ecosystem).unwrap_or("Alpine".into()),
        "wolfi" => "Wolfi".into(),
        "chainguard" => "Chainguard".into(),
        // `Red Hat:<CPE without its cpe:/o:redhat: prefix>`, the product
        // stream of the release (`enterprise_linux:9::baseos`).
        "rhel" => match field("CPE_NAME").and_then(|cpe| cpe.strip_prefix("cpe:/o:redhat:")) {
            Some(stream) => format!("Red Hat:{stream}"),
            None => "Red Hat".into(),
        },
        "rocky" => with_release("Rocky Linux", major),
        "almalinux" => with_release("AlmaLinux", major),
        // `<RELEASE>` is the PRETTY_NAME without the vendor: `openSUSE:Leap
        // 15.5`, `openSUSE:Tumbleweed`, `SUSE:Linux Enterprise Server 15 SP5`.
        _ if id.starts_with("opensuse") => {
            let product = field("PRETTY_NAME").and_then(|p| p.strip_prefix("openSUSE ")).map(str::trim);
            with_release("openSUSE", product)
        }
        "sles" | "sled" | "sle-micro" | "sl-micro" => {
            let product = field("PRETTY_NAME").and_then(|p| p.strip_prefix("SUSE ")).map(str::trim);
            with_release("SUSE", product)
        }
        "mageia" => with_release("Mageia", version_id),
        // `VERSION="22.03 (LTS-SP1)"`: `openEuler:22.03-LTS-SP1`.
        "openeuler" => {
            let qualifier = field("VERSION")
                .and_then(|v| v.split_once('(')?.1.strip_suffix(')').map(str::trim))
                .filter(|q| !q.is_empty());
            let release = version_id.map(|v| match qualifier {
                Some(qualifier) => format!("{v}-{qualifier}"),
                None => v.to_string(),
            });
            with_release("openEuler", release.as_deref())
        }
        "photon" => with_release("Photon OS", version_id),
        "azurelinux" | "mariner" => with_release("Azure Linux", version_id),
        "fedora" => with_release("Fedora", version_id),
        "centos" => with_release("CentOS", major),
        "amzn" => with_release("Amazon Linux", major),
        "ol" => with_release("Oracle Linux", major),
        _ => return None,
    };
    Some(ecosystem)
}

/// os-release fields made from the older release files, when the tree has
/// no os-release with an `ID`.
fn fallback(read: &dyn Fn(&str) -> Option<String>) -> Option<OsRelease> {
    let fields = |pairs: &[(&str, &str)]| {
        let text: String = pairs.iter().map(|(key, value)| format!("{key}=\"{value}\"\n")).collect();
        OsRelease::parse(&text)
    };
    if let Some(release) = read("etc/alpine-release") {
        let release = release.trim();
        return Some(fields(&[("ID", "alpine"), ("NAME", "Alpine Linux"), ("VERSION_ID", release)]));
    }
    for name in ["etc/redhat-release", "etc/system-release"] {
        if let Some(text) = read(name) {
            if let Some(found) = redhat_release(text.lines().next().unwrap_or("")) {
                return Some(found);
            }
        }
    }
    if let Some(text) = read("etc/lsb-release") {
        let lsb = OsRelease::parse(&text);
        if let Some(id) = lsb.get("DISTRIB_ID").filter(|id| !id.is_empty()) {
            let id = id.to_ascii_lowercase();
            let version = lsb.get("DISTRIB_RELEASE").unwrap_or("");
            let name = lsb.get("DISTRIB_ID").unwrap_or("");
            let description = lsb.get("DISTRIB_DESCRIPTION").unwrap_or("");
            return Some(fields(&[
                ("ID", &id),
                ("NAME", name),
                ("VERSION_ID", version),
                ("VERSION", description.trim_start_matches(name).trim()),
                ("VERSION_CODENAME", lsb.get("DISTRIB_CODENAME").unwrap_or("")),
            ]));
        }
    }
    if read("etc/debian_version").is_some() {
        return Some(fields(&[("ID", "debian"), ("NAME", "Debian GNU/Linux")]));
    }
    None
}

/// `CentOS Linux release 7.9.2009 (Core)`, `Red Hat Enterprise Linux Server
/// release 7.9 (Maipo)`, `Amazon Linux release 2 (Karoo)`, `Fedora release
/// 39 (Thirty Nine)` as os-release fields.
fn redhat_release(line: &str) -> Option<OsRelease> {
    let (name, rest) = line.split_once(" release ")?;
    let version = rest.split_whitespace().next()?;
    let known = [
        ("Red Hat Enterprise Linux", "rhel"),
        ("CentOS Stream", "centos"),
        ("CentOS", "centos"),
        ("Rocky Linux", "rocky"),
        ("AlmaLinux", "almalinux"),
        ("Fedora", "fedora"),
        ("Amazon Linux", "amzn"),
        ("Oracle Linux", "ol"),
    ];
    let (_, id) = known.iter().find(|(prefix, _)| name.starts_with(prefix))?;
    // CentOS 7 writes `7.9.2009`: the os-release VERSION_ID is the major.
    let version_id = if *id == "centos" { version.split('.').next().unwrap_or(version) } else { version };
    let text = format!("ID={id}\nNAME=\"{name}\"\nVERSION_ID=\"{version_id}\"\nPRETTY_NAME=\"{line}\"\n");
    Some(OsRelease::parse(&text))
}

#[cfg(test)]
mod tests {
    use super::{detect, OperatingSystem};
    use crate::inventory::testing::tree;

    /// (id, name, version, ecosystem) of a tree.
    fn summary(os: &OperatingSystem) -> (&str, &str, Option<&str>, Option<&str>) {
        (&os.id, &os.name, os.version.as_deref(), os.ecosystem.as_deref())
    }

    fn detected<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> OperatingSystem {
        detect("", &tree(files)).expect("an operating system")
    }

    // The os-release files below are those of the official images.
    const DEBIAN_12: &str = r#"PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
"#;

    const UBUNTU_22_04: &str = r#"PRETTY_NAME="Ubuntu 22.04.4 LTS"
NAME="Ubuntu"
VERSION_ID="22.04"
VERSION="22.04.4 LTS (Jammy Jellyfish)"
VERSION_CODENAME=jammy
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
UBUNTU_CODENAME=jammy
"#;

    const ALPINE_3_20: &str = r#"NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.20.3
PRETTY_NAME="Alpine Linux v3.20"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
"#;

    const UBI_9: &str = r#"NAME="Red Hat Enterprise Linux"
VERSION="9.4 (Plow)"
ID="rhel"
ID_LIKE="fedora"
VERSION_ID="9.4"
PLATFORM_ID="platform:el9"
PRETTY_NAME="Red Hat Enterprise Linux 9.4 (Plow)"
ANSI_COLOR="0;31"
LOGO="fedora-logo-icon"
CPE_NAME="cpe:/o:redhat:enterprise_linux:9::baseos"
HOME_URL="https://www.redhat.com/"
REDHAT_SUPPORT_PRODUCT="Red Hat Enterprise Linux 9"
REDHAT_SUPPORT_PRODUCT_VERSION="9.4"
"#;

    const ROCKY_9: &str = r#"NAME="Rocky Linux"
VERSION="9.3 (Blue Onyx)"
ID="rocky"
ID_LIKE="rhel centos fedora"
VERSION_ID="9.3"
PLATFORM_ID="platform:el9"
PRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"
CPE_NAME="cpe:/o:rocky:rocky:9::baseos"
SUPPORT_END="2032-05-31"
ROCKY_SUPPORT_PRODUCT="Rocky-Linux-9"
"#;

    const AMAZON_LINUX_2023: &str = r#"NAME="Amazon Linux"
VERSION="2023"
ID="amzn"
ID_LIKE="fedora"
VERSION_ID="2023"
PLATFORM_ID="platform:al2023"
PRETTY_NAME="Amazon Linux 2023.5.20240624"
CPE_NAME="cpe:2.3:o:amazon:amazon_linux:2023"
SUPPORT_END="2029-06-30"
"#;

    const DISTROLESS: &str = r#"PRETTY_NAME="Distroless"
NAME="Debian GNU/Linux"
ID="debian"
VERSION_ID="12"
VERSION="Debian GNU/Linux 12 (bookworm)"
HOME_URL="https://github.com/GoogleContainerTools/distroless"
"#;

    const WOLFI: &str = r#"ID=wolfi
NAME="Wolfi"
PRETTY_NAME="Wolfi"
VERSION_ID="20230201"
HOME_URL="https://wolfi.dev"
"#;

    #[test]
    fn debian_with_its_point_release() {
        let os = detected([("etc/os-release", DEBIAN_12), ("etc/debian_version", "12.5\n")]);
        assert_eq!(summary(&os), ("debian", "Debian GNU/Linux", Some("12.5"), Some("Debian:12")));
        assert_eq!(os.version_id.as_deref(), Some("12"));
        let without = detected([("etc/os-release", DEBIAN_12)]);
        assert_eq!(without.version.as_deref(), Some("12"));
    }

    #[test]
    fn ubuntu_alpine_and_wolfi() {
        let ubuntu = detected([("etc/os-release", UBUNTU_22_04)]);
        assert_eq!(summary(&ubuntu), ("ubuntu", "Ubuntu", Some("22.04.4"), Some("Ubuntu:22.04:LTS")));
        let alpine = detected([("etc/os-release", ALPINE_3_20), ("etc/alpine-release", "3.20.3\n")]);
        assert_eq!(summary(&alpine), ("alpine", "Alpine Linux", Some("3.20.3"), Some("Alpine:v3.20")));
        let wolfi = detected([("usr/lib/os-release", WOLFI)]);
        assert_eq!(summary(&wolfi), ("wolfi", "Wolfi", Some("20230201"), Some("Wolfi")));
    }

    #[test]
    fn distroless_is_debian() {
        let os = detected([("etc/os-release", DISTROLESS)]);
        assert_eq!(summary(&os), ("debian", "Debian GNU/Linux", Some("12"), Some("Debian:12")));
        assert_eq!(os.pretty_name.as_deref(), Some("Distroless"));
    }

    #[test]
    fn rpm_distributions() {
        let ubi = detected([
            ("etc/os-release", UBI_9),
            ("etc/redhat-release", "Red Hat Enterprise Linux release 9.4 (Plow)\n"),
        ]);
        assert_eq!(
            summary(&ubi),
            ("rhel", "Red Hat Enterprise Linux", Some("9.4"), Some("Red Hat:enterprise_linux:9::baseos"))
        );
        let rocky = detected([("etc/os-release", ROCKY_9)]);
        assert_eq!(summary(&rocky), ("rocky", "Rocky Linux", Some("9.3"), Some("Rocky Linux:9")));
        let amazon = detected([("etc/os-release", AMAZON_LINUX_2023)]);
        assert_eq!(summary(&amazon), ("amzn", "Amazon Linux", Some("2023"), Some("Amazon Linux:2023")));
        let leap = "NAME=\"openSUSE Leap\"\nVERSION=\"15.5\"\nID=\"opensuse-leap\"\nVERSION_ID=\"15.5\"\nPRETTY_NAME=\"openSUSE Leap 15.5\"\n";
        assert_eq!(detected([("etc/os-release", leap)]).ecosystem.as_deref(), Some("openSUSE:Leap 15.5"));
        let sles = "NAME=\"SLES\"\nVERSION=\"15-SP5\"\nVERSION_ID=\"15.5\"\nPRETTY_NAME=\"SUSE Linux Enterprise Server 15 SP5\"\nID=\"sles\"\n";
        assert_eq!(
            detected([("etc/os-release", sles)]).ecosystem.as_deref(),
            Some("SUSE:Linux Enterprise Server 15 SP5")
        );
        let euler =
            "NAME=\"openEuler\"\nVERSION=\"22.03 (LTS-SP1)\"\nID=\"openEuler\"\nVERSION_ID=\"22.03\"\n";
        assert_eq!(
            detected([("etc/os-release", euler)]).ecosystem.as_deref(),
            Some("openEuler:22.03-LTS-SP1")
        );
    }

    #[test]
    fn older_release_files_without_os_release() {
        let centos = detected([("etc/redhat-release", "CentOS Linux release 7.9.2009 (Core)\n")]);
        assert_eq!(summary(&centos), ("centos", "CentOS Linux", Some("7"), Some("CentOS:7")));
        let amazon = detected([("etc/system-release", "Amazon Linux release 2 (Karoo)\n")]);
        assert_eq!(summary(&amazon), ("amzn", "Amazon Linux", Some("2"), Some("Amazon Linux:2")));
        let alpine = detected([("etc/alpine-release", "3.11.6\n")]);
        assert_eq!(summary(&alpine), ("alpine", "Alpine Linux", Some("3.11.6"), Some("Alpine:v3.11")));
        let lsb = "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=20.04\nDISTRIB_CODENAME=focal\nDISTRIB_DESCRIPTION=\"Ubuntu 20.04.6 LTS\"\n";
        let ubuntu = detected([("etc/lsb-release", lsb)]);
        assert_eq!(summary(&ubuntu), ("ubuntu", "Ubuntu", Some("20.04.6"), Some("Ubuntu:20.04:LTS")));
        let debian = detected([("etc/debian_version", "11.9\n")]);
        assert_eq!(summary(&debian), ("debian", "Debian GNU/Linux", Some("11.9"), Some("Debian:11")));
        let sid = detected([("etc/debian_version", "trixie/sid\n")]);
        assert_eq!(summary(&sid), ("debian", "Debian GNU/Linux", Some("trixie/sid"), Some("Debian:13")));
    }

    #[test]
    fn unknown_trees_and_distributions() {
        assert_eq!(detect("", &tree([])), None);
        assert_eq!(detect("", &tree([("etc/redhat-release", "Something else entirely\n")])), None);
        let arch = detected([("etc/os-release", "NAME=\"Arch Linux\"\nID=arch\nBUILD_ID=rolling\n")]);
        assert_eq!(summary(&arch), ("arch", "Arch Linux", None, None));
        let nested = tree([("img/etc/os-release", ALPINE_3_20)]);
        assert_eq!(detect("img/", &nested).unwrap().ecosystem.as_deref(), Some("Alpine:v3.20"));
    }
}
