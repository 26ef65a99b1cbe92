//! Where a module's files come from: the filesystem, or memory in tests.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// Access to the files of a scan. Paths are the ones the scan gave (joined with
/// module sources, then [`normalize`]d).
pub trait Files: Sync {
    /// The Terraform files directly in `dir` (`.tf`, `.tf.json`, `.tfvars`,
    /// `.tfvars.json`), sorted by name.
    fn terraform_files(&self, dir: &Path) -> Vec<PathBuf>;
    /// The text of a file, or why it cannot be read (missing, not UTF-8, larger than `limit`).
    fn read(&self, path: &Path, limit: usize) -> Result<String, String>;
    /// The path users see in findings.
    fn display(&self, path: &Path) -> String;
    /// Whether `dir` holds any file at all (used for `fileexists`, module directories).
    fn is_file(&self, path: &Path) -> bool;
}

/// True for the names of files a Terraform module reads.
pub fn is_terraform_file(name: &str) -> bool {
    name.ends_with(".tf") || name.ends_with(".tf.json") || is_tfvars_file(name)
}

pub fn is_tfvars_file(name: &str) -> bool {
    name.ends_with(".tfvars") || name.ends_with(".tfvars.json")
}

/// `a/./b/../c` → `a/c`, without touching the filesystem (leading `..` are kept).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(component),
            },
            other => out.push(other),
        }
    }
    out.iter().collect()
}

/// The real filesystem; display paths are relative to `base` when under it.
#[derive(Debug, Clone, Default)]
pub struct FsFiles {
    pub base: PathBuf,
}

impl FsFiles {
    pub fn new(base: impl Into<PathBuf>) -> Self {
        FsFiles { base: base.into() }
    }
}

impl Files for FsFiles {
    fn terraform_files(&self, dir: &Path) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().map(|t| t.is_file()).unwrap_or(false))
            .map(|entry| entry.path())
            .filter(|path| path.file_name().and_then(|n| n.to_str()).is_some_and(is_terraform_file))
            .collect();
        files.sort();
        files
    }

    fn read(&self, path: &Path, limit: usize) -> Result<String, String> {
        // Symbolic links are not followed: a module must not read outside the scan.
        let meta = std::fs::symlink_metadata(path).map_err(|e| e.to_string())?;
        if !meta.is_file() {
            return Err("not a regular file".into());
        }
        if meta.len() > limit as u64 {
            return Err(format!("larger than the {} byte limit", limit));
        }
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        if bytes.len() > limit {
            return Err(format!("larger than the {} byte limit", limit));
        }
        String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())
    }

    fn display(&self, path: &Path) -> String {
        path.strip_prefix(&self.base).unwrap_or(path).to_string_lossy().replace('\\', "/")
    }

    fn is_file(&self, path: &Path) -> bool {
        std::fs::symlink_metadata(path).map(|m| m.is_file()).unwrap_or(false)
    }
}

/// Files held in memory, by path (tests, and [`super::load_files`]).
#[derive(Debug, Clone, Default)]
pub struct MemFiles {
    files: BTreeMap<PathBuf, String>,
}

impl MemFiles {
    pub fn new() -> Self {
        MemFiles::default()
    }

    pub fn add(&mut self, path: impl AsRef<Path>, text: impl Into<String>) -> &mut Self {
        self.files.insert(normalize(path.as_ref()), text.into());
        self
    }

    pub fn with(mut self, path: impl AsRef<Path>, text: impl Into<String>) -> Self {
        self.add(path, text);
        self
    }
}

impl Files for MemFiles {
    fn terraform_files(&self, dir: &Path) -> Vec<PathBuf> {
        let dir = normalize(dir);
        self.files
            .keys()
            .filter(|path| path.parent().unwrap_or(Path::new("")) == dir)
            .filter(|path| path.file_name().and_then(|n| n.to_str()).is_some_and(is_terraform_file))
            .cloned()
            .collect()
    }

    fn read(&self, path: &Path, limit: usize) -> Result<String, String> {
        match self.files.get(&normalize(path)) {
            Some(text) if text.len() > limit => Err(format!("larger than the {} byte limit", limit)),
            Some(text) => Ok(text.clone()),
            None => Err("no such file".into()),
        }
    }

    fn display(&self, path: &Path) -> String {
        normalize(path).to_string_lossy().replace('\\', "/")
    }

    fn is_file(&self, path: &Path) -> bool {
        self.files.contains_key(&normalize(path))
    }
}
