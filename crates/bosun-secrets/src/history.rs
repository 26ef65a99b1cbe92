//! Git history: the secrets each commit introduced, for every commit reachable
//! from HEAD or from a revision range. Objects are read with gitoxide, in
//! process: no `git` program is needed at run time.
//!
//! Each commit is compared with its first parent (a root commit, or a shallow
//! clone's boundary commit, with the empty tree). Every blob it adds or changes
//! goes through the same file policy as a working-tree scan and is read once,
//! whatever the number of commits and paths that hold it (a blob whose secrets
//! did not count as introduced is looked at again where it comes back: see
//! `State::settle`). A secret — rule, path and value, which is what a
//! finding's fingerprint covers — is reported once, at the oldest commit that
//! introduced it: commits are processed parents first, and a secret that the
//! parent's version of the same file already held was not introduced by the
//! commit that changed the file.

use crate::{files, Scanner};
use bosun_core::{Commit, Finding, Skipped};
use gix::hash::ObjectId;
use gix::objs::tree::EntryKind;
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::path::Path;

/// At most this many commits are walked; older ones are left out (and said so).
pub const MAX_COMMITS: usize = 1_000_000;
/// At most this many bytes of blobs are read in one history scan.
pub const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024 * 1024;
/// Blobs are read in order, then scanned in parallel in batches of about this size.
const BATCH_BYTES: usize = 32 * 1024 * 1024;
/// Decoded objects kept for reuse: trees shared between neighbouring commits above all.
const OBJECT_CACHE_BYTES: usize = 64 * 1024 * 1024;
/// Hex digits of a commit id in skipped entries (`<commit>:<path>`).
const SHORT_ID: usize = 7;

/// What to scan.
#[derive(Debug, Clone)]
pub struct HistoryOptions {
    /// `A..B` (reachable from B, not from A), `A...B` (from either, not from
    /// both), a single revision (reachable from it), or `None` for HEAD.
    pub range: Option<String>,
    /// Larger blobs are skipped, as larger files are in working-tree scans.
    pub max_blob_size: u64,
}

impl Default for HistoryOptions {
    fn default() -> Self {
        HistoryOptions { range: None, max_blob_size: 10 * 1024 * 1024 }
    }
}

/// What a history scan found.
#[derive(Debug, Default)]
pub struct HistoryScan {
    /// Sorted by path, line and rule; each carries the commit that introduced it.
    pub findings: Vec<Finding>,
    pub commits_scanned: usize,
    pub blobs_scanned: usize,
    /// Blobs not read (`<commit>:<path>`), and notes on history that was not
    /// scanned (a shallow clone's missing parents, limits reached).
    pub skipped: Vec<Skipped>,
}

/// Scans the history of the repository at `repo_dir` (a work tree's top
/// directory, its `.git` directory, or a bare repository).
pub fn scan_history(
    repo_dir: &Path,
    options: &HistoryOptions,
    scanner: &Scanner,
) -> Result<HistoryScan, String> {
    let mut repo =
        gix::open(repo_dir).map_err(|e| format!("{}: not a git repository: {e}", repo_dir.display()))?;
    repo.object_cache_size_if_unset(OBJECT_CACHE_BYTES);
    let mut scan = HistoryScan::default();
    let Some(selection) = select(&repo, options.range.as_deref())? else {
        return Ok(scan); // no commit yet
    };
    let order = walk(&repo, &selection, &mut scan.skipped)?;
    scan.commits_scanned = order.len();

    let shallow = repo.shallow_commits().map_err(|e| format!("reading the shallow file: {e}"))?;
    let is_shallow = |id: &ObjectId| shallow.as_ref().is_some_and(|list| list.binary_search(id).is_ok());
    let mut state = State {
        repo: &repo,
        scanner,
        order: &order,
        seen: HashSet::new(),
        unaccounted: HashMap::new(),
        parent_blobs: None,
        findings: HashMap::new(),
        metadata: HashMap::new(),
        noted: HashSet::new(),
        batch: Vec::new(),
        batch_bytes: 0,
        total_bytes: 0,
    };
    'commits: for (index, &id) in order.iter().enumerate() {
        let short = id.to_hex_with_len(SHORT_ID).to_string();
        let commit = repo.find_commit(id).map_err(|e| format!("commit {id}: {e}"))?;
        let tree = commit.tree_id().map_err(|e| format!("commit {id}: {e}"))?.detach();
        let first_parent = commit.parent_ids().next().map(|p| p.detach());
        let parent_tree = match first_parent {
            None => None,
            Some(_) if is_shallow(&id) => {
                scan.skipped.push(Skipped { path: short.clone(), reason: SHALLOW.into() });
                None
            }
            Some(parent) => match repo.find_commit(parent).and_then(|p| p.tree_id()) {
                Ok(tree) => Some(tree.detach()),
                Err(_) => {
                    scan.skipped.push(Skipped { path: short.clone(), reason: SHALLOW.into() });
                    None
                }
            },
        };
        let mut changes = Vec::new();
        if let Err(e) = diff_trees(&repo, parent_tree, tree, "", &mut changes) {
            scan.skipped.push(Skipped {
                path: short.clone(),
                reason: format!("could not read the commit's tree: {e}"),
            });
            continue;
        }
        for change in changes {
            match files::disposition(&change.path) {
                files::Disposition::Scan => {}
                files::Disposition::Ignore => continue,
                files::Disposition::Skip(reason) => {
                    state.note(&mut scan.skipped, &short, &change.path, 0, reason);
                    continue;
                }
            }
            if scanner.engine.skips_path(&change.path) {
                continue;
            }
            if !state.seen.insert(change.blob) {
                // Read before: its secrets are accounted for, unless none of
                // them counted as introduced then (see `State::settle`).
                state.batch.push(Job { commit: index, parent_tree, change, data: None });
                continue;
            }
            let size = match repo.find_header(change.blob) {
                Ok(header) => header.size(),
                Err(e) => {
                    state.note(
                        &mut scan.skipped,
                        &short,
                        &change.path,
                        1,
                        format!("could not read the blob: {e}"),
                    );
                    continue;
                }
            };
            if size > options.max_blob_size {
                let reason = bosun_core::finding::too_large_reason(size, options.max_blob_size);
                state.note(&mut scan.skipped, &short, &change.path, 2, reason);
                continue;
            }
            if state.total_bytes + size > MAX_TOTAL_BYTES {
                scan.commits_scanned = index;
                scan.skipped.push(Skipped {
                    path: short,
                    reason: format!(
                        "history scan stopped at this commit: more than {MAX_TOTAL_BYTES} bytes of blobs read; \
                         it and later commits were not scanned"
                    ),
                });
                break 'commits;
            }
            let data = match repo.find_blob(change.blob) {
                Ok(mut blob) => blob.take_data(),
                Err(e) => {
                    state.note(
                        &mut scan.skipped,
                        &short,
                        &change.path,
                        1,
                        format!("could not read the blob: {e}"),
                    );
                    continue;
                }
            };
            state.total_bytes += size;
            if files::is_binary(&data) {
                continue;
            }
            scan.blobs_scanned += 1;
            state.batch_bytes += data.len();
            state.batch.push(Job { commit: index, parent_tree, change, data: Some(data) });
            if state.batch_bytes >= BATCH_BYTES {
                state.flush();
            }
        }
    }
    state.flush();
    let mut findings: Vec<Finding> = state.findings.into_values().collect();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then_with(|| a.fingerprint.cmp(&b.fingerprint)));
    scan.findings = findings;
    Ok(scan)
}

const SHALLOW: &str = "the parents of this commit are not in the repository (a shallow clone): it is \
                       compared with the empty tree, so secrets from older history are attributed to it";

/// The commits to walk from, and those whose history is left out.
struct Selection {
    tips: Vec<ObjectId>,
    hidden: Vec<ObjectId>,
}

/// Resolves the range; `None` for a repository without commits.
fn select(repo: &gix::Repository, range: Option<&str>) -> Result<Option<Selection>, String> {
    use gix::revision::plumbing::Spec;
    let Some(spec) = range.map(str::trim).filter(|s| !s.is_empty()) else {
        let head = repo.head().map_err(|e| format!("reading HEAD: {e}"))?;
        if head.is_unborn() {
            return Ok(None);
        }
        let id = head.into_peeled_id().map_err(|e| format!("resolving HEAD: {e}"))?.detach();
        return Ok(Some(Selection { tips: vec![to_commit(repo, id, "HEAD")?], hidden: Vec::new() }));
    };
    let parsed = repo.rev_parse(spec).map_err(|e| format!("revision {spec:?}: {e}"))?.detach();
    let commit = |id: ObjectId| to_commit(repo, id, spec);
    let parents = |id: ObjectId| -> Result<Vec<ObjectId>, String> {
        let found = repo.find_commit(commit(id)?).map_err(|e| format!("revision {spec:?}: {e}"))?;
        Ok(found.parent_ids().map(|p| p.detach()).collect())
    };
    let selection = match parsed {
        Spec::Include(id) => Selection { tips: vec![commit(id)?], hidden: Vec::new() },
        Spec::Range { from, to } => Selection { tips: vec![commit(to)?], hidden: vec![commit(from)?] },
        Spec::Merge { theirs, ours } => {
            let (theirs, ours) = (commit(theirs)?, commit(ours)?);
            let bases =
                repo.merge_bases_many(theirs, &[ours]).map_err(|e| format!("revision {spec:?}: {e}"))?;
            Selection { tips: vec![theirs, ours], hidden: bases.into_iter().map(|b| b.detach()).collect() }
        }
        Spec::IncludeOnlyParents(id) => Selection { tips: parents(id)?, hidden: Vec::new() },
        Spec::ExcludeParents(id) => Selection { tips: vec![commit(id)?], hidden: parents(id)? },
        Spec::Exclude(_) => {
            return Err(format!("revision {spec:?} only excludes commits: give a range such as `A..B`"));
        }
    };
    Ok(Some(selection))
}

/// `id` peeled to a commit (annotated tags point to one).
fn to_commit(repo: &gix::Repository, id: ObjectId, spec: &str) -> Result<ObjectId, String> {
    let object = repo.find_object(id).map_err(|e| format!("revision {spec:?}: {e}"))?;
    object.peel_to_commit().map(|c| c.id).map_err(|_| format!("revision {spec:?} does not name a commit"))
}

/// The selected commits, parents before children (and older before newer
/// where the graph leaves the choice open).
fn walk(
    repo: &gix::Repository,
    selection: &Selection,
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<ObjectId>, String> {
    use gix::revision::walk::Sorting;
    use gix::traverse::commit::simple::CommitTimeOrder;
    let commits = repo
        .rev_walk(selection.tips.iter().copied())
        .with_hidden(selection.hidden.iter().copied())
        .sorting(Sorting::ByCommitTime(CommitTimeOrder::NewestFirst))
        .all()
        .map_err(|e| format!("walking the history: {e}"))?;
    let mut nodes: Vec<(ObjectId, Vec<ObjectId>, i64)> = Vec::new();
    for info in commits {
        let info = info.map_err(|e| format!("walking the history: {e}"))?;
        if nodes.len() == MAX_COMMITS {
            skipped.push(Skipped {
                path: info.id.to_hex_with_len(SHORT_ID).to_string(),
                reason: format!(
                    "more than {MAX_COMMITS} commits: this commit and older ones were not scanned, and secrets \
                     they introduced may be attributed to newer commits"
                ),
            });
            break;
        }
        nodes.push((info.id, info.parent_ids.to_vec(), info.commit_time.unwrap_or(0)));
    }
    Ok(topological(nodes))
}

/// Kahn's algorithm over the walked commits: a commit comes after every one of
/// its parents that was walked; among the commits ready, the oldest (commit
/// time, then id) first.
fn topological(nodes: Vec<(ObjectId, Vec<ObjectId>, i64)>) -> Vec<ObjectId> {
    let index: HashMap<ObjectId, usize> = nodes.iter().enumerate().map(|(i, node)| (node.0, i)).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut waiting: Vec<usize> = vec![0; nodes.len()];
    for (i, (_, parents, _)) in nodes.iter().enumerate() {
        let mut walked: Vec<usize> = parents.iter().filter_map(|p| index.get(p).copied()).collect();
        walked.sort_unstable();
        walked.dedup();
        waiting[i] = walked.len();
        for parent in walked {
            children[parent].push(i);
        }
    }
    let mut ready: BinaryHeap<Reverse<(i64, ObjectId, usize)>> =
        (0..nodes.len()).filter(|&i| waiting[i] == 0).map(|i| Reverse((nodes[i].2, nodes[i].0, i))).collect();
    let mut order = Vec::with_capacity(nodes.len());
    while let Some(Reverse((_, id, i))) = ready.pop() {
        order.push(id);
        for &child in &children[i] {
            waiting[child] -= 1;
            if waiting[child] == 0 {
                ready.push(Reverse((nodes[child].2, nodes[child].0, child)));
            }
        }
    }
    order
}

/// A blob a commit added or changed.
struct Change {
    path: String,
    blob: ObjectId,
    /// The blob at the same path in the parent, when the file was changed.
    previous: Option<ObjectId>,
}

/// The regular files (not symbolic links, not submodules) that differ between
/// `old` (the parent's tree; `None` for the empty tree) and `new`, in tree order.
fn diff_trees(
    repo: &gix::Repository,
    old: Option<ObjectId>,
    new: ObjectId,
    prefix: &str,
    out: &mut Vec<Change>,
) -> Result<(), String> {
    if old == Some(new) {
        return Ok(());
    }
    let before: HashMap<Vec<u8>, (EntryKind, ObjectId)> = match old {
        Some(old) => entries(repo, old)?.into_iter().map(|(name, kind, id)| (name, (kind, id))).collect(),
        None => HashMap::new(),
    };
    for (name, kind, id) in entries(repo, new)? {
        let path = format!("{prefix}{}", String::from_utf8_lossy(&name));
        let previous = before.get(&name).copied();
        match kind {
            EntryKind::Tree => {
                let old = previous.filter(|(kind, _)| *kind == EntryKind::Tree).map(|(_, id)| id);
                diff_trees(repo, old, id, &format!("{path}/"), out)?;
            }
            EntryKind::Blob | EntryKind::BlobExecutable => {
                let previous = previous.filter(|(kind, _)| is_file(*kind)).map(|(_, id)| id);
                if previous != Some(id) {
                    out.push(Change { path, blob: id, previous });
                }
            }
            EntryKind::Link | EntryKind::Commit => {}
        }
    }
    Ok(())
}

fn is_file(kind: EntryKind) -> bool {
    matches!(kind, EntryKind::Blob | EntryKind::BlobExecutable)
}

/// A tree's entries: name, kind and object id.
fn entries(repo: &gix::Repository, tree: ObjectId) -> Result<Vec<(Vec<u8>, EntryKind, ObjectId)>, String> {
    let tree = repo.find_tree(tree).map_err(|e| format!("tree {tree}: {e}"))?;
    let decoded = tree.decode().map_err(|e| format!("tree {}: {e}", tree.id))?;
    Ok(decoded.entries.iter().map(|e| (e.filename.to_vec(), e.mode.kind(), e.oid.to_owned())).collect())
}

/// Every regular file's blob in a tree, recursively.
fn tree_blobs(repo: &gix::Repository, tree: ObjectId, out: &mut HashSet<ObjectId>) -> Result<(), String> {
    for (_, kind, id) in entries(repo, tree)? {
        match kind {
            EntryKind::Tree => tree_blobs(repo, id, out)?,
            kind if is_file(kind) => {
                out.insert(id);
            }
            _ => {}
        }
    }
    Ok(())
}

/// A blob of a commit, waiting to be scanned.
struct Job {
    /// The commit's index in the walk order.
    commit: usize,
    /// The first parent's tree, when the commit has one.
    parent_tree: Option<ObjectId>,
    change: Change,
    /// The blob's content; `None` for a blob read before, at an earlier commit.
    data: Option<Vec<u8>>,
}

/// What a scan accumulates while it goes through the commits.
struct State<'a> {
    repo: &'a gix::Repository,
    scanner: &'a Scanner,
    order: &'a [ObjectId],
    /// Blobs already read.
    seen: HashSet<ObjectId>,
    /// By fingerprint: the first commit to introduce a secret keeps it.
    findings: HashMap<String, Finding>,
    /// Blobs holding secrets that their commit did not introduce (the parent
    /// held them already, outside the range), with the path they were read at:
    /// the same blob coming back later, after the secret was taken out,
    /// introduces them again.
    unaccounted: HashMap<ObjectId, (String, Vec<Finding>)>,
    /// The blobs of one commit's parent tree, read when first needed.
    parent_blobs: Option<(usize, HashSet<ObjectId>)>,
    metadata: HashMap<usize, Commit>,
    /// (kind of note, path): each path is said to be skipped once per reason.
    noted: HashSet<(u8, String)>,
    batch: Vec<Job>,
    batch_bytes: usize,
    total_bytes: u64,
}

impl State<'_> {
    /// Records that a blob was not read, once per path and kind of reason.
    fn note(&mut self, skipped: &mut Vec<Skipped>, short: &str, path: &str, kind: u8, reason: String) {
        if self.noted.insert((kind, path.to_string())) {
            skipped.push(Skipped { path: format!("{short}:{path}"), reason });
        }
    }

    /// Scans the batch's new blobs (in parallel), then settles every job in
    /// order, so that the oldest commit to introduce a secret keeps it.
    fn flush(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        let (scanner, order) = (self.scanner, self.order);
        let results: Vec<Option<Vec<Finding>>> = batch
            .par_iter()
            .map(|job| {
                let data = job.data.as_ref()?;
                let text = String::from_utf8_lossy(data);
                Some(scanner.scan_text(
                    &job.change.path,
                    &text,
                    Some(&order[job.commit].to_hex().to_string()),
                ))
            })
            .collect();
        for (job, found) in batch.iter().zip(results) {
            self.settle(job, found);
        }
    }

    /// Keeps the secrets of `job`'s blob that its commit introduced. `found`
    /// is the scan of a new blob; `None` for a blob read before.
    fn settle(&mut self, job: &Job, found: Option<Vec<Finding>>) {
        let change = &job.change;
        let first_read = found.is_some();
        let found = match found {
            Some(found) => found,
            None => match self.unaccounted.get(&change.blob) {
                None => return,
                Some((path, found)) if *path == change.path => found.clone(),
                Some(_) => self.rescan(job),
            },
        };
        let mut fresh: Vec<Finding> =
            found.into_iter().filter(|f| !self.findings.contains_key(&f.fingerprint)).collect();
        let inherited: Vec<Finding> = match change.previous {
            _ if fresh.is_empty() => Vec::new(),
            // A changed file introduces what its previous version did not hold.
            Some(previous) => {
                let before = self.fingerprints(&change.path, previous);
                let (old, new) = fresh.into_iter().partition(|f| before.contains(&f.fingerprint));
                fresh = new;
                old
            }
            // A file added with the content of another file of the parent (a
            // rename, a copy) introduces nothing.
            None if self.parent_has(job) => std::mem::take(&mut fresh),
            None => Vec::new(),
        };
        for mut finding in fresh {
            if !self.findings.contains_key(&finding.fingerprint) {
                finding.commit = Some(self.commit_metadata(job.commit));
                self.findings.insert(finding.fingerprint.clone(), finding);
            }
        }
        // What the blob holds at the path it was first read at decides whether
        // it is settled; a copy at another path leaves that unchanged.
        let first_path =
            first_read || self.unaccounted.get(&change.blob).is_some_and(|(path, _)| *path == change.path);
        if !first_path {
            return;
        }
        if inherited.is_empty() {
            self.unaccounted.remove(&change.blob);
        } else {
            self.unaccounted.insert(change.blob, (change.path.clone(), inherited));
        }
    }

    /// A blob read before at another path, scanned again at `job`'s path.
    fn rescan(&self, job: &Job) -> Vec<Finding> {
        let Ok(mut blob) = self.repo.find_blob(job.change.blob) else { return Vec::new() };
        let data = blob.take_data();
        let text = String::from_utf8_lossy(&data);
        let commit = self.order[job.commit].to_hex().to_string();
        self.scanner.scan_text(&job.change.path, &text, Some(&commit))
    }

    /// True when the first parent's tree holds `job`'s blob, at any path.
    fn parent_has(&mut self, job: &Job) -> bool {
        let Some(tree) = job.parent_tree else { return false };
        if self.parent_blobs.as_ref().is_none_or(|(commit, _)| *commit != job.commit) {
            let mut blobs = HashSet::new();
            // An unreadable tree holds nothing known: the secret counts as new.
            let _ = tree_blobs(self.repo, tree, &mut blobs);
            self.parent_blobs = Some((job.commit, blobs));
        }
        self.parent_blobs.as_ref().is_some_and(|(_, blobs)| blobs.contains(&job.change.blob))
    }

    /// The fingerprints of the secrets in an earlier version of a file.
    fn fingerprints(&self, path: &str, blob: ObjectId) -> HashSet<String> {
        let Ok(mut blob) = self.repo.find_blob(blob) else { return HashSet::new() };
        let data = blob.take_data();
        let text = String::from_utf8_lossy(&data);
        self.scanner.scan_text(path, &text, None).into_iter().map(|f| f.fingerprint).collect()
    }

    fn commit_metadata(&mut self, index: usize) -> Commit {
        let (repo, id) = (self.repo, self.order[index]);
        self.metadata.entry(index).or_insert_with(|| describe(repo, id)).clone()
    }
}

/// A commit as findings show it: author, author date (RFC 3339, in the
/// author's offset) and the summary line.
fn describe(repo: &gix::Repository, id: ObjectId) -> Commit {
    let mut described = Commit {
        id: id.to_hex().to_string(),
        author: String::new(),
        email: String::new(),
        date: String::new(),
        summary: String::new(),
    };
    let Ok(commit) = repo.find_commit(id) else { return described };
    if let Ok(author) = commit.author() {
        let author = author.trim();
        described.author = author.name.to_string();
        described.email = author.email.to_string();
        described.date = match author.time() {
            Ok(time) => time
                .format(gix::date::time::format::ISO8601_STRICT)
                .unwrap_or_else(|_| author.time.to_string()),
            Err(_) => author.time.to_string(),
        };
    }
    described.summary = match commit.message() {
        Ok(message) => message.summary().to_string(),
        Err(_) => commit.message_raw_sloppy().to_string().lines().next().unwrap_or("").to_string(),
    };
    described
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checksum::base62;
    use crate::Engine;
    use std::process::Command;

    /// A GitHub token with a valid checksum, built from its random part so that
    /// this file holds no token itself.
    fn token(random: &str) -> String {
        assert_eq!(random.len(), 30);
        format!("ghp_{random}{}", base62(crc32fast::hash(random.as_bytes()), 6))
    }

    fn first_token() -> String {
        token("R7nQ2xWk9LmP4sTv8YbZ3cHd6FgJ1a")
    }

    fn second_token() -> String {
        token("Zk3Xw9Qp7Rt2Mv5Ln8Bc4Hj6Df1Gs0")
    }

    fn scanner() -> Scanner {
        Scanner::new(Engine::builtin(), false)
    }

    /// A repository made with the `git` command line, isolated from the
    /// machine's configuration, with fixed identities and dates.
    struct Fixture {
        dir: tempfile::TempDir,
    }

    impl Fixture {
        fn new() -> Fixture {
            let fixture = Fixture { dir: tempfile::tempdir().expect("temp dir") };
            fixture.git(&["init", "-q", "-b", "main"]);
            fixture
        }

        fn path(&self) -> &Path {
            self.dir.path()
        }

        fn git_in(dir: &Path, args: &[&str], author: (&str, &str), date: &str) -> String {
            let output = Command::new("git")
                .current_dir(dir)
                .args(["-c", "user.name=Committer", "-c", "user.email=committer@example.com"])
                .args(["-c", "commit.gpgsign=false", "-c", "protocol.file.allow=always"])
                .args(args)
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("GIT_CONFIG_GLOBAL", "/dev/null")
                .env("GIT_AUTHOR_NAME", author.0)
                .env("GIT_AUTHOR_EMAIL", author.1)
                .env("GIT_AUTHOR_DATE", date)
                .env("GIT_COMMITTER_DATE", date)
                .output()
                .expect("the git command line runs");
            assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
            String::from_utf8_lossy(&output.stdout).trim().to_string()
        }

        fn git(&self, args: &[&str]) -> String {
            Fixture::git_in(self.path(), args, ("Alice", "alice@example.com"), "2021-01-01T00:00:00+00:00")
        }

        fn write(&self, path: &str, contents: impl AsRef<[u8]>) {
            let full = self.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, contents).unwrap();
        }

        /// Commits everything; returns the new commit's id.
        fn commit(&self, message: &str, author: (&str, &str), date: &str) -> String {
            Fixture::git_in(self.path(), &["add", "-A"], author, date);
            Fixture::git_in(self.path(), &["commit", "-q", "--allow-empty", "-m", message], author, date);
            self.git(&["rev-parse", "HEAD"])
        }
    }

    const ALICE: (&str, &str) = ("Alice", "alice@example.com");
    const BOB: (&str, &str) = ("Bob", "bob@example.com");

    fn scan(dir: &Path, range: Option<&str>) -> HistoryScan {
        let options = HistoryOptions { range: range.map(String::from), ..HistoryOptions::default() };
        scan_history(dir, &options, &scanner()).expect("history scan")
    }

    fn commits_of(scan: &HistoryScan) -> Vec<(&str, &str, &str)> {
        scan.findings
            .iter()
            .map(|f| {
                let commit = f.commit.as_ref().expect("history findings name their commit");
                (f.location.path.as_str(), f.rule_id.as_str(), commit.id.as_str())
            })
            .collect()
    }

    #[test]
    fn history_reports_a_secret_once_at_the_commit_that_added_it() {
        let repo = Fixture::new();
        let first = format!("APP=demo\nGITHUB_TOKEN={}\n", first_token());
        repo.write("config/.env", &first);
        repo.write("README.md", "demo\n");
        let c1 = repo.commit("Add configuration\n\nWith a token.", ALICE, "2021-03-04T05:06:07+02:00");
        let second = format!("{first}DEBUG=1\n");
        repo.write("config/.env", &second);
        let c2 = repo.commit("Turn debugging on", BOB, "2021-03-05T10:00:00-05:00");
        assert_ne!(c1, c2);

        let scan = scan(repo.path(), None);
        assert_eq!(scan.commits_scanned, 2);
        assert_eq!(scan.blobs_scanned, 3, "two versions of .env and the README");
        assert_eq!(commits_of(&scan), vec![("config/.env", "SEC040", c1.as_str())]);
        let finding = &scan.findings[0];
        let commit = finding.commit.as_ref().unwrap();
        assert_eq!(commit.author, "Alice");
        assert_eq!(commit.email, "alice@example.com");
        assert_eq!(commit.date, "2021-03-04T05:06:07+02:00");
        assert_eq!(commit.summary, "Add configuration");
        assert_eq!(finding.location.start_line, 2);
        assert!(!finding.message.contains(&first_token()), "the secret stays redacted");
        // The same secret found in the working tree has the same fingerprint.
        let worktree = scanner().scan_bytes("config/.env", second.as_bytes());
        assert_eq!(worktree.findings.len(), 1);
        assert_eq!(worktree.findings[0].fingerprint, finding.fingerprint);
    }

    #[test]
    fn history_reports_secrets_of_deleted_files_at_the_commit_that_added_them() {
        let repo = Fixture::new();
        repo.write("keep.txt", "nothing here\n");
        let c1 = repo.commit("Start", ALICE, "2021-01-01T00:00:00+00:00");
        repo.write("deploy/token.txt", format!("token: {}\n", first_token()));
        let c2 = repo.commit("Add deploy token", BOB, "2021-01-02T00:00:00+00:00");
        std::fs::remove_file(repo.path().join("deploy/token.txt")).unwrap();
        let c3 = repo.commit("Remove the token", ALICE, "2021-01-03T00:00:00+00:00");

        let scan = scan(repo.path(), None);
        assert_eq!(scan.commits_scanned, 3);
        assert_eq!(commits_of(&scan), vec![("deploy/token.txt", "SEC040", c2.as_str())]);
        assert!(![c1, c3].contains(&scan.findings[0].commit.as_ref().unwrap().id));
        assert_eq!(scan.findings[0].commit.as_ref().unwrap().author, "Bob");
        // The last commit alone holds no secret.
        let last = scan_history(
            repo.path(),
            &HistoryOptions { range: Some("HEAD~1..HEAD".into()), ..HistoryOptions::default() },
            &scanner(),
        )
        .unwrap();
        assert_eq!(last.commits_scanned, 1);
        assert!(last.findings.is_empty(), "{:?}", last.findings);
    }

    #[test]
    fn history_attributes_a_secret_from_a_merged_branch_to_the_branch_commit() {
        let repo = Fixture::new();
        repo.write("app.py", "print('hello')\n");
        let base = repo.commit("Start", ALICE, "2021-01-01T00:00:00+00:00");
        repo.git(&["checkout", "-q", "-b", "feature"]);
        repo.write("ci/settings.yml", format!("github_token: {}\n", second_token()));
        let branch = repo.commit("Configure CI", BOB, "2021-01-02T00:00:00+00:00");
        repo.git(&["checkout", "-q", "main"]);
        repo.write("app.py", "print('hello, world')\n");
        let main = repo.commit("Greet the world", ALICE, "2021-01-03T00:00:00+00:00");
        Fixture::git_in(
            repo.path(),
            &["merge", "-q", "--no-ff", "-m", "Merge feature", "feature"],
            ALICE,
            "2021-01-04T00:00:00+00:00",
        );
        let merge = repo.git(&["rev-parse", "HEAD"]);
        assert!(![&base, &main].contains(&&merge));

        let scan = scan(repo.path(), None);
        assert_eq!(scan.commits_scanned, 4);
        assert_eq!(commits_of(&scan), vec![("ci/settings.yml", "SEC040", branch.as_str())]);
        assert_eq!(scan.findings[0].commit.as_ref().unwrap().summary, "Configure CI");
        // Before the merge, main never held it.
        assert!(scan_history(
            repo.path(),
            &HistoryOptions { range: Some(main.clone()), ..HistoryOptions::default() },
            &scanner()
        )
        .unwrap()
        .findings
        .is_empty());
        // `main..feature` is the branch's own commits.
        let branch_only = scan_history(
            repo.path(),
            &HistoryOptions { range: Some(format!("{main}..feature")), ..HistoryOptions::default() },
            &scanner(),
        )
        .unwrap();
        assert_eq!(branch_only.commits_scanned, 1);
        assert_eq!(commits_of(&branch_only), vec![("ci/settings.yml", "SEC040", branch.as_str())]);
    }

    #[test]
    fn a_range_reports_only_the_secrets_its_commits_introduced() {
        let repo = Fixture::new();
        let old = format!("GITHUB_TOKEN={}\n", first_token());
        repo.write(".env", &old);
        let c1 = repo.commit("Add the token", ALICE, "2021-01-01T00:00:00+00:00");
        repo.git(&["tag", "-a", "-m", "release 1.0", "v1.0"]);
        // Changed, still holding the old secret; then renamed, unchanged.
        repo.write(".env", format!("{old}MODE=production\n"));
        repo.commit("Production mode", BOB, "2021-01-02T00:00:00+00:00");
        repo.git(&["mv", ".env", "app.env"]);
        repo.commit("Rename the environment file", BOB, "2021-01-03T00:00:00+00:00");
        repo.write("notes.txt", format!("ci uses {}\n", second_token()));
        let c4 = repo.commit("Notes", ALICE, "2021-01-04T00:00:00+00:00");

        let recent = scan(repo.path(), Some("v1.0..HEAD"));
        assert_eq!(recent.commits_scanned, 3);
        assert_eq!(commits_of(&recent), vec![("notes.txt", "SEC040", c4.as_str())]);

        // The whole history has both, each at the commit that added it (the
        // rename keeps the first at its first path).
        let all = scan(repo.path(), None);
        assert_eq!(all.commits_scanned, 4);
        assert_eq!(
            commits_of(&all),
            vec![(".env", "SEC040", c1.as_str()), ("notes.txt", "SEC040", c4.as_str())]
        );

        // Taken out, then put back inside the range: introduced again.
        repo.write("app.env", "MODE=production\n");
        repo.commit("Drop the token", ALICE, "2021-01-05T00:00:00+00:00");
        repo.write("app.env", format!("{old}MODE=production\n"));
        let c6 = repo.commit("Oops", BOB, "2021-01-06T00:00:00+00:00");
        let again = scan(repo.path(), Some("v1.0..HEAD"));
        assert_eq!(
            commits_of(&again),
            vec![("app.env", "SEC040", c6.as_str()), ("notes.txt", "SEC040", c4.as_str())]
        );
        // A single revision: everything reachable from it.
        let upto = scan(repo.path(), Some("v1.0"));
        assert_eq!(upto.commits_scanned, 1);
        assert_eq!(commits_of(&upto), vec![(".env", "SEC040", c1.as_str())]);
    }

    #[test]
    fn binary_and_oversized_blobs_are_not_scanned() {
        let repo = Fixture::new();
        let mut binary = b"\x00\x01\x02 ".to_vec();
        binary.extend_from_slice(first_token().as_bytes());
        repo.write("assets/blob.txt", &binary);
        repo.write("big.txt", format!("{}\n{}\n", "x".repeat(300), first_token()));
        repo.write("dist/bundle.zip", "PK not really");
        repo.write("small.txt", format!("t={}\n", second_token()));
        let c1 = repo.commit("Add files", ALICE, "2021-01-01T00:00:00+00:00");

        let options = HistoryOptions { range: None, max_blob_size: 200 };
        let scan = scan_history(repo.path(), &options, &scanner()).unwrap();
        assert_eq!(commits_of(&scan), vec![("small.txt", "SEC040", c1.as_str())]);
        assert_eq!(scan.blobs_scanned, 1);
        let short = &c1[..SHORT_ID];
        let skipped: Vec<&str> = scan.skipped.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(skipped, vec![format!("{short}:big.txt"), format!("{short}:dist/bundle.zip")]);
        assert!(scan.skipped[0].reason.contains("size limit"), "{:?}", scan.skipped);
        // With room for it, the large file is read.
        let roomy = scan_history(repo.path(), &HistoryOptions::default(), &scanner()).unwrap();
        assert_eq!(roomy.findings.len(), 2);
        assert_eq!(roomy.findings[0].location.path, "big.txt");
    }

    #[test]
    fn bare_and_shallow_clones_can_be_scanned() {
        let repo = Fixture::new();
        repo.write("a.txt", format!("{}\n", first_token()));
        let c1 = repo.commit("One", ALICE, "2021-01-01T00:00:00+00:00");
        repo.write("b.txt", format!("{}\n", second_token()));
        let c2 = repo.commit("Two", BOB, "2021-01-02T00:00:00+00:00");
        let clones = tempfile::tempdir().unwrap();
        let source = format!("file://{}", repo.path().display());

        Fixture::git_in(
            clones.path(),
            &["clone", "-q", "--bare", &source, "bare.git"],
            ALICE,
            "2021-01-03T00:00:00Z",
        );
        let bare = scan(&clones.path().join("bare.git"), None);
        assert_eq!(
            commits_of(&bare),
            vec![("a.txt", "SEC040", c1.as_str()), ("b.txt", "SEC040", c2.as_str())]
        );

        Fixture::git_in(
            clones.path(),
            &["clone", "-q", "--depth", "1", &source, "shallow"],
            ALICE,
            "2021-01-03T00:00:00Z",
        );
        let shallow = scan(&clones.path().join("shallow"), None);
        assert_eq!(shallow.commits_scanned, 1);
        assert_eq!(
            commits_of(&shallow),
            vec![("a.txt", "SEC040", c2.as_str()), ("b.txt", "SEC040", c2.as_str())]
        );
        assert_eq!(shallow.skipped.len(), 1);
        assert_eq!(shallow.skipped[0].path, &c2[..SHORT_ID]);
        assert!(shallow.skipped[0].reason.contains("shallow"));
    }

    #[test]
    fn a_directory_that_is_not_a_repository_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let error = scan_history(dir.path(), &HistoryOptions::default(), &scanner()).unwrap_err();
        assert!(error.contains("not a git repository"), "{error}");
        assert!(error.contains(&dir.path().display().to_string()), "{error}");

        let repo = Fixture::new();
        let empty = scan(repo.path(), None);
        assert_eq!(empty.commits_scanned, 0, "a repository without commits has no history");
        repo.write("a.txt", "a\n");
        repo.commit("One", ALICE, "2021-01-01T00:00:00+00:00");
        let error = scan_history(
            repo.path(),
            &HistoryOptions { range: Some("no-such-branch..HEAD".into()), ..HistoryOptions::default() },
            &scanner(),
        )
        .unwrap_err();
        assert!(error.contains("no-such-branch"), "{error}");
    }

    #[test]
    fn commits_are_ordered_parents_first_then_by_time() {
        let id = |n: u8| ObjectId::from_bytes_or_panic(&[n; 20]);
        // 3 is older than its parent 2 (clock skew) and must still follow it.
        let nodes =
            vec![(id(3), vec![id(2)], 5), (id(2), vec![id(1)], 20), (id(1), vec![], 10), (id(4), vec![], 1)];
        assert_eq!(topological(nodes), vec![id(4), id(1), id(2), id(3)]);
    }
}
