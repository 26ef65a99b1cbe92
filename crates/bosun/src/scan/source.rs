//! The source stage: turns targets (paths, stdin) into the files to analyze,
//! each with the path reports show and what kind of input it is. Directories are
//! walked in parallel, honouring .gitignore and .bosunignore.

use bosun_misconfig::analyze::FileContext;
use bosun_misconfig::compose::is_compose_file_name;
use bosun_misconfig::dockerfile::{is_dockerfile_name, needs_content_check};
use bosun_misconfig::InputKind;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A file to analyze.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Where to read it; `None` for stdin.
    pub fs_path: Option<PathBuf>,
    /// The path reports show: relative to the scanned directory, `/`-separated.
    pub display: String,
    pub kind: InputKind,
    pub context: FileContext,
    /// Decide between Dockerfile and YAML from the content (stdin, odd names).
    pub sniff: bool,
    /// The directory walk that found it. Terraform files found by walking are
    /// read as modules (a directory and the local modules it calls), not alone.
    pub walk_root: Option<Arc<WalkRoot>>,
    /// Named like a Dockerfile only loosely (`Dockerfile.*`, `*.dockerfile`): skip
    /// it quietly unless the content looks like one.
    pub confirm_dockerfile: bool,
}

/// A directory given as a target, and the prefix its files' display paths get.
#[derive(Debug)]
pub struct WalkRoot {
    pub dir: PathBuf,
    pub prefix: Option<String>,
}

/// Decides from the file name whether bosun reads a file at all, and as what.
/// JSON files qualify only if they turn out to hold Kubernetes objects (checked
/// after reading), since most JSON in a repository is package metadata.
pub fn classify(file_name: &str) -> Option<InputKind> {
    if is_dockerfile_name(file_name) {
        return Some(InputKind::Dockerfile);
    }
    let lower = file_name.to_ascii_lowercase();
    if is_terraform_name(&lower) {
        return Some(InputKind::Terraform);
    }
    if lower.ends_with(".yaml") || lower.ends_with(".yml") || lower.ends_with(".json") {
        return Some(InputKind::Yaml);
    }
    None
}

/// Terraform configuration and variable files, in HCL or JSON syntax.
fn is_terraform_name(lower: &str) -> bool {
    [".tf", ".tf.json", ".tfvars", ".tfvars.json"].iter().any(|ext| lower.ends_with(ext))
}

pub fn context_for(path: &Path, kind: InputKind) -> FileContext {
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    match kind {
        InputKind::Dockerfile => {
            let dir = path.parent().unwrap_or(Path::new("."));
            let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
            FileContext { has_dockerignore: Some(dir.join(".dockerignore").is_file()), ..Default::default() }
        }
        InputKind::Terraform => FileContext::default(),
        InputKind::Yaml => FileContext {
            has_dockerignore: None,
            compose_name: is_compose_file_name(file_name),
            in_kustomization: in_kustomization(path),
        },
    }
}

const KUSTOMIZATION_FILES: [&str; 3] = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/// A kustomization in the file's folder or its parent: the usual layouts
/// (`base/kustomization.yaml` beside the manifests, or one level up).
fn in_kustomization(path: &Path) -> bool {
    path.ancestors()
        .skip(1)
        .take(2)
        .any(|dir| KUSTOMIZATION_FILES.iter().any(|name| dir.join(name).is_file()))
}

/// Any file, for scanners that read every text file (secrets).
#[derive(Debug, Clone)]
pub struct TextFile {
    /// Where to read it; `None` for stdin.
    pub fs_path: Option<PathBuf>,
    pub display: String,
}

/// What a directory walk found.
#[derive(Debug, Default)]
pub struct Walked {
    /// Files the misconfiguration rules read.
    pub candidates: Vec<Candidate>,
    /// Every file, when asked for (sorted by display path).
    pub files: Vec<TextFile>,
}

/// Walks a directory in parallel. `prefix` is prepended to displayed paths when
/// several targets are scanned at once, so their files stay distinguishable.
/// `every_file`: also list every file, not only those the misconfiguration rules read.
pub fn walk(dir: &Path, prefix: Option<&str>, every_file: bool) -> Walked {
    let found = Mutex::new(Vec::new());
    let all = Mutex::new(Vec::new());
    let root = Arc::new(WalkRoot { dir: dir.to_path_buf(), prefix: prefix.map(String::from) });
    ignore::WalkBuilder::new(dir)
        .hidden(false)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .add_custom_ignore_filename(".bosunignore")
        .follow_links(false)
        .filter_entry(|entry| entry.file_name() != ".git")
        .build_parallel()
        .run(|| {
            let found = &found;
            let all = &all;
            let root = &root;
            Box::new(move |entry| {
                let Ok(entry) = entry else { return ignore::WalkState::Continue };
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    return ignore::WalkState::Continue;
                }
                let path = entry.path();
                let file_name = entry.file_name().to_string_lossy();
                let relative = path.strip_prefix(dir).unwrap_or(path);
                if every_file {
                    let file = TextFile {
                        fs_path: Some(path.to_path_buf()),
                        display: display_path(relative, prefix),
                    };
                    all.lock().expect("no panics while holding the lock").push(file);
                }
                if let Some(kind) = classify(&file_name) {
                    let display = display_path(relative, prefix);
                    let candidate = Candidate {
                        fs_path: Some(path.to_path_buf()),
                        display,
                        kind,
                        context: context_for(path, kind),
                        sniff: false,
                        walk_root: Some(root.clone()),
                        confirm_dockerfile: kind == InputKind::Dockerfile && needs_content_check(&file_name),
                    };
                    found.lock().expect("no panics while holding the lock").push(candidate);
                }
                ignore::WalkState::Continue
            })
        });
    let mut candidates = found.into_inner().expect("walk threads are done");
    candidates.sort_by(|a, b| a.display.cmp(&b.display));
    let mut files = all.into_inner().expect("walk threads are done");
    files.sort_by(|a, b| a.display.cmp(&b.display));
    Walked { candidates, files }
}

/// Reads stdin once, however many scanners ask for it.
pub fn stdin_bytes(max_size: u64) -> Result<&'static [u8], String> {
    use std::io::Read;
    static STDIN: std::sync::OnceLock<Result<Vec<u8>, String>> = std::sync::OnceLock::new();
    let read = STDIN.get_or_init(|| {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(max_size + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("reading stdin: {e}"))?;
        Ok(bytes)
    });
    match read {
        Ok(bytes) if bytes.len() as u64 > max_size => {
            Err(format!("stdin is larger than the size limit ({max_size} bytes)"))
        }
        Ok(bytes) => Ok(bytes),
        Err(e) => Err(e.clone()),
    }
}

/// `/`-separated, without a leading `./`.
pub fn display_path(relative: &Path, prefix: Option<&str>) -> String {
    use std::path::Component;
    let mut joined = String::new();
    for component in relative.components() {
        match component {
            Component::CurDir => {}
            // The root is the separator itself: joining it like a name would
            // show `/tmp/x` as `//tmp/x`.
            Component::RootDir => joined.push('/'),
            other => {
                if !joined.is_empty() && !joined.ends_with('/') && !joined.ends_with(':') {
                    joined.push('/');
                }
                joined.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    match prefix {
        Some(prefix) if !prefix.is_empty() && prefix != "." => {
            format!("{}/{joined}", prefix.trim_end_matches('/'))
        }
        _ => joined,
    }
}

/// Why a file's bytes will not be analyzed, if they will not.
pub fn unreadable_reason(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(8192)];
    head.contains(&0).then(|| "binary file (contains NUL bytes)".to_string())
}

/// Content sniffing for files named neither like a Dockerfile nor like YAML,
/// when given explicitly or on stdin.
pub use bosun_misconfig::dockerfile::looks_like_dockerfile;

pub fn sniff(text: &str) -> InputKind {
    if looks_like_dockerfile(text) {
        InputKind::Dockerfile
    } else {
        InputKind::Yaml
    }
}

#[cfg(test)]
mod tests {
    use super::display_path;
    use std::path::Path;

    #[test]
    fn display_path_keeps_a_single_leading_slash_for_absolute_paths() {
        assert_eq!(display_path(Path::new("/tmp/audit/Dockerfile"), None), "/tmp/audit/Dockerfile");
        assert_eq!(display_path(Path::new("./k8s/app.yaml"), None), "k8s/app.yaml");
        assert_eq!(display_path(Path::new("../x/Dockerfile"), None), "../x/Dockerfile");
        assert_eq!(display_path(Path::new("app.yaml"), Some("/srv/repo/")), "/srv/repo/app.yaml");
    }
}
