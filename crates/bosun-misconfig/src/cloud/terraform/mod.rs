//! Terraform: a root module (HCL files, their JSON spelling, tfvars, and the
//! modules it calls) evaluated into a [`Deployment`]; or a plan's JSON.
//!
//! - `files.rs`: where files come from ([`Files`]: the filesystem, or memory).
//! - `parse.rs`: files to blocks and unevaluated expressions.
//! - `modules.rs`: a directory's configuration, module instances and calls,
//!   memoised locals/outputs, variables from defaults, tfvars and options.
//! - `resources.rs`: `count`/`for_each` instances and bodies with `dynamic` blocks.
//! - `eval.rs` and `functions.rs`: expressions and built-in functions.
//! - `plan.rs`: `terraform show -json` output.
//!
//! Whatever cannot be known before apply is [`Value::Unknown`]; a value that is
//! the id/ARN/name of another resource is [`Value::Reference`] to its address.
//!
//! [`Value::Unknown`]: super::value::Value::Unknown
//! [`Value::Reference`]: super::value::Value::Reference

mod eval;
mod files;
mod functions;
mod modules;
mod parse;
mod plan;
mod resources;
mod values;

#[cfg(test)]
mod tests;

pub use files::{is_terraform_file, is_tfvars_file, normalize, Files, FsFiles, MemFiles};
pub use plan::{load_plan, looks_like_plan};

use super::deployment::Deployment;
use bosun_core::FileError;
use modules::{Instance, Loader};
use std::path::{Component, Path, PathBuf};

/// The limits that keep a hostile or huge configuration from hanging or
/// exhausting memory. Hitting one gives a note (or a file error) and unknown
/// values, never a panic.
pub mod limits {
    /// One configuration or tfvars file.
    pub const FILE_BYTES: usize = 8 << 20;
    /// Everything one load reads.
    pub const TOTAL_BYTES: usize = 256 << 20;
    /// A file read by `file`/`templatefile`.
    pub const FUNCTION_FILE_BYTES: usize = 1 << 20;
    /// Modules calling modules.
    pub const MODULE_DEPTH: usize = 16;
    /// Instances of one resource (`count`/`for_each`), and blocks of one `dynamic`.
    pub const INSTANCES: usize = 10_000;
    /// Resource instances in one deployment.
    pub const RESOURCES: usize = 100_000;
    /// Module instances in one deployment.
    pub const MODULE_INSTANCES: usize = 1_000;
    /// Nested expression evaluations (through locals, outputs, resources).
    pub const EVAL_DEPTH: usize = 500;
    /// Evaluation steps for one load (an expression, a loop turn, a copied value's size).
    pub const EVAL_STEPS: u64 = 20_000_000;
    /// A string a template or function builds.
    pub const STRING_BYTES: usize = 1 << 20;
    /// A list a function builds.
    pub const LIST_ITEMS: usize = 100_000;
    /// The stack of the thread that evaluates a module.
    pub const STACK_BYTES: usize = 256 << 20;
}

/// What loading a module gave: its resources, the files that failed, and notes
/// about what was deliberately not read (remote modules, limits, cycles).
#[derive(Debug, Default)]
pub struct Loaded {
    pub deployment: Deployment,
    pub errors: Vec<FileError>,
    pub notes: Vec<String>,
}

/// Variable values given like `terraform -var-file=... -var name=value`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub var_files: Vec<PathBuf>,
    pub vars: Vec<(String, String)>,
}

/// Loads one module from its files' display paths and texts (held in memory; the
/// module's directory is the first file's).
pub fn load_files(files: &[(String, String)]) -> Loaded {
    let mut memory = MemFiles::new();
    for (path, text) in files {
        memory.add(path, text.clone());
    }
    let dir = files.first().and_then(|(path, _)| Path::new(path).parent()).unwrap_or(Path::new(""));
    load_module_dir(&memory, &normalize(dir), &Options::default())
}

/// Evaluates the root module in `dir` with the modules it calls.
pub fn load_module_dir(files: &dyn Files, dir: &Path, options: &Options) -> Loaded {
    // Evaluation recurses (through locals, outputs and resources): it runs on a
    // thread whose stack the depth limit cannot exhaust.
    let result = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("terraform".into())
            .stack_size(limits::STACK_BYTES)
            .spawn_scoped(scope, || load_here(files, dir, options));
        match spawned {
            Ok(handle) => handle.join().ok(),
            Err(_) => Some(load_here(files, dir, options)),
        }
    });
    result.unwrap_or_else(|| Loaded {
        errors: vec![FileError {
            path: files.display(dir),
            line: None,
            message: "the Terraform module could not be evaluated".into(),
        }],
        ..Loaded::default()
    })
}

fn load_here(files: &dyn Files, dir: &Path, options: &Options) -> Loaded {
    let loader = Loader::new(files, dir);
    let config = loader.config(dir, true);
    let vars = loader.root_vars(&config, options);
    let root = Instance::new(config, String::new(), Vec::new(), 0, Vec::new(), vars);
    loader.evaluate_all(&root);
    let mut resources = Vec::new();
    loader.collect(&root, &mut resources);
    drop(root);
    let mut deployment = loader.deployment.into_inner();
    deployment.resources = resources;
    Loaded { deployment, errors: loader.errors.into_inner(), notes: loader.notes.into_inner() }
}

/// Of the directories holding Terraform files in a scan, those no other
/// directory of the set calls as a local module (those are evaluated through
/// their callers). Directories inside `.terraform` are never roots; a set of
/// directories that only call each other gives its first one.
pub fn find_roots(files: &dyn Files, dirs: &[PathBuf]) -> Vec<PathBuf> {
    let dirs: Vec<PathBuf> = dirs
        .iter()
        .map(|d| normalize(d))
        .filter(|d| !d.components().any(|c| c == Component::Normal(".terraform".as_ref())))
        .collect();
    let calls: Vec<Vec<usize>> = dirs
        .iter()
        .map(|dir| {
            local_calls(files, dir)
                .iter()
                .filter_map(|target| dirs.iter().position(|d| d == target))
                .collect()
        })
        .collect();
    let called: Vec<bool> = (0..dirs.len()).map(|i| calls.iter().any(|c| c.contains(&i))).collect();
    let mut reached = vec![false; dirs.len()];
    let mut roots = Vec::new();
    let visit = |start: usize, reached: &mut Vec<bool>| {
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut reached[i], true) {
                stack.extend(calls[i].iter().copied());
            }
        }
    };
    for (i, &is_called) in called.iter().enumerate() {
        if !is_called {
            roots.push(i);
            visit(i, &mut reached);
        }
    }
    for i in 0..dirs.len() {
        if !reached[i] {
            roots.push(i);
            visit(i, &mut reached);
        }
    }
    roots.sort_unstable();
    roots.into_iter().map(|i| dirs[i].clone()).collect()
}

/// The directories a directory's `module` blocks call with a local source.
fn local_calls(files: &dyn Files, dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in files.terraform_files(dir) {
        let name = path.to_string_lossy();
        if is_tfvars_file(&name) {
            continue;
        }
        let Ok(text) = files.read(&path, limits::FILE_BYTES) else { continue };
        if !text.contains("module") {
            continue;
        }
        let parsed = if name.ends_with(".json") {
            parse::parse_tf_json(&name, &text, 0)
        } else {
            parse::parse_hcl(&name, &text, 0)
        };
        let Ok(body) = parsed else { continue };
        for block in body.blocks("module") {
            let Some(source) = block.body.attr("source").and_then(|a| a.expr.literal_str()) else { continue };
            if source.starts_with("./") || source.starts_with("../") {
                out.push(normalize(&dir.join(source)));
            }
        }
    }
    out
}
