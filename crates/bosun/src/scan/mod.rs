//! `bosun scan`.

pub mod inventory;
pub mod options;
pub mod pipeline;
pub mod secrets;
pub mod source;
pub mod terraform_trees;
pub mod vulns;

use crate::cli::{InputKindArg, ScanArgs};
use crate::exit;
use bosun_misconfig::analyze::FileContext;
use bosun_misconfig::InputKind;
use bosun_report::RenderOptions;
use options::ScanOptions;
use source::{Candidate, TextFile};
use std::io::Write;
use std::path::Path;

pub fn run(args: ScanArgs) -> i32 {
    let options = match options::resolve(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("bosun: {message}");
            return exit::USAGE;
        }
    };
    let started = std::time::Instant::now();
    let report = if let Some(range) = &options.history {
        match history(&options, range) {
            Ok(report) => report,
            Err(message) => {
                eprintln!("bosun: {message}");
                return exit::USAGE;
            }
        }
    } else {
        let (candidates, text_files) = match collect_candidates(&options, args.kind) {
            Ok(found) => found,
            Err(message) => {
                eprintln!("bosun: {message}");
                return exit::USAGE;
            }
        };
        pipeline::run(candidates, text_files, &options)
    };
    if !options.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        eprintln!("bosun: scanned {} files in {:.2?}", report.files.len(), started.elapsed());
    }
    if let Err(message) = write_reports(&report, &options) {
        eprintln!("bosun: {message}");
        return exit::USAGE;
    }
    match options.fail_on {
        Some(threshold) if report.findings.iter().any(|f| f.severity >= threshold) => exit::FINDINGS,
        _ => exit::CLEAN,
    }
}

/// `--history`: the secrets in one repository's commits, through the same
/// suppressions and filters as a scan of files.
fn history(options: &ScanOptions, range: &str) -> Result<bosun_core::report::ScanReport, String> {
    let [repository] = options.targets.as_slice() else {
        return Err("--history scans one repository: give one directory".into());
    };
    let scanner = options.secrets.as_ref().ok_or("--history needs the secret scanner")?;
    let history_options = bosun_secrets::history::HistoryOptions {
        range: (range != "HEAD").then(|| range.to_string()),
        max_blob_size: options.max_file_size,
    };
    let scan = bosun_secrets::history::scan_history(repository, &history_options, scanner)?;
    if !options.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        eprintln!("bosun: {} commits, {} blobs scanned", scan.commits_scanned, scan.blobs_scanned);
    }
    Ok(pipeline::report_from_history(scan, options))
}

/// The files each scanner reads: candidates for the misconfiguration rules,
/// and every file for the secret scanner (when they run).
fn collect_candidates(
    options: &ScanOptions,
    kind: InputKindArg,
) -> Result<(Vec<Candidate>, Vec<TextFile>), String> {
    let several = options.targets.len() > 1;
    let misconfig = !options.rules.rules.is_empty() || !options.meta_rules.is_empty();
    let secrets = options.secrets.is_some();
    // The dependency scanner picks its lockfiles out of every file.
    let every_file = secrets || options.vulns.is_some();
    let mut candidates = Vec::new();
    let mut files = Vec::new();
    for target in &options.targets {
        if target.as_os_str() == "-" {
            if misconfig {
                candidates.push(forced_candidate(None, "-".into(), kind));
            }
            if secrets {
                files.push(TextFile { fs_path: None, display: "-".into() });
            }
            continue;
        }
        let metadata = std::fs::metadata(target).map_err(|e| format!("{}: {e}", target.display()))?;
        if metadata.is_dir() {
            let prefix = several.then(|| source::display_path(target, None));
            let found = source::walk(target, prefix.as_deref(), every_file);
            if misconfig {
                candidates
                    .extend(found.candidates.into_iter().filter(|c| !options.exclude.is_match(&c.display)));
            }
            files.extend(found.files.into_iter().filter(|f| !options.exclude.is_match(&f.display)));
        } else {
            if misconfig {
                candidates.push(explicit_file(target, kind));
            }
            if every_file {
                files.push(TextFile {
                    fs_path: Some(target.clone()),
                    display: source::display_path(target, None),
                });
            }
        }
    }
    Ok((candidates, files))
}

/// A file named on the command line is scanned whatever its name; `--kind` or
/// its content says what it is when the name does not.
fn explicit_file(path: &Path, kind: InputKindArg) -> Candidate {
    let display = source::display_path(path, None);
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    match (kind, source::classify(file_name)) {
        (InputKindArg::Auto, Some(found)) => Candidate {
            fs_path: Some(path.to_path_buf()),
            display,
            kind: found,
            context: source::context_for(path, found),
            sniff: false,
            walk_root: None,
            confirm_dockerfile: false,
        },
        _ => forced_candidate(Some(path), display, kind),
    }
}

fn forced_candidate(path: Option<&Path>, display: String, kind: InputKindArg) -> Candidate {
    let (input_kind, sniff) = match kind {
        InputKindArg::Auto => (InputKind::Yaml, true),
        InputKindArg::Dockerfile => (InputKind::Dockerfile, false),
        InputKindArg::Yaml
        | InputKindArg::Kubernetes
        | InputKindArg::Compose
        | InputKindArg::Cloudformation => (InputKind::Yaml, false),
        InputKindArg::Terraform => (InputKind::Terraform, false),
    };
    let mut context = match path {
        Some(path) => source::context_for(path, input_kind),
        None => FileContext::default(),
    };
    context.compose_name |= kind == InputKindArg::Compose;
    Candidate {
        fs_path: path.map(Path::to_path_buf),
        display,
        kind: input_kind,
        context,
        sniff,
        walk_root: None,
        confirm_dockerfile: false,
    }
}

pub(crate) fn write_reports(
    report: &bosun_core::report::ScanReport,
    options: &ScanOptions,
) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    for spec in &options.reports {
        let text = bosun_report::render(spec.format, report, RenderOptions { color: spec.color });
        match &spec.file {
            Some(path) => {
                std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))?
            }
            None => stdout.write_all(text.as_bytes()).map_err(|e| format!("writing the report: {e}"))?,
        }
    }
    Ok(())
}
