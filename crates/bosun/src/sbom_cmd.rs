//! `bosun sbom`: the package inventory of the targets, found and read as `bosun
//! scan` finds and reads it, written as a CycloneDX 1.5 or SPDX 2.3 JSON
//! document. Files that cannot be read are reported and left out: the
//! document describes what could be read.

use crate::cli::{SbomArgs, SbomFormat};
use crate::exit;
use crate::scan::inventory;
use crate::scan::options::DEFAULT_MAX_FILE_SIZE;
use crate::scan::source::{self, TextFile};
use bosun_vuln::sbom::{self, DocumentMeta};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(args: SbomArgs) -> i32 {
    match sbom(&args) {
        Ok(()) => exit::CLEAN,
        Err(message) => {
            eprintln!("bosun: {message}");
            exit::USAGE
        }
    }
}

fn sbom(args: &SbomArgs) -> Result<(), String> {
    let targets = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let exclude = crate::scan::options::exclude_globs(&args.exclude)?;
    if let [target] = targets.as_slice() {
        let reference = target.to_string_lossy();
        if crate::image::open::looks_like_image(&reference) {
            return image_sbom(args, &reference, &exclude);
        }
    }
    let mut files = Vec::new();
    let mut unknown = Vec::new();
    for target in &targets {
        if target.as_os_str() == "-" {
            return Err("bosun sbom reads files and directories, not stdin".into());
        }
        let metadata = std::fs::metadata(target).map_err(|e| format!("{}: {e}", target.display()))?;
        if metadata.is_dir() {
            let prefix = (targets.len() > 1).then(|| source::display_path(target, None));
            let walked = source::walk(target, prefix.as_deref(), true);
            files.extend(walked.files.into_iter().filter(|f| !exclude.is_match(&f.display)));
        } else {
            let display = source::display_path(target, None);
            if !inventory::is_inventory_file(&display) {
                unknown.push(display.clone());
            }
            files.push(TextFile { fs_path: Some(target.clone()), display });
        }
    }
    // A previous run's document in the tree is an SBOM bosun would read back in.
    if let Some(output) = args.output.as_deref().and_then(|o| std::fs::canonicalize(o).ok()) {
        files.retain(|f| !(inventory::is_inventory_file(&f.display) && is_file(f, &output)));
    }

    let collected = inventory::collect(&files, DEFAULT_MAX_FILE_SIZE);
    for path in &unknown {
        eprintln!("{path}: not a lockfile, manifest or package database bosun reads");
    }
    for (path, message) in &collected.errors {
        eprintln!("{path}: {message}");
    }
    if !args.quiet {
        for (path, note) in &collected.notes {
            eprintln!("{path}: {note}");
        }
        if collected.files.is_empty() && collected.errors.is_empty() && unknown.is_empty() {
            eprintln!(
                "bosun: no lockfiles, manifests or package databases found; the document lists no packages"
            );
        }
    }

    write_document(args, &collected.packages, document_meta(&targets)?)
}

/// The SBOM of a container image: the packages of its final file tree.
fn image_sbom(args: &SbomArgs, reference: &str, exclude: &globset::GlobSet) -> Result<(), String> {
    let image = crate::image::open::open(reference, &args.registry, args.quiet, false)?;
    let inventory = crate::image::inventory(&image, exclude).map_err(|e| format!("{reference}: {e}"))?;
    for (path, message) in &inventory.errors {
        eprintln!("{path}: {message}");
    }
    if !args.quiet {
        for (path, note) in &inventory.notes {
            eprintln!("{path}: {note}");
        }
    }
    let mut meta = DocumentMeta::new(reference, "bosun", env!("CARGO_PKG_VERSION"))?;
    apply_source_date_epoch(&mut meta)?;
    write_document(args, &inventory.packages, meta)
}

fn write_document(
    args: &SbomArgs,
    packages: &[bosun_vuln::inventory::Package],
    meta: DocumentMeta,
) -> Result<(), String> {
    let document = match args.format {
        SbomFormat::Cyclonedx => sbom::cyclonedx(packages, &meta),
        SbomFormat::Spdx => sbom::spdx(packages, &meta),
    };
    let mut text = serde_json::to_string_pretty(&document).expect("a JSON value serialises");
    text.push('\n');
    match &args.output {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display())),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| format!("writing the document: {e}")),
    }
}

/// Whether a walked file is the file at `canonical` (the document being written).
fn is_file(file: &TextFile, canonical: &Path) -> bool {
    file.fs_path.as_ref().and_then(|p| std::fs::canonicalize(p).ok()).is_some_and(|p| p == canonical)
}

/// The document is about the scanned directories (a file's directory), by
/// name; it is dated `SOURCE_DATE_EPOCH` when set, so that a build can
/// reproduce it, and now otherwise.
fn document_meta(targets: &[PathBuf]) -> Result<DocumentMeta, String> {
    let mut names: Vec<String> = Vec::new();
    for target in targets {
        let absolute = std::fs::canonicalize(target).unwrap_or_else(|_| target.clone());
        let dir = if absolute.is_dir() { absolute.as_path() } else { absolute.parent().unwrap_or(&absolute) };
        let name =
            dir.file_name().map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into_owned());
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let mut meta = DocumentMeta::new(&names.join(", "), "bosun", env!("CARGO_PKG_VERSION"))?;
    apply_source_date_epoch(&mut meta)?;
    Ok(meta)
}

/// Dates the document `SOURCE_DATE_EPOCH` when it is set.
fn apply_source_date_epoch(meta: &mut DocumentMeta) -> Result<(), String> {
    if let Some(epoch) = std::env::var_os("SOURCE_DATE_EPOCH") {
        let epoch = epoch.to_string_lossy();
        meta.timestamp = epoch
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH={epoch} is not a number of seconds since 1970"))?;
    }
    Ok(())
}
