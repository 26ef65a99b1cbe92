//! Terraform found by walking a directory: every directory of Terraform files
//! is a module, and the modules no other one calls are the roots evaluated
//! (each with the local modules it calls), as `terraform plan` would in them.

use super::options::ScanOptions;
use super::source::{self, Candidate, WalkRoot};
use bosun_misconfig::cloud::scan::{self as cloud_scan, ModuleResult};
use bosun_misconfig::cloud::terraform::{self, Files, FsFiles};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The Terraform directories of one walked target.
pub struct Tree {
    root: Arc<WalkRoot>,
    dirs: BTreeSet<PathBuf>,
}

/// Splits off the Terraform files a walk found, grouped per walked target.
pub fn split(candidates: Vec<Candidate>) -> (Vec<Candidate>, Vec<Tree>) {
    let mut others = Vec::new();
    let mut trees: BTreeMap<PathBuf, Tree> = BTreeMap::new();
    for candidate in candidates {
        match (&candidate.fs_path, candidate.kind, &candidate.walk_root) {
            (Some(path), bosun_misconfig::InputKind::Terraform, Some(root)) => {
                // Absolute, so that `.` and `./x` compare and join like any other directory.
                let dir = path.parent().map(absolute).unwrap_or_default();
                let tree = trees
                    .entry(root.dir.clone())
                    .or_insert_with(|| Tree { root: root.clone(), dirs: BTreeSet::new() });
                tree.dirs.insert(dir);
            }
            _ => others.push(candidate),
        }
    }
    (others, trees.into_values().collect())
}

/// One root module, checked: its directory as reports show it, and the result.
pub struct RootModule {
    pub path: String,
    pub result: ModuleResult,
}

/// What one tree gave: a result per root module.
pub fn analyze(tree: &Tree, options: &ScanOptions) -> Vec<RootModule> {
    let files = ScanFiles::new(&tree.root);
    let dirs: Vec<PathBuf> = tree.dirs.iter().cloned().collect();
    let roots = terraform::find_roots(&files, &dirs);
    roots
        .par_iter()
        .map(|root| {
            let loaded = terraform::load_module_dir(&files, root, &options.terraform);
            let texts = files.texts_of(&loaded.deployment.files);
            let texts: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
            let mut result = cloud_scan::check_module(loaded, &texts, &options.rules, &options.config);
            // A tfvars-only directory, say, still counts as scanned.
            for path in files.displays_under(root) {
                result.files.entry(path).or_default();
            }
            RootModule { path: files.display(root), result }
        })
        .collect()
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Files of a walk as the Terraform loader sees them: display paths like the
/// rest of the report (relative to the target, with its prefix), and every text
/// read kept for snippets and suppression comments.
struct ScanFiles {
    fs: FsFiles,
    prefix: Option<String>,
    texts: Mutex<HashMap<String, Arc<str>>>,
}

impl ScanFiles {
    fn new(root: &WalkRoot) -> Self {
        ScanFiles {
            fs: FsFiles::new(absolute(&root.dir)),
            prefix: root.prefix.clone(),
            texts: Mutex::default(),
        }
    }

    fn texts_of(&self, displays: &[String]) -> Vec<Option<Arc<str>>> {
        let texts = self.texts.lock().expect("no panics while holding the lock");
        displays.iter().map(|d| texts.get(d).cloned()).collect()
    }

    /// The display paths of the texts read from `dir` itself.
    fn displays_under(&self, dir: &Path) -> Vec<String> {
        let texts = self.texts.lock().expect("no panics while holding the lock");
        self.fs
            .terraform_files(dir)
            .iter()
            .map(|p| self.display(p))
            .filter(|d| texts.contains_key(d))
            .collect()
    }
}

impl Files for ScanFiles {
    fn terraform_files(&self, dir: &Path) -> Vec<PathBuf> {
        self.fs.terraform_files(dir)
    }

    fn read(&self, path: &Path, limit: usize) -> Result<String, String> {
        let display = self.display(path);
        if let Some(text) = self.texts.lock().expect("no panics while holding the lock").get(&display) {
            return Ok(text.to_string());
        }
        let text = self.fs.read(path, limit)?;
        self.texts
            .lock()
            .expect("no panics while holding the lock")
            .insert(display, Arc::from(text.as_str()));
        Ok(text)
    }

    fn display(&self, path: &Path) -> String {
        source::display_path(Path::new(&self.fs.display(path)), self.prefix.as_deref())
    }

    fn is_file(&self, path: &Path) -> bool {
        self.fs.is_file(path)
    }
}
