//! Maven `pom.xml`: the project's `<dependencies>`, named `groupId:artifactId`.
//! Versions are resolved as Maven builds the effective model: `${property}`
//! references from `<properties>` (and `project.version`, `project.groupId`,
//! `project.parent.version`, ...), versions and scopes from
//! `<dependencyManagement>`, and both inherited from parent POMs that are in the
//! repository (`<parent><relativePath>`, `../pom.xml` by default, used only when
//! that file is the parent the POM names, as Maven checks).
//!
//! Left out on purpose, each dependency with a note: versions that need a parent
//! POM outside the repository or an imported BOM (`<scope>import</scope>`),
//! properties defined nowhere in the repository, version ranges. Not read:
//! plugin dependencies (build tools, not part of what is shipped), dependencies
//! in `<profiles>` (active only on some builds), and the dependencies a parent
//! declares (the parent's own `pom.xml` reports them, so they are not repeated
//! for every module).

use super::lines::LineStarts;
use super::{sibling, FileInventory, Files, Package};
use roxmltree::{Document, Node, ParsingOptions};
use std::collections::{HashMap, HashSet};

/// How many parent POMs are followed; real projects have two or three levels.
const MAX_PARENT_DEPTH: usize = 10;
/// XML nodes per POM: large real POMs have a few thousand.
const MAX_NODES: u32 = 500_000;
/// How deep a property may refer to other properties.
const MAX_PROPERTY_DEPTH: usize = 16;
/// A value that grows past this while properties are expanded is left
/// unresolved: properties that refer to each other twice over grow exponentially.
const MAX_EXPANDED_LEN: usize = 4096;
/// Substitutions for one value: properties that expand to nothing can still
/// refer to each other exponentially often.
const MAX_SUBSTITUTIONS: usize = 10_000;

pub fn read(path: &str, text: &str, files: &dyn Files) -> Result<FileInventory, String> {
    let pom = Pom::parse(path, text)?;
    let mut inventory = FileInventory::default();
    let lineage = Lineage::resolve(&pom, files, &mut inventory.notes);
    let model = EffectiveModel::new(&pom, &lineage);
    // Dependencies whose versions are managed elsewhere: one note for them all.
    let mut managed_elsewhere = Vec::new();
    for dependency in &pom.dependencies {
        match model.resolve(dependency) {
            Ok(resolved) => {
                let mut package =
                    Package::new("Maven", &resolved.name, &resolved.version, path, dependency.line);
                package.direct = Some(true);
                package.dev = Some(model.scope_of(dependency).as_deref() == Some("test"));
                inventory.packages.push(package);
            }
            Err(Unresolved::ManagedElsewhere(name)) => managed_elsewhere.push(name),
            Err(Unresolved::Other(note)) => inventory.notes.push(note),
        }
    }
    if !managed_elsewhere.is_empty() {
        let mut sources = Vec::new();
        if let Some(parent) = &lineage.outside {
            sources.push(format!("parent POM {parent}, which is not in the repository"));
        }
        if !model.imports.is_empty() {
            sources.push(format!("imported BOM {}", model.imports.join(", ")));
        }
        let count = match managed_elsewhere.len() {
            1 => "1 dependency has".to_string(),
            n => format!("{n} dependencies have"),
        };
        inventory.notes.push(format!(
            "{count} no version here (it comes from {}): {}",
            sources.join(" or "),
            managed_elsewhere.join(", ")
        ));
    }
    Ok(inventory)
}

/// Why a dependency has no single version.
enum Unresolved {
    /// Its version comes from a parent or BOM that is not read.
    ManagedElsewhere(String),
    /// A note saying what is wrong.
    Other(String),
}

/// What one POM file says, before anything is resolved.
struct Pom {
    path: String,
    group_id: Option<String>,
    artifact_id: Option<String>,
    version: Option<String>,
    parent: Option<ParentRef>,
    properties: Vec<(String, String)>,
    managed: Vec<Dependency>,
    dependencies: Vec<Dependency>,
}

/// `<parent>`: the parent's coordinates and where to look for it in the repository.
struct ParentRef {
    group_id: String,
    artifact_id: String,
    version: String,
    /// `None`: not given (`../pom.xml`); `Some("")`: look only in repositories.
    relative_path: Option<String>,
}

impl ParentRef {
    fn coordinates(&self) -> String {
        format!("{}:{}:{}", self.group_id, self.artifact_id, self.version)
    }
}

struct Dependency {
    group_id: String,
    artifact_id: String,
    version: Option<String>,
    scope: Option<String>,
    kind: String,
    classifier: String,
    line: u32,
}

impl Pom {
    fn parse(path: &str, text: &str) -> Result<Pom, String> {
        let options =
            ParsingOptions { allow_dtd: false, nodes_limit: MAX_NODES, ..ParsingOptions::default() };
        let document =
            Document::parse_with_options(text, options).map_err(|e| format!("not a valid pom.xml: {e}"))?;
        let project = document.root_element();
        if project.tag_name().name() != "project" {
            return Err(format!(
                "not a Maven POM: the root element is <{}>, not <project>",
                project.tag_name().name()
            ));
        }
        let parent = child(project, "parent").map(|parent| ParentRef {
            group_id: child_text(parent, "groupId").unwrap_or_default(),
            artifact_id: child_text(parent, "artifactId").unwrap_or_default(),
            version: child_text(parent, "version").unwrap_or_default(),
            relative_path: child(parent, "relativePath").map(|node| text_of(node).unwrap_or_default()),
        });
        let properties = child(project, "properties")
            .map(|properties| {
                elements(properties)
                    .map(|p| (p.tag_name().name().to_string(), text_of(p).unwrap_or_default()))
                    .collect()
            })
            .unwrap_or_default();
        let lines = LineStarts::of(text);
        let managed = child(project, "dependencyManagement")
            .and_then(|management| child(management, "dependencies"))
            .map(|list| dependencies(&lines, list))
            .unwrap_or_default();
        let dependencies =
            child(project, "dependencies").map(|list| dependencies(&lines, list)).unwrap_or_default();
        Ok(Pom {
            path: path.to_string(),
            group_id: child_text(project, "groupId"),
            artifact_id: child_text(project, "artifactId"),
            version: child_text(project, "version"),
            parent,
            properties,
            managed,
            dependencies,
        })
    }

    /// `groupId`, which a module may inherit from its parent.
    fn group_id(&self) -> Option<&str> {
        self.group_id.as_deref().or(self.parent.as_ref().map(|p| p.group_id.as_str()))
    }
}

fn dependencies(lines: &LineStarts, list: Node) -> Vec<Dependency> {
    elements(list)
        .filter(|node| node.tag_name().name() == "dependency")
        .map(|node| Dependency {
            group_id: child_text(node, "groupId").unwrap_or_default(),
            artifact_id: child_text(node, "artifactId").unwrap_or_default(),
            version: child_text(node, "version"),
            scope: child_text(node, "scope"),
            kind: child_text(node, "type").unwrap_or_else(|| "jar".to_string()),
            classifier: child_text(node, "classifier").unwrap_or_default(),
            line: lines.line_of(node.range().start),
        })
        .collect()
}

fn elements<'a, 'input>(node: Node<'a, 'input>) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(Node::is_element)
}

/// The first child element named `name`, in whatever namespace (POMs are
/// written with and without the Maven namespace).
fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    elements(node).find(|n| n.tag_name().name() == name)
}

fn child_text(node: Node, name: &str) -> Option<String> {
    child(node, name).and_then(text_of)
}

/// An element's text, trimmed as Maven trims it; `None` when empty.
fn text_of(node: Node) -> Option<String> {
    let text: String = node.children().filter(Node::is_text).filter_map(|n| n.text()).collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// The parent POMs found in the repository, nearest first, and the first
/// parent that could not be followed.
struct Lineage {
    parents: Vec<Pom>,
    /// `group:artifact:version` of a parent outside the repository.
    outside: Option<String>,
}

impl Lineage {
    fn resolve(pom: &Pom, files: &dyn Files, notes: &mut Vec<String>) -> Lineage {
        let mut parents: Vec<Pom> = Vec::new();
        let mut seen: HashSet<String> = HashSet::from([pom.path.clone()]);
        let mut outside = None;
        loop {
            let current = parents.last().unwrap_or(pom);
            let Some(reference) = &current.parent else { break };
            if parents.len() == MAX_PARENT_DEPTH {
                notes.push(format!(
                    "parent POMs nest deeper than {MAX_PARENT_DEPTH} levels; {} and above are not read",
                    reference.coordinates()
                ));
                outside = Some(reference.coordinates());
                break;
            }
            let Some(candidate) = parent_path(&current.path, reference.relative_path.as_deref()) else {
                outside = Some(reference.coordinates());
                break;
            };
            if seen.contains(&candidate) {
                notes.push(format!("parent POMs form a cycle at {candidate}"));
                break;
            }
            let Some(text) = files.read(&candidate) else {
                outside = Some(reference.coordinates());
                break;
            };
            let parsed = match Pom::parse(&candidate, &text) {
                Ok(parsed) => parsed,
                Err(error) => {
                    notes.push(format!("parent POM {candidate} is not read: {error}"));
                    outside = Some(reference.coordinates());
                    break;
                }
            };
            // Maven uses the file only when it is the POM named; else the parent
            // comes from a repository.
            let same = parsed.artifact_id.as_deref() == Some(reference.artifact_id.as_str())
                && parsed.group_id() == Some(reference.group_id.as_str());
            if !same {
                outside = Some(reference.coordinates());
                break;
            }
            seen.insert(candidate);
            parents.push(parsed);
        }
        Lineage { parents, outside }
    }

    /// The POMs from the root ancestor down to `pom`: the order in which later
    /// definitions override earlier ones.
    fn top_down<'a>(&'a self, pom: &'a Pom) -> impl Iterator<Item = &'a Pom> {
        self.parents.iter().rev().chain(std::iter::once(pom))
    }
}

/// Where `<relativePath>` points from the POM at `path`: a file, or a
/// directory holding `pom.xml`. `None` when it is empty (look only in
/// repositories) or climbs out of the tree.
fn parent_path(path: &str, relative: Option<&str>) -> Option<String> {
    let relative = relative.unwrap_or("../pom.xml").trim();
    if relative.is_empty() {
        return None;
    }
    let target = sibling(path, relative)?;
    if target.ends_with(".xml") {
        Some(target)
    } else if target.is_empty() {
        Some("pom.xml".to_string())
    } else {
        Some(format!("{target}/pom.xml"))
    }
}

/// A dependency's resolved coordinates.
struct Resolved {
    name: String,
    version: String,
}

/// What identifies a dependency for `<dependencyManagement>`: group, artifact,
/// type and classifier.
type ManagementKey = (String, String, String, String);

/// A `<dependencyManagement>` entry's version and scope, interpolated.
struct Managed {
    version: Option<String>,
    scope: Option<String>,
}

/// Properties and managed dependencies after inheritance.
struct EffectiveModel {
    properties: HashMap<String, String>,
    managed: HashMap<ManagementKey, Managed>,
    /// BOMs imported into `<dependencyManagement>`, as `group:artifact`.
    imports: Vec<String>,
    /// Some parent POM is not in the repository: what it defines is unknown.
    outside_parent: bool,
}

impl EffectiveModel {
    fn new(pom: &Pom, lineage: &Lineage) -> EffectiveModel {
        let mut properties: HashMap<String, String> = HashMap::new();
        for source in lineage.top_down(pom) {
            properties.extend(source.properties.iter().cloned());
        }
        // The model's own coordinates, inherited from the parent when not given.
        let parent = pom.parent.as_ref();
        let builtins = [
            ("groupId", pom.group_id().map(str::to_string)),
            ("artifactId", pom.artifact_id.clone()),
            ("version", pom.version.clone().or_else(|| parent.map(|p| p.version.clone()))),
            ("parent.groupId", parent.map(|p| p.group_id.clone())),
            ("parent.artifactId", parent.map(|p| p.artifact_id.clone())),
            ("parent.version", parent.map(|p| p.version.clone())),
        ];
        for (key, value) in builtins {
            if let Some(value) = value {
                // `pom.` is the old spelling of `project.`, still accepted.
                properties.insert(format!("project.{key}"), value.clone());
                properties.insert(format!("pom.{key}"), value);
            }
        }
        let mut model = EffectiveModel {
            properties,
            managed: HashMap::new(),
            imports: Vec::new(),
            outside_parent: lineage.outside.is_some(),
        };
        for source in lineage.top_down(pom) {
            for entry in &source.managed {
                let scope = entry.scope.as_deref().map(|s| model.expand(s));
                let key = model.key(entry);
                if scope.as_deref() == Some("import") {
                    model.imports.push(format!("{}:{}", key.0, key.1));
                    continue;
                }
                let version = entry.version.as_deref().map(|v| model.expand(v));
                model.managed.insert(key, Managed { version, scope });
            }
        }
        model
    }

    fn key(&self, dependency: &Dependency) -> ManagementKey {
        (
            self.expand(&dependency.group_id),
            self.expand(&dependency.artifact_id),
            self.expand(&dependency.kind),
            self.expand(&dependency.classifier),
        )
    }

    fn managed_entry(&self, dependency: &Dependency) -> Option<&Managed> {
        self.managed.get(&self.key(dependency))
    }

    fn scope_of(&self, dependency: &Dependency) -> Option<String> {
        match &dependency.scope {
            Some(scope) => Some(self.expand(scope)),
            None => self.managed_entry(dependency).and_then(|managed| managed.scope.clone()),
        }
    }

    /// The dependency's name and single version, or why there is none.
    fn resolve(&self, dependency: &Dependency) -> Result<Resolved, Unresolved> {
        let (group, artifact, _, _) = self.key(dependency);
        let name = format!("{group}:{artifact}");
        if group.is_empty() || artifact.is_empty() || name.contains("${") {
            let note = format!("dependency {name} at line {}: incomplete coordinates", dependency.line);
            return Err(Unresolved::Other(note));
        }
        let version = match &dependency.version {
            Some(version) => Some(self.expand(version)),
            None => self.managed_entry(dependency).and_then(|managed| managed.version.clone()),
        };
        let Some(version) = version else {
            if self.outside_parent || !self.imports.is_empty() {
                return Err(Unresolved::ManagedElsewhere(name));
            }
            return Err(Unresolved::Other(format!("{name}: no version given and none managed")));
        };
        if version.contains("${") {
            let missing = if self.outside_parent { " (a parent outside the repository may)" } else { "" };
            let note =
                format!("{name}: version {version} uses a property the repository does not define{missing}");
            return Err(Unresolved::Other(note));
        }
        match single_version(&version) {
            Some(version) => Ok(Resolved { name, version }),
            None => Err(Unresolved::Other(format!("{name}: version {version} is a range, not one version"))),
        }
    }

    /// `value` with every `${name}` that the model defines replaced; the
    /// others are left as they are.
    fn expand(&self, value: &str) -> String {
        let mut out = String::with_capacity(value.len());
        let mut budget = MAX_SUBSTITUTIONS;
        if !self.expand_into(value, 0, &mut out, &mut budget) {
            return value.to_string();
        }
        out
    }

    /// False when the result grew past [`MAX_EXPANDED_LEN`] or took more than
    /// [`MAX_SUBSTITUTIONS`].
    fn expand_into(&self, value: &str, depth: usize, out: &mut String, budget: &mut usize) -> bool {
        let mut rest = value;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[start..]);
                return out.len() <= MAX_EXPANDED_LEN;
            };
            match self.properties.get(&after[..end]) {
                Some(replacement) if depth < MAX_PROPERTY_DEPTH => {
                    if *budget == 0 {
                        return false;
                    }
                    *budget -= 1;
                    if !self.expand_into(replacement, depth + 1, out, budget) {
                        return false;
                    }
                }
                _ => out.push_str(&rest[start..start + 2 + end + 1]),
            }
            if out.len() > MAX_EXPANDED_LEN {
                return false;
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        out.len() <= MAX_EXPANDED_LEN
    }
}

/// A Maven version requirement as one version: a plain version (a "soft"
/// requirement that Maven uses unless a conflict overrides it) or `[1.2.3]`,
/// exactly that version. Ranges, and the `LATEST`/`RELEASE` meta versions,
/// name no single version.
fn single_version(requirement: &str) -> Option<String> {
    let requirement = requirement.trim();
    if let Some(inner) = requirement.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        let inner = inner.trim();
        return (!inner.is_empty() && !inner.contains([',', '[', ']', '(', ')'])).then(|| inner.to_string());
    }
    let meta = matches!(requirement, "LATEST" | "RELEASE");
    let range = requirement.contains([',', '[', ']', '(', ')']);
    (!meta && !range && !requirement.is_empty()).then(|| requirement.to_string())
}

#[cfg(test)]
mod tests {
    use super::{read, single_version};
    use crate::inventory::testing::{tree, with_dev};

    const PARENT: &str = r#"<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <groupId>org.example</groupId>
  <artifactId>parent</artifactId>
  <version>2.0.0</version>
  <packaging>pom</packaging>
  <properties>
    <guava.version>32.1.2-jre</guava.version>
    <jackson.version>2.15.0</jackson.version>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>com.google.guava</groupId>
        <artifactId>guava</artifactId>
        <version>${guava.version}</version>
      </dependency>
      <dependency>
        <groupId>com.fasterxml.jackson.core</groupId>
        <artifactId>jackson-databind</artifactId>
        <version>${jackson.version}</version>
        <scope>test</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
</project>
"#;

    const MODULE: &str = r#"<project>
  <parent>
    <groupId>org.example</groupId>
    <artifactId>parent</artifactId>
    <version>2.0.0</version>
  </parent>
  <artifactId>app</artifactId>
  <properties>
    <jackson.version>2.16.1</jackson.version>
  </properties>
  <dependencies>
    <dependency>
      <groupId>com.google.guava</groupId>
      <artifactId>guava</artifactId>
    </dependency>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
    </dependency>
    <dependency>
      <groupId>${project.groupId}</groupId>
      <artifactId>core</artifactId>
      <version>${project.version}</version>
    </dependency>
    <dependency>
      <groupId>junit</groupId>
      <artifactId>junit</artifactId>
      <version>[4.13.2]</version>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-api</artifactId>
      <version>[1.7,2.0)</version>
    </dependency>
    <dependency>
      <groupId>org.example</groupId>
      <artifactId>unmanaged</artifactId>
    </dependency>
  </dependencies>
</project>
"#;

    #[test]
    fn a_module_inherits_properties_and_managed_versions_from_its_parent() {
        let tree = tree([("pom.xml", PARENT)]);
        let inventory = read("app/pom.xml", MODULE, &tree).unwrap();
        assert_eq!(
            with_dev(&inventory),
            [
                ("com.google.guava:guava", "32.1.2-jre", 12, Some(false)),
                // The module's property overrides the parent's; the managed scope applies.
                ("com.fasterxml.jackson.core:jackson-databind", "2.16.1", 16, Some(true)),
                ("org.example:core", "2.0.0", 20, Some(false)),
                ("junit:junit", "4.13.2", 25, Some(true)),
            ]
        );
        assert!(inventory.packages.iter().all(|p| p.direct == Some(true) && p.ecosystem == "Maven"));
        assert_eq!(inventory.packages[0].purl, "pkg:maven/com.google.guava/guava@32.1.2-jre");
        assert_eq!(
            inventory.notes,
            [
                "org.slf4j:slf4j-api: version [1.7,2.0) is a range, not one version",
                "org.example:unmanaged: no version given and none managed",
            ]
        );
    }

    #[test]
    fn without_the_parent_in_the_repository_inherited_versions_are_notes() {
        let inventory = read("app/pom.xml", MODULE, &tree([])).unwrap();
        let names: Vec<&str> = inventory.packages.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["org.example:core", "junit:junit"]);
        assert_eq!(
            inventory.notes.last().unwrap(),
            "3 dependencies have no version here (it comes from parent POM org.example:parent:2.0.0, which \
             is not in the repository): com.google.guava:guava, com.fasterxml.jackson.core:jackson-databind, \
             org.example:unmanaged"
        );
    }

    #[test]
    fn a_broken_parent_is_noted() {
        let inventory = read("app/pom.xml", MODULE, &tree([("pom.xml", "<project>")])).unwrap();
        assert!(inventory.notes[0].starts_with("parent POM pom.xml is not read: not a valid pom.xml"));
    }

    #[test]
    fn a_parent_file_that_is_another_project_is_not_used() {
        let other = PARENT.replace("<artifactId>parent</artifactId>", "<artifactId>other</artifactId>");
        let other: &'static str = Box::leak(other.into_boxed_str());
        let inventory = read("app/pom.xml", MODULE, &tree([("pom.xml", other)])).unwrap();
        assert!(inventory.packages.iter().all(|p| p.name != "com.google.guava:guava"));
    }

    #[test]
    fn relative_paths_to_directories_and_cycles() {
        let module = MODULE.replace("</parent>", "<relativePath>../build</relativePath></parent>");
        let files = tree([("build/pom.xml", PARENT)]);
        let inventory = read("app/pom.xml", &module, &files).unwrap();
        assert!(inventory.packages.iter().any(|p| p.name == "com.google.guava:guava"));

        let looped = r#"<project><parent><groupId>g</groupId><artifactId>a</artifactId><version>1</version>
            <relativePath>pom.xml</relativePath></parent><groupId>g</groupId><artifactId>a</artifactId>
            <dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId></dependency></dependencies>
            </project>"#;
        let files = tree([("m/pom.xml", looped)]);
        let inventory = read("m/pom.xml", looped, &files).unwrap();
        assert!(inventory.packages.is_empty());
        assert!(inventory.notes.iter().any(|n| n.contains("cycle")), "{:?}", inventory.notes);
    }

    #[test]
    fn imported_boms_are_named_in_notes_and_plugins_and_profiles_are_not_read() {
        let pom = r#"<project>
  <groupId>g</groupId><artifactId>a</artifactId><version>1</version>
  <dependencyManagement><dependencies><dependency>
    <groupId>org.springframework.cloud</groupId><artifactId>spring-cloud-dependencies</artifactId>
    <version>2024.0.0</version><type>pom</type><scope>import</scope>
  </dependency></dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>org.springframework.cloud</groupId><artifactId>spring-cloud-starter-config</artifactId></dependency>
  </dependencies>
  <build><plugins><plugin><artifactId>p</artifactId><dependencies>
    <dependency><groupId>x</groupId><artifactId>plugin-dep</artifactId><version>1</version></dependency>
  </dependencies></plugin></plugins></build>
  <profiles><profile><dependencies>
    <dependency><groupId>x</groupId><artifactId>profile-dep</artifactId><version>1</version></dependency>
  </dependencies></profile></profiles>
</project>"#;
        let inventory = read("pom.xml", pom, &tree([])).unwrap();
        assert!(inventory.packages.is_empty());
        assert_eq!(
            inventory.notes,
            ["1 dependency has no version here (it comes from imported BOM \
              org.springframework.cloud:spring-cloud-dependencies): \
              org.springframework.cloud:spring-cloud-starter-config"]
        );
    }

    #[test]
    fn properties_that_refer_to_themselves_or_explode_stay_unresolved() {
        let pom = r#"<project><groupId>g</groupId><artifactId>a</artifactId><version>1</version>
  <properties>
    <self>${self}</self>
    <a>${b}${b}${b}${b}</a><b>${c}${c}${c}${c}</b><c>${d}${d}${d}${d}</c><d>${e}${e}${e}${e}</d>
    <e>${f}${f}${f}${f}</e><f>${g}${g}${g}${g}</f><g>0123456789</g>
  </properties>
  <dependencies>
    <dependency><groupId>x</groupId><artifactId>one</artifactId><version>${self}</version></dependency>
    <dependency><groupId>x</groupId><artifactId>two</artifactId><version>${a}</version></dependency>
    <dependency><groupId>x</groupId><artifactId>three</artifactId><version>${env.X}</version></dependency>
  </dependencies></project>"#;
        let inventory = read("pom.xml", pom, &tree([])).unwrap();
        assert!(inventory.packages.is_empty());
        assert_eq!(inventory.notes.len(), 3, "{:?}", inventory.notes);
        assert!(inventory.notes[2].contains("${env.X}"));
    }

    #[test]
    fn hostile_poms_end_quickly() {
        let none = &tree([]);
        let refs = |name: &str| format!("${{{name}}}").repeat(50);
        let empty_chain: String =
            (0..12).map(|i| format!("<p{i}>{}</p{i}>", refs(&format!("p{}", i + 1)))).collect();
        let pom = format!(
            "<project><properties>{empty_chain}<p12></p12></properties><dependencies><dependency>\
             <groupId>g</groupId><artifactId>a</artifactId><version>1${{p0}}</version></dependency>\
             </dependencies></project>"
        );
        assert_eq!(read("pom.xml", &pom, none).unwrap().notes.len(), 1);

        let deep = format!("<project>{}{}</project>", "<a>".repeat(100_000), "</a>".repeat(100_000));
        let _ = read("pom.xml", &deep, none);

        let one =
            "<dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency>\n";
        let many = format!("<project><dependencies>\n{}</dependencies></project>", one.repeat(50_000));
        let inventory = read("pom.xml", &many, none).unwrap();
        assert_eq!((inventory.packages.len(), inventory.packages[49_999].line), (50_000, 50_001));
    }

    #[test]
    fn broken_or_foreign_xml_is_an_error() {
        let none = &tree([]);
        assert!(read("pom.xml", "<project><dependencies></project>", none)
            .unwrap_err()
            .starts_with("not a valid"));
        assert!(read("pom.xml", "<settings/>", none).unwrap_err().contains("<settings>"));
        assert!(read("pom.xml", "", none).is_err());
        // Entity declarations (billion laughs) are refused, not expanded.
        let laughs = r#"<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><project>&b;</project>"#;
        assert!(read("pom.xml", laughs, none).is_err());
        assert!(read("pom.xml", "<project/>", none).unwrap().packages.is_empty());
    }

    #[test]
    fn single_versions_and_ranges() {
        assert_eq!(single_version("1.2.3").as_deref(), Some("1.2.3"));
        assert_eq!(single_version("[1.2.3]").as_deref(), Some("1.2.3"));
        assert_eq!(single_version("[1.0,2.0)"), None);
        assert_eq!(single_version("(,1.0],[1.2,)"), None);
        assert_eq!(single_version("LATEST"), None);
    }
}
