//! `--policy PATH`: files and directories of `.rego` modules, ConstraintTemplates and
//! Constraints, read into one [`PolicySet`].

use crate::conftest::RegoModules;
use crate::error::{LoadError, PolicyError};
use crate::gatekeeper::{Constraint, Template};
use crate::limits::Limits;
use crate::pool::EnginePool;
use crate::rego::{self, Syntax};
use crate::set::PolicySet;
use std::path::{Path, PathBuf};

/// A file or document in a policy directory that is not a policy, and why it was passed
/// over. Policy libraries keep samples and kustomization files beside their templates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// One file to read, and whether the user named it (errors) or a directory walk found it
/// (non-policy YAML is skipped).
struct Candidate {
    path: PathBuf,
    named: bool,
}

/// Loads every policy under `paths` and compiles it. Files are read in sorted order so
/// that results and messages are stable.
pub fn load(paths: &[PathBuf], limits: &Limits) -> Result<PolicySet, LoadError> {
    let mut errors = Vec::new();
    let mut skipped = Vec::new();
    let mut candidates = Vec::new();
    for path in paths {
        if let Err(e) = collect(path, limits, &mut candidates, &mut skipped) {
            errors.push(e);
        }
    }
    if candidates.len() > limits.max_files {
        errors.push(PolicyError::new(
            paths.first().map_or(Path::new(""), |p| p.as_path()),
            format!("{} policy files found, more than the limit of {}", candidates.len(), limits.max_files),
        ));
        return Err(LoadError { errors });
    }

    let mut bundle = rego::Bundle::new(limits);
    let mut templates: Vec<Template> = Vec::new();
    let mut constraints: Vec<(PathBuf, Constraint)> = Vec::new();
    for candidate in &candidates {
        let path = &candidate.path;
        let text = match read(path, limits) {
            Ok(text) => text,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if extension(path) == "rego" {
            match bundle.add(&path.display().to_string(), &text, Syntax::V1First) {
                Ok(_) => {}
                Err(reason) => errors.push(PolicyError::new(path, reason)),
            }
            continue;
        }
        let docs = match parse_yaml(&text) {
            Ok(docs) => docs,
            Err(reason) => {
                errors.push(PolicyError::new(path, reason));
                continue;
            }
        };
        for (index, doc) in docs.iter().enumerate() {
            let at = |reason: String| {
                let reason =
                    if docs.len() > 1 { format!("document {}: {reason}", index + 1) } else { reason };
                PolicyError::new(path, reason)
            };
            match classify(doc) {
                Kind::Template => {
                    match Template::parse(doc, &path.display().to_string(), limits) {
                        Ok(t) if templates.iter().any(|other| other.kind == t.kind) => {
                            errors.push(at(format!("a second ConstraintTemplate defines kind {}", t.kind)))
                        }
                        Ok(t) => templates.push(t),
                        Err(reason) => errors.push(at(reason)),
                    }
                }
                Kind::Constraint => {
                    match Constraint::parse(doc) {
                        Ok(c) => constraints.push((path.clone(), c)),
                        Err(reason) => errors.push(at(reason)),
                    }
                }
                Kind::Other(what) if candidate.named => errors.push(at(format!(
                    "{what} is not a ConstraintTemplate (templates.gatekeeper.sh) or a Constraint (constraints.gatekeeper.sh)"
                ))),
                Kind::Other(what) => skipped.push(Skipped { path: path.clone(), reason: format!("{what} is not a policy") }),
            }
        }
        if docs.is_empty() && candidate.named {
            errors.push(PolicyError::new(path, "the file holds no YAML document"));
        }
    }

    for (path, constraint) in &constraints {
        if !templates.iter().any(|t| t.kind == constraint.kind) {
            errors.push(PolicyError::new(
                path,
                format!(
                    "Constraint {}/{}: no ConstraintTemplate defines kind {}",
                    constraint.kind, constraint.name, constraint.kind
                ),
            ));
        }
    }

    let modules = if bundle.is_empty() {
        None
    } else {
        match bundle.prepare() {
            Ok(()) => {
                let rules = bundle.declared_rules();
                Some(RegoModules::new(EnginePool::new(bundle), &rules))
            }
            Err(reason) => {
                // The analysis covers all modules together; its message names the file.
                let first = PathBuf::from(bundle.first_source().unwrap_or_default());
                errors.push(PolicyError::new(&first, reason));
                None
            }
        }
    };

    if !errors.is_empty() {
        return Err(LoadError { errors });
    }
    Ok(PolicySet::new(
        modules,
        templates,
        constraints.into_iter().map(|(_, c)| c).collect(),
        skipped,
        *limits,
    ))
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

fn is_policy_file(path: &Path) -> bool {
    matches!(extension(path).as_str(), "rego" | "yaml" | "yml" | "json")
}

fn collect(
    path: &Path,
    limits: &Limits,
    out: &mut Vec<Candidate>,
    skipped: &mut Vec<Skipped>,
) -> Result<(), PolicyError> {
    let meta = std::fs::metadata(path).map_err(|e| PolicyError::new(path, e.to_string()))?;
    if meta.is_file() {
        if !is_policy_file(path) {
            return Err(PolicyError::new(path, "not a .rego, .yaml, .yml or .json file"));
        }
        out.push(Candidate { path: path.to_path_buf(), named: true });
        return Ok(());
    }
    walk(path, 0, limits, out, skipped)
}

fn walk(
    dir: &Path,
    depth: usize,
    limits: &Limits,
    out: &mut Vec<Candidate>,
    skipped: &mut Vec<Skipped>,
) -> Result<(), PolicyError> {
    if depth > limits.max_dir_depth {
        return Err(PolicyError::new(
            dir,
            format!("directories nested deeper than {}", limits.max_dir_depth),
        ));
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| PolicyError::new(dir, e.to_string()))?
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Ok(kind) = entry.file_type() else { continue };
        if hidden {
            continue;
        }
        if kind.is_symlink() {
            // Not followed: a link loop or a link out of the policy tree is never intended.
            skipped.push(Skipped { path, reason: "symbolic link not followed".into() });
        } else if kind.is_dir() {
            walk(&path, depth + 1, limits, out, skipped)?;
        } else if is_policy_file(&path) {
            out.push(Candidate { path, named: false });
        }
        if out.len() > limits.max_files {
            return Err(PolicyError::new(dir, format!("more than {} policy files", limits.max_files)));
        }
    }
    Ok(())
}

fn read(path: &Path, limits: &Limits) -> Result<String, PolicyError> {
    let size = std::fs::metadata(path).map_err(|e| PolicyError::new(path, e.to_string()))?.len();
    if size > limits.max_file_bytes {
        return Err(PolicyError::new(
            path,
            format!("{size} bytes, more than the limit of {}", limits.max_file_bytes),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| PolicyError::new(path, e.to_string()))?;
    String::from_utf8(bytes).map_err(|_| PolicyError::new(path, "not valid UTF-8"))
}

/// Every document of a YAML (or JSON) stream, as JSON. bosun-syntax's reader is used
/// (it wraps yaml-rust2) for its limits on depth, alias expansion and document count.
fn parse_yaml(text: &str) -> Result<Vec<serde_json::Value>, String> {
    let stream = bosun_syntax::yaml::parse_stream(text);
    if let Some(error) = stream.error {
        return Err(format!("invalid YAML: {error}"));
    }
    Ok(stream.documents.iter().map(|d| yaml_to_json(&d.root)).filter(|d| !d.is_null()).collect())
}

fn yaml_to_json(node: &bosun_syntax::yaml::Node) -> serde_json::Value {
    use bosun_syntax::yaml::Value as Y;
    match &node.value {
        Y::Null => serde_json::Value::Null,
        Y::Bool(b) => (*b).into(),
        Y::Int(i) => (*i).into(),
        Y::Float(f) => {
            serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, serde_json::Value::Number)
        }
        Y::String(s) => s.clone().into(),
        Y::Seq(items) => items.iter().map(yaml_to_json).collect(),
        Y::Map(entries) => entries
            .iter()
            .map(|(k, v)| (k.scalar_text().unwrap_or_default(), yaml_to_json(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}

enum Kind {
    Template,
    Constraint,
    Other(String),
}

fn classify(doc: &serde_json::Value) -> Kind {
    let api_version = doc.get("apiVersion").and_then(|v| v.as_str()).unwrap_or("");
    let kind = doc.get("kind").and_then(|v| v.as_str()).unwrap_or("");
    let group = api_version.split_once('/').map_or("", |(g, _)| g);
    if kind == "ConstraintTemplate" && group == "templates.gatekeeper.sh" {
        Kind::Template
    } else if group == crate::gatekeeper::CONSTRAINTS_GROUP {
        Kind::Constraint
    } else if kind.is_empty() {
        Kind::Other("a document without kind".into())
    } else {
        Kind::Other(format!("{kind} ({api_version})"))
    }
}
