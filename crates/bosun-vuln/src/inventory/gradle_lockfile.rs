//! `gradle.lockfile`, Gradle's one-file dependency lock: one
//! `group:artifact:version=configuration,configuration` line per module (the
//! configurations that resolve it), comments, and an `empty=` line naming the
//! configurations that resolve nothing. A module is development-only when every
//! configuration that uses it is a test one (`testCompileClasspath`,
//! `integrationTestRuntimeClasspath`, ...). The file does not say which modules
//! the build script names itself, so `direct` is left unknown.

use super::{FileInventory, Package};

pub fn read(path: &str, text: &str) -> Result<FileInventory, String> {
    let mut inventory = FileInventory::default();
    for (index, raw) in text.lines().enumerate() {
        let number = index as u32 + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // Gradle's older per-configuration lockfiles list bare coordinates.
        let (coordinates, configurations) = line.split_once('=').unwrap_or((line, ""));
        if coordinates == "empty" {
            continue;
        }
        let parts: Vec<&str> = coordinates.split(':').map(str::trim).collect();
        let [group, artifact, version] = parts[..] else {
            return Err(format!(
                "line {number}: expected `group:artifact:version=configurations`, found `{line}`"
            ));
        };
        if group.is_empty() || artifact.is_empty() || version.is_empty() {
            return Err(format!("line {number}: empty group, artifact or version in `{line}`"));
        }
        let configurations: Vec<&str> =
            configurations.split(',').map(str::trim).filter(|c| !c.is_empty()).collect();
        let mut package = Package::new("Maven", &format!("{group}:{artifact}"), version, path, number);
        if !configurations.is_empty() {
            package.dev = Some(configurations.iter().all(|c| is_test_configuration(c)));
        }
        inventory.packages.push(package);
    }
    Ok(inventory)
}

/// A configuration of test code: one of whose camelCase words is `test`
/// (`testRuntimeClasspath`, `testFixturesApi`, `integrationTestCompileClasspath`).
fn is_test_configuration(name: &str) -> bool {
    let mut word = String::new();
    for c in name.chars().chain(std::iter::once('_')) {
        if c.is_ascii_uppercase() || !c.is_ascii_alphanumeric() {
            if word.eq_ignore_ascii_case("test") {
                return true;
            }
            word.clear();
        }
        if c.is_ascii_alphanumeric() {
            word.push(c);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{is_test_configuration, read};
    use crate::inventory::testing::with_dev;

    const LOCKFILE: &str = "# This is a Gradle generated file for dependency locking.\n\
# Manual edits can break the build and are not advised.\n\
# This file is expected to be part of source control.\n\
ch.qos.logback:logback-classic:1.4.0=compileClasspath,runtimeClasspath,testCompileClasspath,testRuntimeClasspath\n\
com.github.spotbugs:spotbugs-annotations:4.7.2=compileClasspath,spotbugs,testCompileClasspath\n\
org.junit.jupiter:junit-jupiter-api:5.9.0=testCompileClasspath,testRuntimeClasspath\n\
empty=spotbugsPlugins,testAnnotationProcessor\n";

    #[test]
    fn modules_with_lines_and_test_only_ones_marked_dev() {
        let inventory = read("gradle.lockfile", LOCKFILE).unwrap();
        let found = with_dev(&inventory);
        assert_eq!(
            found,
            [
                ("ch.qos.logback:logback-classic", "1.4.0", 4, Some(false)),
                ("com.github.spotbugs:spotbugs-annotations", "4.7.2", 5, Some(false)),
                ("org.junit.jupiter:junit-jupiter-api", "5.9.0", 6, Some(true)),
            ]
        );
        assert_eq!(inventory.packages[0].purl, "pkg:maven/ch.qos.logback/logback-classic@1.4.0");
        assert_eq!(inventory.packages[0].direct, None);
    }

    #[test]
    fn test_configurations_by_their_words() {
        for name in
            ["testCompileClasspath", "testFixturesRuntimeClasspath", "integrationTestRuntimeClasspath"]
        {
            assert!(is_test_configuration(name), "{name}");
        }
        for name in ["compileClasspath", "runtimeClasspath", "latestRuntime", "contestClasspath", "spotbugs"]
        {
            assert!(!is_test_configuration(name), "{name}");
        }
    }

    #[test]
    fn malformed_lines_are_errors_with_lines() {
        let error = read("gradle.lockfile", "# c\na:b=compileClasspath\n").unwrap_err();
        assert!(error.starts_with("line 2:"), "{error}");
        assert!(read("gradle.lockfile", "a::1=x\n").is_err());
        assert!(read("gradle.lockfile", "\u{0}\u{1}binary").is_err());
        let bare = read("gradle.lockfile", "a:b:1.0\n").unwrap();
        assert_eq!((bare.packages[0].name.as_str(), bare.packages[0].dev), ("a:b", None));
    }
}
