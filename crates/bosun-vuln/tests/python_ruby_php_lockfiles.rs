//! The Python, Ruby and PHP readers on the lockfiles in
//! `tests/fixtures/lockfiles/{PyPI,RubyGems,Packagist}`: files written by the
//! real tools (`uv lock`, `poetry lock` 1.1 and 2.5, `pipenv lock`,
//! `pip-compile`) and excerpts of real projects' lockfiles, read the way a scan
//! reads them (`inventory::read_in`, other files of the tree at hand).

use bosun_vuln::inventory::{self, FileInventory, Files};
use std::path::{Path, PathBuf};

struct FixtureTree(PathBuf);

impl Files for FixtureTree {
    fn read(&self, path: &str) -> Option<String> {
        std::fs::read_to_string(self.0.join(path)).ok()
    }
}

fn read(lockfile: &str) -> FileInventory {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lockfiles");
    let text = std::fs::read_to_string(root.join(lockfile)).unwrap();
    let result = inventory::read_in(lockfile, &text, &FixtureTree(root)).expect("a known format");
    result.unwrap_or_else(|e| panic!("{lockfile}: {e}"))
}

/// (name, version, line, direct, dev) of each package, in file order.
type Row<'a> = (&'a str, &'a str, u32, Option<bool>, Option<bool>);

fn rows(inventory: &FileInventory) -> Vec<Row<'_>> {
    inventory
        .packages
        .iter()
        .map(|p| (p.name.as_str(), p.version.as_str(), p.line, p.direct, p.dev))
        .collect()
}

#[test]
fn requirements_with_an_include_and_constraints() {
    let inventory = read("PyPI/requirements-includes/requirements.txt");
    let found: Vec<_> = inventory
        .packages
        .iter()
        .map(|p| (p.name.as_str(), p.version.as_str(), p.path.as_str(), p.line))
        .collect();
    let base = "PyPI/requirements-includes/requirements/base.txt";
    assert_eq!(
        found,
        [
            ("idna", "3.20", base, 8),
            ("pysocks", "1.7.1", base, 12),
            ("requests", "2.34.2", base, 17),
            ("six", "1.16.0", base, 21),
            ("flask", "2.3.2", "PyPI/requirements-includes/constraints.txt", 2),
        ]
    );
    assert_eq!(inventory.notes, ["line 5: gunicorn: unpinned, no version to check"]);
    assert!(inventory.packages.iter().all(|p| p.ecosystem == "PyPI"));
}

#[test]
fn poetry_2_groups_and_a_directory_dependency() {
    let inventory = read("PyPI/poetry-2.1/poetry.lock");
    assert_eq!(
        rows(&inventory),
        [
            ("iniconfig", "2.3.1", 4, None, Some(true)),
            ("packaging", "26.4", 38, None, Some(false)),
            ("six", "1.16.0", 55, None, Some(false)),
        ]
    );
    assert_eq!(inventory.notes, ["localpkg 0.2.0: from directory libs/localpkg, not a package index"]);
}

#[test]
fn poetry_1_categories_and_lock_2_0_without_them() {
    let old = read("PyPI/poetry-1.1/poetry.lock");
    assert_eq!(
        rows(&old),
        [("iniconfig", "2.3.1", 2, None, Some(true)), ("six", "1.16.0", 15, None, Some(false))]
    );
    let plain = read("PyPI/poetry-1.8/poetry.lock");
    assert_eq!(
        rows(&plain),
        [
            ("alembic", "1.13.1", 4, None, None),
            ("annotated-types", "0.6.0", 23, None, None),
            ("anyio", "4.3.0", 34, None, None),
        ]
    );
    assert_eq!(plain.packages[0].purl, "pkg:pypi/alembic@1.13.1");
}

#[test]
fn uv_project_with_an_extra_a_group_and_a_directory_dependency() {
    let inventory = read("PyPI/uv-0.13/uv.lock");
    assert_eq!(
        rows(&inventory),
        [
            ("idna", "3.20", 6, Some(true), Some(false)),
            ("iniconfig", "2.3.1", 15, Some(true), Some(true)),
            ("packaging", "26.4", 35, Some(false), Some(false)),
            ("six", "1.16.0", 44, Some(true), Some(false)),
        ]
    );
    assert_eq!(inventory.notes, ["localpkg 0.2.0: from directory libs/localpkg, not a package index"]);
}

#[test]
fn pipenv_sections_and_an_editable_path() {
    let inventory = read("PyPI/pipenv/Pipfile.lock");
    assert_eq!(
        rows(&inventory),
        [
            ("packaging", "26.4", 23, Some(false), Some(false)),
            ("six", "1.16.0", 31, Some(true), Some(false)),
            ("iniconfig", "2.3.1", 42, Some(true), Some(true)),
        ]
    );
    assert_eq!(inventory.notes, ["localpkg: from path ./libs/localpkg (editable), not a package index"]);
}

#[test]
fn gemfile_lock_excerpt() {
    let inventory = read("RubyGems/rubygems.org-2016/Gemfile.lock");
    let direct: Vec<_> =
        inventory.packages.iter().filter(|p| p.direct == Some(true)).map(|p| p.name.as_str()).collect();
    assert_eq!(direct, ["autoprefixer-rails", "aws-sdk", "bourne", "builder"]);
    assert_eq!(inventory.packages.len(), 11);
    let aws = inventory.packages.iter().find(|p| p.name == "aws-sdk-core").unwrap();
    assert_eq!((aws.version.as_str(), aws.line, aws.direct), ("2.3.9", 13, Some(false)));
    assert_eq!(aws.purl, "pkg:gem/aws-sdk-core@2.3.9");
    assert!(inventory.packages.iter().all(|p| p.ecosystem == "RubyGems" && p.dev.is_none()));
    assert!(inventory.notes.is_empty());
}

#[test]
fn composer_lock_excerpt() {
    let inventory = read("Packagist/laravel.io-2018/composer.lock");
    assert_eq!(
        rows(&inventory),
        [
            ("bugsnag/bugsnag", "v3.12.1", 10, None, Some(false)),
            ("guzzlehttp/guzzle", "6.3.2", 69, None, Some(false)),
            ("doctrine/instantiator", "1.1.0", 170, None, Some(true)),
            ("filp/whoops", "2.1.14", 224, None, Some(true)),
        ]
    );
    assert_eq!(inventory.notes, ["roave/security-advisories dev-master: a branch, not a release"]);
    assert_eq!(inventory.packages[0].ecosystem, "Packagist");
}
