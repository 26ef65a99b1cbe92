//! Which files of an image its OS packages installed.
//!
//! A Debian or Alpine image ships thousands of files from the distribution:
//! documentation with example keys, test suites with throwaway certificates,
//! parsers full of the word "token". Secret rules match them, and none of
//! them is a secret of the image's owner. The package databases list those
//! files (dpkg's `info/*.list`, apk's `F:`/`R:` lines), so secret findings in
//! them are left out of the report and counted instead. Files under `etc/`
//! stay in: configuration files are where an owner's credentials are written,
//! even when a package installed the file first.

use super::packages::FinalTexts;
use std::collections::HashSet;

/// The paths (without the leading `/`) that dpkg and apk say their packages installed.
pub fn owned_by_os_packages(texts: &FinalTexts<'_>) -> HashSet<String> {
    let mut owned = HashSet::new();
    for (path, text) in texts.iter() {
        if path.starts_with("var/lib/dpkg/info/") && path.ends_with(".list") {
            owned.extend(text.lines().map(|line| line.trim().trim_start_matches('/').to_string()));
        } else if path == "lib/apk/db/installed" {
            let mut dir = "";
            for line in text.lines() {
                if let Some(d) = line.strip_prefix("F:") {
                    dir = d;
                } else if let Some(file) = line.strip_prefix("R:") {
                    owned.insert(if dir.is_empty() { file.to_string() } else { format!("{dir}/{file}") });
                }
            }
        }
    }
    owned.remove("");
    owned
}

/// Whether findings in `path` are distribution content (see the module comment).
pub fn is_distribution_content(owned: &HashSet<String>, path: &str) -> bool {
    !path.starts_with("etc/") && owned.contains(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configuration_files_stay_in() {
        let owned: HashSet<String> = ["usr/share/doc/x/README", "etc/app.conf"].map(String::from).into();
        assert!(is_distribution_content(&owned, "usr/share/doc/x/README"));
        assert!(!is_distribution_content(&owned, "etc/app.conf"));
        assert!(!is_distribution_content(&owned, "app/.env"));
    }
}
