//! `bosun image`: a container image through the same scanners, filters and
//! reports as `bosun scan`.
//!
//! The image is opened (layout, archive or registry) with every blob checked
//! against its digest; its layers are read once, in parallel ([`walk`]); the
//! final tree gives the package inventory ([`packages`]) and the operating
//! system ([`os`]); the config and history go through the Dockerfile rules
//! ([`config_check`]). Findings about files carry the path inside the image
//! and the digest of the layer holding the bytes.

pub mod config_check;
pub mod open;
pub mod os;
pub mod package_files;
pub mod packages;
pub mod walk;

use crate::cli::{ImageArgs, InputKindArg, ScanArgs};
use crate::exit;
use crate::scan::options::{self, ScanOptions};
use crate::scan::{pipeline, vulns};
use bosun_core::image::{Artifact, ImagePackage, ImageSummary};
use bosun_core::report::{ScanReport, ScannedFile};
use bosun_core::suppress::Directive;
use bosun_core::{Domain, FileError, Finding, Skipped};
use bosun_image::{Image, Limits, Refusal};
use std::collections::BTreeMap;

pub fn run(args: ImageArgs) -> i32 {
    let scan_args = ScanArgs {
        paths: Vec::new(),
        common: args.common.clone(),
        kind: InputKindArg::Auto,
        var_files: Vec::new(),
        vars: Vec::new(),
        history: None,
        policies: Vec::new(),
    };
    let options = match options::resolve(&scan_args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("bosun: {message}");
            return exit::USAGE;
        }
    };
    let started = std::time::Instant::now();
    let image = match open::open(&args.reference, &args.registry, options.quiet, args.common.offline) {
        Ok(image) => image,
        Err(message) => {
            eprintln!("bosun: {message}");
            return exit::USAGE;
        }
    };
    let report = match scan(&image, &args.reference, &options) {
        Ok(report) => report,
        Err(message) => {
            eprintln!("bosun: {}: {message}", args.reference);
            return exit::USAGE;
        }
    };
    if !options.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        let packages = report.image.as_ref().map_or(0, |i| i.packages.len());
        eprintln!(
            "bosun: scanned {} layers, {} files and {packages} packages in {:.2?}",
            image.layers.len(),
            report.files.len(),
            started.elapsed()
        );
    }
    if let Err(message) = crate::scan::write_reports(&report, &options) {
        eprintln!("bosun: {message}");
        return exit::USAGE;
    }
    match options.fail_on {
        Some(threshold) if report.findings.iter().any(|f| f.severity >= threshold) => exit::FINDINGS,
        _ => exit::CLEAN,
    }
}

/// Findings and the inventory of one opened image.
pub fn scan(image: &Image, reference: &str, options: &ScanOptions) -> Result<ScanReport, String> {
    let walk_options = walk::WalkOptions {
        secrets: options.secrets.as_ref(),
        packages: options.vulns.is_some(),
        max_file_size: options.max_file_size,
        exclude: &options.exclude,
        limits: Limits::default(),
    };
    let mut walked = walk::walk(image, &walk_options)?;
    let installed = std::mem::take(&mut walked.installed);
    let texts = packages::FinalTexts::new(&walked);
    let owned = package_files::owned_by_os_packages(&texts);
    let mut inventory = packages::collect(&walked, installed, &texts, &owned);
    let os = os::detect(&texts, jiff::Zoned::now().date());

    let mut report = ScanReport::new(pipeline::TOOL);
    let mut per_file: BTreeMap<String, (Vec<Finding>, Vec<Directive>)> = BTreeMap::new();
    let digest_of = |layer: usize| image.layers.get(layer).map(|l| l.digest.to_string());

    for refusal in &walked.refused {
        record_refusal(&mut report, refusal);
    }
    for path in &walked.secret_files_scanned {
        report.files.push(ScannedFile { path: path.clone(), domain: bosun_secrets::DOMAIN });
    }
    let (distribution, secrets): (Vec<_>, Vec<_>) = walked
        .secrets
        .into_iter()
        .partition(|hit| package_files::is_distribution_content(&owned, &hit.file.path));
    if !distribution.is_empty() {
        let matches: usize = distribution.iter().map(|hit| hit.findings.len()).sum();
        report.skipped.push(Skipped {
            path: "(OS package files)".into(),
            reason: format!(
                "{matches} secret-like matches in {} files installed by OS packages are not reported: \
                 they are the distribution's documentation, tests and code, not the image's secrets",
                distribution.len()
            ),
        });
    }
    for hit in secrets {
        let note = layer_note(image, &walked.tree, &hit.file);
        let entry = per_file.entry(hit.file.path.clone()).or_default();
        for mut finding in hit.findings {
            finding.location.layer_digest = digest_of(hit.file.layer);
            if let Some(note) = &note {
                finding.message.push_str(note);
            }
            entry.0.push(finding);
        }
        entry.1.extend(hit.directives);
    }

    if !options.rules.rules.is_empty() {
        let (findings, rebuilt) = config_check::check(&image.config, &options.rules, &options.config);
        report.files.push(ScannedFile { path: config_check::CONFIG_PATH.into(), domain: Domain::Dockerfile });
        let entry = per_file.entry(config_check::CONFIG_PATH.into()).or_default();
        for mut finding in findings {
            let line = finding.location.start_line.saturating_sub(1) as usize;
            finding.location.layer_digest =
                rebuilt.line_layers.get(line).copied().flatten().and_then(digest_of);
            entry.0.push(finding);
        }
    }
    if let Some(finding) = os.as_ref().and_then(|os| os::end_of_life_finding(os, options)) {
        per_file.entry(finding.location.path.clone()).or_default().0.push(finding);
    }

    if let Some(vuln_options) = &options.vulns {
        if inventory.covered_by_os_packages > 0 {
            report.skipped.push(Skipped {
                path: "(OS package files)".into(),
                reason: format!(
                    "{} language packages installed by OS packages are covered by those OS packages \
                     (their advisories are the distribution's), so they are not listed twice",
                    inventory.covered_by_os_packages
                ),
            });
        }
        let mut scan = vulns::scan(&inventory.packages, vuln_options);
        for finding in &mut scan.findings {
            finding.location.layer_digest =
                inventory.layer_of.get(&finding.location.path).copied().and_then(digest_of);
        }
        // The same account of package files, notes, errors and a missing database as `bosun scan`.
        let collected = crate::scan::inventory::Collected {
            packages: Vec::new(),
            notes: std::mem::take(&mut inventory.notes),
            errors: std::mem::take(&mut inventory.errors),
            files: std::mem::take(&mut inventory.files),
        };
        pipeline::add_dependencies(&mut report, &mut per_file, collected, scan, options);
    }
    report.files.sort();
    report.files.dedup();

    let mut report = pipeline::finish(report, per_file, options);
    report.rules.extend(
        options
            .image_rules
            .iter()
            .map(|(meta, severity)| bosun_core::RuleMeta { severity: *severity, ..**meta }),
    );
    report.rules.sort_by_key(|r| r.id);
    report.image = Some(ImageSummary {
        artifact: Artifact {
            reference: reference.to_string(),
            manifest_digest: image.manifest_digest.as_ref().map(|d| d.to_string()),
            config_digest: image.config_digest.to_string(),
            platform: platform_of(image),
            layers: image.layers.iter().map(|l| l.digest.to_string()).collect(),
        },
        os,
        packages: image_packages(&inventory, digest_of),
    });
    Ok(report)
}

/// The package inventory of an image alone (for `bosun sbom IMAGE`).
pub fn inventory(image: &Image, exclude: &globset::GlobSet) -> Result<packages::ImageInventory, String> {
    let walk_options = walk::WalkOptions {
        secrets: None,
        packages: true,
        max_file_size: options::DEFAULT_MAX_FILE_SIZE,
        exclude,
        limits: Limits::default(),
    };
    let mut walked = walk::walk(image, &walk_options)?;
    let installed = std::mem::take(&mut walked.installed);
    let texts = packages::FinalTexts::new(&walked);
    let owned = package_files::owned_by_os_packages(&texts);
    Ok(packages::collect(&walked, installed, &texts, &owned))
}

fn platform_of(image: &Image) -> String {
    let config = &image.config;
    match config.variant.as_deref() {
        Some(variant) if !variant.is_empty() => format!("{}/{}/{variant}", config.os, config.architecture),
        _ => format!("{}/{}", config.os, config.architecture),
    }
}

fn image_packages(
    inventory: &packages::ImageInventory,
    digest_of: impl Fn(usize) -> Option<String>,
) -> Vec<ImagePackage> {
    let mut packages: Vec<ImagePackage> = inventory
        .packages
        .iter()
        .map(|p| ImagePackage {
            path: p.path.clone(),
            ecosystem: p.ecosystem.clone(),
            name: p.name.clone(),
            version: p.version.clone(),
            purl: p.purl.clone(),
            layer_digest: inventory.layer_of.get(&p.path).copied().and_then(&digest_of),
        })
        .collect();
    packages.sort();
    packages.dedup();
    packages
}

/// For a file that is not in the final tree: which layer still holds it and
/// what removed it, because deleting a file in a later layer does not take
/// its bytes out of the image.
fn layer_note(image: &Image, tree: &bosun_image::FileTree, file: &walk::LayerFile) -> Option<String> {
    if packages::is_final(tree, file) {
        return None;
    }
    let step = |layer: usize| {
        image
            .config
            .history_for_layer(layer)
            .and_then(|h| h.created_by.as_deref())
            .map(|c| format!(" (`{}`)", shorten(c.trim(), 80)))
            .unwrap_or_default()
    };
    let written = format!(" — written by layer {}{}", file.layer, step(file.layer));
    let removal = match tree.deleted().iter().find(|d| d.path == file.path && d.layer == file.layer) {
        Some(deleted) => format!(
            ", deleted by layer {}{}, but its bytes still ship in the image",
            deleted.deleted_by,
            step(deleted.deleted_by)
        ),
        None => ", replaced by a later layer, but its bytes still ship in the image".to_string(),
    };
    Some(format!("{written}{removal}"))
}

fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// A hostile entry is an error to report; aufs bookkeeping entries in old
/// images are merely passed over.
fn record_refusal(report: &mut ScanReport, refusal: &Refusal) {
    let where_ = format!("layer {} ({})", refusal.layer, refusal.layer_digest);
    if refusal.reason.contains("aufs bookkeeping") {
        report
            .skipped
            .push(Skipped { path: refusal.path.clone(), reason: format!("{where_}: {}", refusal.reason) });
    } else {
        report.errors.push(FileError {
            path: refusal.path.clone(),
            line: None,
            message: format!("refused in {where_}: {}", refusal.reason),
        });
    }
}
