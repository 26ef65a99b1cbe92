//! The os-release file of a tree (os-release(5)): which distribution and
//! release an OS package database belongs to, which names the ecosystem its
//! advisories are filed under (`Debian:12`, `Alpine:v3.20`, `Wolfi`).

use super::Files;

/// The `KEY=value` fields of a tree's os-release file.
#[derive(Debug, Default)]
pub(super) struct OsRelease(Vec<(String, String)>);

impl OsRelease {
    /// The os-release of the tree at display-path prefix `root` (`""` or
    /// `image/rootfs/`): `etc/os-release`, else `usr/lib/os-release`, as the
    /// spec says to look; no fields when neither is there.
    pub(super) fn of_tree(root: &str, files: &dyn Files) -> OsRelease {
        ["etc/os-release", "usr/lib/os-release"]
            .iter()
            .find_map(|name| files.read(&format!("{root}{name}")))
            .map(|text| OsRelease::parse(&text))
            .unwrap_or_default()
    }

    /// `KEY=value` lines, a value's matching quotes removed; other lines are
    /// passed over.
    pub(super) fn parse(text: &str) -> OsRelease {
        let fields = text
            .lines()
            .filter_map(|line| line.trim().split_once('='))
            .map(|(key, value)| {
                let value = value.trim();
                let unquoted = value
                    .strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
                    .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                    .unwrap_or(value);
                (key.trim().to_string(), unquoted.to_string())
            })
            .collect();
        OsRelease(fields)
    }

    /// The first value of `key` (`ID`, `VERSION_ID`).
    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::OsRelease;
    use crate::inventory::testing::tree;

    #[test]
    fn fields_with_quotes_removed() {
        let text = "NAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID='12'\n# comment\nODD=\"x'\nID=other\n";
        let os_release = OsRelease::parse(text);
        assert_eq!(os_release.get("NAME"), Some("Debian GNU/Linux"));
        assert_eq!(os_release.get("ID"), Some("debian"));
        assert_eq!(os_release.get("VERSION_ID"), Some("12"));
        assert_eq!(os_release.get("ODD"), Some("\"x'"));
        assert_eq!(os_release.get("VERSION"), None);
    }

    #[test]
    fn etc_comes_before_usr_lib() {
        let both = tree([("img/etc/os-release", "ID=alpine\n"), ("img/usr/lib/os-release", "ID=wolfi\n")]);
        assert_eq!(OsRelease::of_tree("img/", &both).get("ID"), Some("alpine"));
        let usr_lib = tree([("usr/lib/os-release", "ID=wolfi\n")]);
        assert_eq!(OsRelease::of_tree("", &usr_lib).get("ID"), Some("wolfi"));
        assert_eq!(OsRelease::of_tree("", &tree([])).get("ID"), None);
    }
}
