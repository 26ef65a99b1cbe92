//! `bosun db`: get the OSV advisories into the local database (`update`
//! downloads, `import` reads files), show what it holds (`status`) and ask it
//! about one package version (`query`).
//!
//! Notes and the progress bar go to stderr; `status` and `query` answers to
//! stdout. A failed update or import says what failed and that the previous
//! database is unchanged.

use crate::cli::{DbCommand, DbFormat, DbImportArgs, DbLocation, DbQueryArgs, DbStatusArgs, DbUpdateArgs};
use crate::exit;
use bosun_vuln::db::{self, Database, DbError, Export, ImportSummary, IndexedEcosystem, Progress, Status};
use bosun_vuln::inventory::Package;
use bosun_vuln::osv::matching::{self, Level, Vulnerability};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn run(command: DbCommand) -> i32 {
    let result = match command {
        DbCommand::Update(args) => update(args),
        DbCommand::Import(args) => import(args),
        DbCommand::Status(args) => status(args),
        DbCommand::Query(args) => query(args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("bosun: {message}");
            exit::USAGE
        }
    }
}

fn database_path(location: &DbLocation) -> Result<PathBuf, String> {
    location.db.clone().or_else(db::default_path).ok_or_else(|| {
        "no cache directory for the vulnerability database: set BOSUN_CACHE_DIR or give --db FILE".to_string()
    })
}

fn update(args: DbUpdateArgs) -> Result<i32, String> {
    let dest = database_path(&args.location)?;
    let source = args.source.unwrap_or_else(|| db::DEFAULT_BASE_URL.to_string());
    if !(source.starts_with("http://") || source.starts_with("https://")) {
        return rebuild(Path::new(&source), &args.ecosystems, &dest, args.quiet);
    }
    let requested: Vec<String> = if args.ecosystems.is_empty() {
        db::DEFAULT_ECOSYSTEMS.iter().map(|s| s.to_string()).collect()
    } else {
        args.ecosystems.clone()
    };
    // osv.dev exports a distribution whole (`Debian/all.zip`): `Debian:12`
    // downloads that, and the import keeps only Debian 12's advisories.
    let mut downloads: Vec<String> = Vec::new();
    for ecosystem in &requested {
        let base = ecosystem.split(':').next().unwrap_or(ecosystem).to_string();
        if !downloads.contains(&base) {
            downloads.push(base);
        }
    }
    let started = Instant::now();
    let bar = Bar::new(args.quiet);
    let scratch = Scratch::create(&dest)?;
    let result = db::fetch(&source, &downloads, &scratch.0, &mut |p| bar.show(p))
        .and_then(|exports| db::import(&exports, &source, &dest, &args.ecosystems, &mut |p| bar.show(p)));
    bar.clear();
    drop(scratch);
    report(result, &dest, started, args.quiet)
}

fn import(args: DbImportArgs) -> Result<i32, String> {
    let dest = database_path(&args.location)?;
    rebuild(&args.path, &args.ecosystems, &dest, args.quiet)
}

/// `import`, and `update --source DIR|ZIP`.
fn rebuild(path: &Path, ecosystems: &[String], dest: &Path, quiet: bool) -> Result<i32, String> {
    let started = Instant::now();
    let source = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()).display().to_string();
    let bar = Bar::new(quiet);
    let result: Result<ImportSummary, DbError> =
        db::exports_in(path, ecosystems).and_then(|exports: Vec<Export>| {
            db::import(&exports, &source, dest, ecosystems, &mut |p| bar.show(p))
        });
    bar.clear();
    report(result, dest, started, quiet)
}

fn report(
    result: Result<ImportSummary, DbError>,
    dest: &Path,
    started: Instant,
    quiet: bool,
) -> Result<i32, String> {
    let summary = match result {
        Ok(summary) => summary,
        Err(error) => {
            let previous = if dest.exists() {
                format!("the database at {} is unchanged", dest.display())
            } else {
                format!("no database was written at {}", dest.display())
            };
            return Err(format!("{error}\nbosun: {previous}"));
        }
    };
    if quiet {
        return Ok(exit::CLEAN);
    }
    let status = &summary.status;
    let counts: Vec<String> =
        status.ecosystems.iter().map(|e| format!("{} {}", e.name, e.advisories)).collect();
    eprintln!(
        "bosun: imported {} advisories ({}) into {} ({}) in {:.1} s",
        status.advisories,
        counts.join(", "),
        status.path.display(),
        human_size(status.size),
        started.elapsed().as_secs_f64()
    );
    if let Some(snapshot) = &status.snapshot {
        eprintln!("bosun: newest advisory modified {snapshot}");
    }
    if !summary.skipped.is_empty() {
        eprintln!("bosun: skipped {} records that are not usable OSV records:", summary.skipped.len());
        for skipped in summary.skipped.iter().take(5) {
            eprintln!("  {}: {}", skipped.origin, skipped.reason);
        }
        if summary.skipped.len() > 5 {
            eprintln!("  and {} more", summary.skipped.len() - 5);
        }
    }
    Ok(exit::CLEAN)
}

fn status(args: DbStatusArgs) -> Result<i32, String> {
    let path = database_path(&args.location)?;
    let db = Database::open(&path).map_err(|e| e.to_string())?;
    let status = db.status().map_err(|e| e.to_string())?;
    let index = db.ecosystems().map_err(|e| e.to_string())?;
    let text = match args.format {
        DbFormat::Json => {
            #[derive(serde::Serialize)]
            struct StatusReport<'a> {
                #[serde(flatten)]
                status: &'a Status,
                /// The exact ecosystem keys lookups answer for.
                index: &'a [IndexedEcosystem],
            }
            let report = StatusReport { status: &status, index: &index };
            format!("{}\n", serde_json::to_string_pretty(&report).expect("JSON serializes"))
        }
        DbFormat::Table => status_table(&status, &index.iter().map(|e| e.name.as_str()).collect::<Vec<_>>()),
    };
    print(&text)
}

fn status_table(status: &Status, index: &[&str]) -> String {
    let withdrawn: u64 = status.ecosystems.iter().map(|e| e.withdrawn).sum();
    let mut out = String::new();
    out.push_str(&format!("database    {} ({})\n", status.path.display(), human_size(status.size)));
    out.push_str(&format!("source      {}\n", status.source));
    out.push_str(&format!("imported    {}\n", status.imported_at));
    out.push_str(&format!(
        "snapshot    {}\n",
        status.snapshot.as_deref().unwrap_or("unknown (no record has a time)")
    ));
    out.push_str(&format!(
        "advisories  {} ({withdrawn} withdrawn, {} skipped as invalid)\n",
        status.advisories, status.skipped
    ));
    out.push_str(&format!("digest      {}\n\n", status.digest));
    let width = status.ecosystems.iter().map(|e| e.name.len()).max().unwrap_or(0).max("ECOSYSTEM".len());
    out.push_str(&format!("{:<width$}  {:>10}  {:>9}\n", "ECOSYSTEM", "ADVISORIES", "WITHDRAWN"));
    for count in &status.ecosystems {
        out.push_str(&format!("{:<width$}  {:>10}  {:>9}\n", count.name, count.advisories, count.withdrawn));
    }
    out.push_str(&format!("\nindexed ecosystems: {}\n", index.join(", ")));
    out
}

fn query(args: DbQueryArgs) -> Result<i32, String> {
    let path = database_path(&args.location)?;
    let db = Database::open(&path).map_err(|e| e.to_string())?;
    let advisories = db.advisories(&args.ecosystem, &args.name).map_err(|e| e.to_string())?;
    let indexed = db.ecosystems().map_err(|e| e.to_string())?;
    if !indexed.iter().any(|e| e.name == args.ecosystem) {
        let names: Vec<&str> = indexed.iter().map(|e| e.name.as_str()).collect();
        eprintln!(
            "bosun: the database has no advisories for ecosystem '{}' (it has: {})",
            args.ecosystem,
            names.join(", ")
        );
    }
    let package = Package::new(&args.ecosystem, &args.name, &args.version, "", 0);
    let found = matching::find(advisories.iter(), &package);
    let text = match args.format {
        DbFormat::Json => {
            let value = serde_json::json!({
                "ecosystem": args.ecosystem,
                "name": args.name,
                "version": args.version,
                "vulnerabilities": found,
            });
            format!("{}\n", serde_json::to_string_pretty(&value).expect("JSON serializes"))
        }
        DbFormat::Table => query_table(&args, &found),
    };
    print(&text)
}

fn query_table(args: &DbQueryArgs, found: &[Vulnerability]) -> String {
    let coordinates = format!("{} {} {}", args.ecosystem, args.name, args.version);
    if found.is_empty() {
        return format!("no known advisory affects {coordinates}\n");
    }
    let rows: Vec<[String; 5]> = found
        .iter()
        .map(|v| {
            let fixed =
                if v.fixed_versions.is_empty() { "-".to_string() } else { v.fixed_versions.join(", ") };
            let aliases = if v.aliases.is_empty() { "-".to_string() } else { v.aliases.join(", ") };
            let summary = v.summary.as_deref().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "));
            [v.id.clone(), severity(v), fixed, aliases, summary.unwrap_or_default()]
        })
        .collect();
    let header = ["ID", "SEVERITY", "FIXED", "ALIASES", "SUMMARY"];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 5]| {
        let mut text = String::new();
        for (n, cell) in cells.iter().enumerate() {
            if n == cells.len() - 1 {
                text.push_str(cell);
            } else {
                text.push_str(&format!("{cell:<width$}  ", width = widths[n]));
            }
        }
        format!("{}\n", text.trim_end())
    };
    let mut out = line(header);
    for row in &rows {
        out.push_str(&line([&row[0], &row[1], &row[2], &row[3], &row[4]]));
    }
    let count = if found.len() == 1 {
        "1 advisory affects".to_string()
    } else {
        format!("{} advisories affect", found.len())
    };
    out.push_str(&format!("\n{count} {coordinates}\n"));
    out
}

fn severity(vulnerability: &Vulnerability) -> String {
    let level = match vulnerability.rating.level {
        Level::Unknown => "UNKNOWN",
        Level::Low => "LOW",
        Level::Medium => "MEDIUM",
        Level::High => "HIGH",
        Level::Critical => "CRITICAL",
    };
    match vulnerability.rating.score {
        Some(score) => format!("{level} {score:.1}"),
        None => level.to_string(),
    }
}

fn print(text: &str) -> Result<i32, String> {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
    Ok(exit::CLEAN)
}

fn human_size(bytes: u64) -> String {
    match bytes {
        0..1_000_000 => format!("{:.1} kB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

/// The progress bar on stderr: hidden unless stderr is a terminal and not `--quiet`.
struct Bar {
    bar: ProgressBar,
    stage: std::cell::RefCell<String>,
}

impl Bar {
    fn new(quiet: bool) -> Bar {
        let bar = ProgressBar::hidden();
        if !quiet && std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        Bar { bar, stage: std::cell::RefCell::new(String::new()) }
    }

    fn show(&self, progress: Progress<'_>) {
        if self.bar.is_hidden() {
            return;
        }
        let (stage, template, done, total) = match progress {
            Progress::Download { ecosystem, done, total } => (
                format!("downloading {ecosystem}"),
                "{msg:24} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
                done,
                total.unwrap_or(0),
            ),
            Progress::Read { ecosystem, done, total } => {
                (format!("reading {ecosystem}"), "{msg:24} [{bar:30}] {pos}/{len} records", done, total)
            }
            Progress::Write { done, total } => (
                "writing the database".to_string(),
                "{msg:24} [{bar:30}] {pos}/{len} advisories",
                done,
                total,
            ),
        };
        if *self.stage.borrow() != stage {
            let style =
                ProgressStyle::with_template(template).expect("a valid template").progress_chars("=> ");
            self.bar.set_style(style);
            self.bar.set_message(stage.clone());
            self.bar.reset();
            *self.stage.borrow_mut() = stage;
        }
        self.bar.set_length(total);
        self.bar.set_position(done);
    }

    fn clear(&self) {
        self.bar.finish_and_clear();
    }
}

/// A directory next to the database for downloads, removed when dropped: on
/// the same disk as the cache (a temporary directory may be a small tmpfs).
struct Scratch(PathBuf);

impl Scratch {
    fn create(dest: &Path) -> Result<Scratch, String> {
        let dir = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name =
            dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "osv.db".into());
        let scratch = dir.join(format!("{name}.download-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&scratch);
        std::fs::create_dir_all(&scratch).map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
        Ok(Scratch(scratch))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
