//! One pass over an image's layers: every regular file of every layer is
//! scanned for secrets (files a later layer deletes or replaces included: their
//! bytes still ship with the image), installed-package metadata and
//! executables are read where they are met, and the few text files the
//! inventory reads with their neighbours (lockfiles, package databases,
//! release files) are kept for after the squash.
//!
//! Layers are independent tar streams, so they are read in parallel, each by
//! its own visitor; the squash then replays their entries in layer order.

use bosun_core::suppress::Directive;
use bosun_core::Finding;
use bosun_image::layers::{stream_layer, Budget};
use bosun_image::{EntryInfo, EntryKind, FileTree, Image, LayerVisitor, Limits, Refusal, SquashBuilder};
use bosun_vuln::inventory::{installed, FileInventory, Format};
use std::io::Read;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// Largest executable read for embedded build info (Go, cargo-auditable).
const MAX_EXECUTABLE_BYTES: u64 = 512 << 20;

/// Largest binary package database read (an rpm database of a big image is ~100 MB).
const MAX_DATABASE_BYTES: u64 = 512 << 20;

/// Release files read to name the operating system.
pub const RELEASE_FILES: &[&str] = &[
    "etc/os-release",
    "usr/lib/os-release",
    "etc/debian_version",
    "etc/alpine-release",
    "etc/redhat-release",
    "etc/system-release",
    "etc/lsb-release",
];

/// Whether a file lists the files OS packages installed: dpkg's
/// `info/*.list`, apk's database. Read to tell distribution content from the
/// image's own files (see `package_files`).
pub fn lists_package_files(path: &str) -> bool {
    (path.starts_with("var/lib/dpkg/info/") && path.ends_with(".list")) || path == "lib/apk/db/installed"
}

/// What the walk needs to know from the scan's options.
pub struct WalkOptions<'a> {
    pub secrets: Option<&'a bosun_secrets::Scanner>,
    /// Whether packages are wanted (inventory, vulnerabilities, SBOM).
    pub packages: bool,
    pub max_file_size: u64,
    pub exclude: &'a globset::GlobSet,
    pub limits: Limits,
}

/// A file of one layer, by path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LayerFile {
    pub path: String,
    pub layer: usize,
}

/// The secrets found in one file of one layer.
pub struct SecretHit {
    pub file: LayerFile,
    pub findings: Vec<Finding>,
    pub directives: Vec<Directive>,
}

/// Everything the walk found.
pub struct Walked {
    pub tree: FileTree,
    pub secrets: Vec<SecretHit>,
    /// Paths of the regular files the secret scanner read (in any layer).
    pub secret_files_scanned: Vec<String>,
    /// Text files for the inventory (formats read with their neighbours), every layer's version.
    pub texts: Vec<(LayerFile, String)>,
    /// Binary package databases (rpm), every layer's version.
    pub databases: Vec<(LayerFile, Vec<u8>)>,
    /// Installed packages read from metadata and executables, every layer's version.
    pub installed: Vec<(LayerFile, Result<FileInventory, String>)>,
    pub refused: Vec<Refusal>,
}

/// One layer's entries and findings, before the squash.
#[derive(Default)]
struct LayerResult {
    entries: Vec<OwnedEntry>,
    refused: Vec<Refusal>,
    texts: Vec<(LayerFile, String)>,
    databases: Vec<(LayerFile, Vec<u8>)>,
}

struct OwnedEntry {
    path: String,
    kind: EntryKind,
    size: u64,
    mode: u32,
}

/// Most file bytes waiting to be scanned by other threads; past it, the
/// thread reading a layer scans files itself, which slows the reading down
/// instead of letting memory grow.
const MAX_BYTES_IN_FLIGHT: u64 = 64 << 20;

/// What file jobs on other threads report back.
#[derive(Default)]
struct Shared {
    secrets: Mutex<Vec<SecretHit>>,
    scanned: Mutex<Vec<String>>,
    installed: Mutex<Vec<(LayerFile, Result<FileInventory, String>)>>,
    in_flight: AtomicU64,
}

/// Streams every layer (in parallel) and squashes them. An error names the
/// layer that could not be read; nothing found in a failed image is returned,
/// because a layer's digest is only confirmed once it has been read whole.
///
/// Reading a layer is one thread's work (inflate, then untar); the files it
/// yields are scanned on the other threads, so a large base layer keeps every
/// core busy.
pub fn walk(image: &Image, options: &WalkOptions<'_>) -> Result<Walked, String> {
    let budget = Budget::new(&options.limits);
    let shared = Shared::default();
    let mut results: Vec<Option<Result<LayerResult, String>>> = image.layers.iter().map(|_| None).collect();
    rayon::scope(|scope| {
        for (index, (layer, slot)) in image.layers.iter().zip(results.iter_mut()).enumerate() {
            let (shared, budget) = (&shared, &budget);
            scope.spawn(move |scope| {
                let mut visitor =
                    Visitor { options, layer: index, result: LayerResult::default(), scope, shared };
                let streamed = stream_layer(layer, index, budget, &mut visitor);
                *slot = Some(streamed.map(|()| visitor.result));
            });
        }
    });
    let mut squash = SquashBuilder::for_image(image);
    let mut walked = Walked {
        tree: FileTree::default(),
        secrets: Vec::new(),
        secret_files_scanned: Vec::new(),
        texts: Vec::new(),
        databases: Vec::new(),
        installed: Vec::new(),
        refused: Vec::new(),
    };
    for (index, result) in results.into_iter().enumerate() {
        let result = result.unwrap_or_else(|| Err(format!("layer {index} was not read")))?;
        let digest = &image.layers[index].digest;
        for entry in result.entries {
            let info = EntryInfo {
                path: entry.path,
                layer: index,
                layer_digest: digest,
                kind: entry.kind,
                size: entry.size,
                mode: entry.mode,
            };
            squash.apply(&info);
        }
        walked.refused.extend(result.refused);
        walked.texts.extend(result.texts);
        walked.databases.extend(result.databases);
    }
    walked.tree = squash.finish();
    walked.secrets = shared.secrets.into_inner().unwrap_or_default();
    walked.secret_files_scanned = shared.scanned.into_inner().unwrap_or_default();
    walked.installed = shared.installed.into_inner().unwrap_or_default();
    // Threads finish in any order; reports must not depend on it.
    walked.secrets.sort_by(|a, b| a.file.cmp(&b.file));
    walked.installed.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(walked)
}

struct Visitor<'o, 'a, 's> {
    options: &'o WalkOptions<'a>,
    layer: usize,
    result: LayerResult,
    scope: &'o rayon::Scope<'s>,
    shared: &'s Shared,
}

/// Why a file's bytes are wanted.
#[derive(Default)]
struct Wanted {
    secrets: bool,
    /// Read with neighbours after the squash (lockfiles, package databases, release files).
    text: bool,
    /// A binary package database, read after the squash.
    database: bool,
    /// Read on the spot (metadata, Java archives).
    installed: bool,
    /// Maybe an executable with build info: decided from its first bytes.
    executable: bool,
}

impl Visitor<'_, '_, '_> {
    fn wanted(&self, info: &EntryInfo<'_>) -> Wanted {
        let path = info.path.as_str();
        if self.options.exclude.is_match(path) {
            return Wanted::default();
        }
        let packages = self.options.packages;
        let small = info.size <= self.options.max_file_size;
        let secrets = self.options.secrets.is_some()
            && small
            && bosun_secrets::files::disposition(path) == bosun_secrets::files::Disposition::Scan;
        let format = Format::of(path);
        let database = packages && format == Some(Format::RpmDatabase) && info.size <= MAX_DATABASE_BYTES;
        let ownership = (packages || self.options.secrets.is_some()) && lists_package_files(path);
        // Release files are always read: they name the OS even when packages are not wanted.
        let text = !database
            && small
            && ((packages && format.is_some()) || RELEASE_FILES.contains(&path) || ownership);
        let installed_kind = packages && !text && installed::kind_of(path).is_some();
        let installed = installed_kind && info.size <= MAX_EXECUTABLE_BYTES;
        let executable = packages
            && !text
            && !installed_kind
            && info.mode & 0o111 != 0
            && info.size >= 1024
            && info.size <= MAX_EXECUTABLE_BYTES;
        Wanted { secrets, text, database, installed, executable }
    }
}

impl<'o, 'a: 's, 's> LayerVisitor for Visitor<'o, 'a, 's> {
    fn entry(&mut self, info: &EntryInfo<'_>, contents: Option<&mut dyn Read>) -> Result<(), String> {
        self.result.entries.push(OwnedEntry {
            path: info.path.clone(),
            kind: info.kind.clone(),
            size: info.size,
            mode: info.mode,
        });
        let Some(contents) = contents else { return Ok(()) };
        let wanted = self.wanted(info);
        if !(wanted.secrets || wanted.text || wanted.database || wanted.installed || wanted.executable) {
            return Ok(());
        }
        let mut bytes = Vec::new();
        if wanted.executable && !(wanted.secrets || wanted.text || wanted.database || wanted.installed) {
            // Most executable-mode files are scripts or shared objects: look before reading.
            contents.take(8).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
            if !installed::looks_executable(&bytes) {
                return Ok(());
            }
        }
        contents.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        let file = LayerFile { path: info.path.clone(), layer: self.layer };
        if wanted.text {
            // Text formats that are not UTF-8 are reported by their reader as errors later.
            self.result.texts.push((file.clone(), String::from_utf8_lossy(&bytes).into_owned()));
        }
        if wanted.database {
            self.result.databases.push((file, bytes));
            return Ok(());
        }
        let job = FileJob { file, bytes, wanted, secrets: self.options.secrets, shared: self.shared };
        let size = job.bytes.len() as u64;
        let shared = self.shared;
        if shared.in_flight.fetch_add(size, Ordering::AcqRel) + size > MAX_BYTES_IN_FLIGHT {
            shared.in_flight.fetch_sub(size, Ordering::AcqRel);
            job.run();
        } else {
            self.scope.spawn(move |_| {
                job.run();
                shared.in_flight.fetch_sub(size, Ordering::AcqRel);
            });
        }
        Ok(())
    }

    fn refused(&mut self, refusal: Refusal) {
        self.result.refused.push(refusal);
    }
}

/// The work on one file's bytes that can run on any thread: secrets, and
/// installed packages read on the spot.
struct FileJob<'a, 's> {
    file: LayerFile,
    bytes: Vec<u8>,
    wanted: Wanted,
    secrets: Option<&'a bosun_secrets::Scanner>,
    shared: &'s Shared,
}

impl FileJob<'_, '_> {
    fn run(self) {
        let FileJob { file, bytes, wanted, secrets, shared } = self;
        if let (true, Some(scanner)) = (wanted.secrets, secrets) {
            let (result, directives) = crate::scan::secrets::scan_file(scanner, &file.path, &bytes);
            if result.scanned {
                lock(&shared.scanned).push(file.path.clone());
            }
            if !result.findings.is_empty() {
                lock(&shared.secrets).push(SecretHit {
                    file: file.clone(),
                    findings: result.findings,
                    directives,
                });
            }
        }
        if wanted.text {
            return;
        }
        if wanted.installed || (wanted.executable && installed::looks_executable(&bytes)) {
            let read = installed::read_inventory(&file.path, &bytes);
            // An executable without build info names no package: not worth a line.
            let worth_keeping = match &read {
                Ok(inventory) => !inventory.packages.is_empty() || !inventory.notes.is_empty(),
                Err(_) => wanted.installed,
            };
            if worth_keeping {
                lock(&shared.installed).push((file, read));
            }
        }
    }
}

/// A poisoned lock only means another file's job panicked; its data is still whole.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
