//! `bosun scan`.

pub mod options;
pub mod pipeline;
pub mod source;
pub mod terraform_trees;

use crate::cli::{InputKindArg, ScanArgs};
use crate::exit;
use bosun_misconfig::analyze::FileContext;
use bosun_misconfig::InputKind;
use bosun_report::RenderOptions;
use options::ScanOptions;
use source::Candidate;
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
    let candidates = match collect_candidates(&options, args.kind) {
        Ok(candidates) => candidates,
        Err(message) => {
            eprintln!("bosun: {message}");
            return exit::USAGE;
        }
    };
    let started = std::time::Instant::now();
    let report = pipeline::run(candidates, &options);
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

fn collect_candidates(options: &ScanOptions, kind: InputKindArg) -> Result<Vec<Candidate>, String> {
    let several = options.targets.len() > 1;
    let mut candidates = Vec::new();
    for target in &options.targets {
        if target.as_os_str() == "-" {
            candidates.push(forced_candidate(None, "-".into(), kind));
            continue;
        }
        let metadata = std::fs::metadata(target).map_err(|e| format!("{}: {e}", target.display()))?;
        if metadata.is_dir() {
            let prefix = several.then(|| source::display_path(target, None));
            let found = source::walk(target, prefix.as_deref());
            candidates.extend(found.into_iter().filter(|c| !options.exclude.is_match(&c.display)));
        } else {
            candidates.push(explicit_file(target, kind));
        }
    }
    Ok(candidates)
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

fn write_reports(report: &bosun_core::report::ScanReport, options: &ScanOptions) -> Result<(), String> {
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
