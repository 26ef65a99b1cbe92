//! The image's final file tree: layers applied in order with whiteouts and
//! opaque directories, each path remembering the layer that last wrote it.
//!
//! Files a later layer deleted are kept in a separate list, because their
//! bytes are still in the image and anyone who pulls it can read them: that is
//! where leaked secrets hide. Only the tree's metadata is kept in memory;
//! contents are read while the layers stream. Links are recorded as written,
//! never resolved, so a path written through a symlinked directory stays
//! under the name the layer used.

use crate::digest::Digest;
use crate::layers::{stream_layers, EntryInfo, EntryKind, LayerVisitor, Refusal};
use crate::source::Image;
use crate::Limits;
use std::collections::BTreeMap;
use std::io::Read;

/// A path of the final tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileNode {
    /// The layer that last wrote this path; its digest is [`FileTree::layer_digest`].
    pub layer: usize,
    pub size: u64,
    pub kind: EntryKind,
}

/// A regular file that a later layer removed (whiteout, opaque directory, or
/// replacement by a non-directory of a parent path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletedFile {
    pub path: String,
    /// The layer that wrote it.
    pub layer: usize,
    pub layer_digest: Digest,
    pub size: u64,
    /// The layer that deleted it.
    pub deleted_by: usize,
}

#[derive(Debug, Clone, Default)]
pub struct FileTree {
    nodes: BTreeMap<String, FileNode>,
    layer_digests: Vec<Digest>,
    deleted: Vec<DeletedFile>,
    refused: Vec<Refusal>,
}

impl FileTree {
    pub fn get(&self, path: &str) -> Option<&FileNode> {
        self.nodes.get(path)
    }

    /// Paths in sorted order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &FileNode)> {
        self.nodes.iter().map(|(p, n)| (p.as_str(), n))
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The digest of layer `layer`, for reports that name where a file came from.
    pub fn layer_digest(&self, layer: usize) -> Option<&Digest> {
        self.layer_digests.get(layer)
    }

    pub fn deleted(&self) -> &[DeletedFile] {
        &self.deleted
    }

    /// Entries the layer reader skipped as hostile or unusable.
    pub fn refused(&self) -> &[Refusal] {
        &self.refused
    }
}

/// Builds a [`FileTree`] from entries given in layer order; usable as a
/// visitor on its own or fed by a visitor that also scans contents.
#[derive(Debug, Default)]
pub struct SquashBuilder {
    tree: FileTree,
}

impl SquashBuilder {
    pub fn new() -> Self {
        SquashBuilder::default()
    }

    /// A builder that knows every layer's digest up front, including layers
    /// that turn out to have no entries.
    pub fn for_image(image: &Image) -> Self {
        let layer_digests = image.layers.iter().map(|l| l.digest.clone()).collect();
        SquashBuilder { tree: FileTree { layer_digests, ..FileTree::default() } }
    }

    pub fn apply(&mut self, entry: &EntryInfo<'_>) {
        let layer = entry.layer;
        while self.tree.layer_digests.len() <= layer {
            self.tree.layer_digests.push(entry.layer_digest.clone());
        }
        self.tree.layer_digests[layer] = entry.layer_digest.clone();
        match &entry.kind {
            // Whiteouts reach only lower layers: a file the same layer adds stays.
            EntryKind::Whiteout => {
                self.remove(&entry.path, true, |n| n.layer < layer, layer);
            }
            EntryKind::OpaqueDir => {
                self.remove(&entry.path, false, |n| n.layer < layer, layer);
            }
            kind => {
                if *kind != EntryKind::Dir {
                    self.remove(&entry.path, false, |_| true, layer);
                }
                self.replace_file_ancestors(&entry.path, layer);
                let node = FileNode { layer, size: entry.size, kind: kind.clone() };
                self.tree.nodes.insert(entry.path.clone(), node);
            }
        }
    }

    pub fn finish(self) -> FileTree {
        self.tree
    }

    /// Removes the descendants of `path` (and `path` itself if `with_self`)
    /// that `hit` selects, remembering deleted regular files.
    fn remove(&mut self, path: &str, with_self: bool, hit: impl Fn(&FileNode) -> bool, by: usize) {
        let prefix = if path.is_empty() { String::new() } else { format!("{path}/") };
        let mut doomed: Vec<String> = self
            .tree
            .nodes
            .range(prefix.clone()..)
            .take_while(|(p, _)| p.starts_with(&prefix))
            .filter(|(_, n)| hit(n))
            .map(|(p, _)| p.clone())
            .collect();
        if with_self && self.tree.nodes.get(path).is_some_and(&hit) {
            doomed.push(path.to_string());
        }
        for p in doomed {
            if let Some(node) = self.tree.nodes.remove(&p) {
                self.note_deleted(p, node, by);
            }
        }
    }

    /// A file where a directory is now needed was replaced by that directory.
    fn replace_file_ancestors(&mut self, path: &str, by: usize) {
        let mut end = 0;
        while let Some(slash) = path[end..].find('/') {
            end += slash;
            let ancestor = &path[..end];
            if self
                .tree
                .nodes
                .get(ancestor)
                .is_some_and(|n| matches!(n.kind, EntryKind::File | EntryKind::Other))
            {
                if let Some(node) = self.tree.nodes.remove(ancestor) {
                    self.note_deleted(ancestor.to_string(), node, by);
                }
            }
            end += 1;
        }
    }

    fn note_deleted(&mut self, path: String, node: FileNode, by: usize) {
        if node.kind == EntryKind::File && node.layer < by {
            let layer_digest = self.tree.layer_digests[node.layer].clone();
            self.tree.deleted.push(DeletedFile {
                path,
                layer: node.layer,
                layer_digest,
                size: node.size,
                deleted_by: by,
            });
        }
    }
}

impl LayerVisitor for SquashBuilder {
    fn entry(&mut self, info: &EntryInfo<'_>, _contents: Option<&mut dyn Read>) -> Result<(), String> {
        self.apply(info);
        Ok(())
    }

    fn refused(&mut self, refusal: Refusal) {
        self.tree.refused.push(refusal);
    }
}

/// Streams every layer of `image` only to build its file tree.
pub fn squash(image: &Image, limits: &Limits) -> Result<FileTree, String> {
    let mut builder = SquashBuilder::for_image(image);
    stream_layers(image, limits, &mut builder)?;
    Ok(builder.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(b: &mut SquashBuilder, digests: &[Digest], layer: usize, path: &str, kind: EntryKind) {
        let info =
            EntryInfo { path: path.into(), layer, layer_digest: &digests[layer], kind, size: 3, mode: 0o644 };
        b.apply(&info);
    }

    #[test]
    fn a_file_replacing_a_directory_deletes_its_contents() {
        let digests = [Digest::of(b"0"), Digest::of(b"1")];
        let mut b = SquashBuilder::new();
        apply(&mut b, &digests, 0, "etc", EntryKind::Dir);
        apply(&mut b, &digests, 0, "etc/key", EntryKind::File);
        apply(&mut b, &digests, 1, "etc", EntryKind::File);
        apply(&mut b, &digests, 1, "etc2", EntryKind::File);
        apply(&mut b, &digests, 1, "etc2/x", EntryKind::File);
        let tree = b.finish();
        assert_eq!(tree.get("etc").map(|n| (n.layer, &n.kind)), Some((1, &EntryKind::File)));
        assert!(tree.get("etc/key").is_none());
        assert_eq!(tree.deleted().len(), 1, "etc2 was written and replaced in the same layer");
        assert_eq!((tree.deleted()[0].path.as_str(), tree.deleted()[0].deleted_by), ("etc/key", 1));
        assert!(tree.get("etc2").is_none() && tree.get("etc2/x").is_some());
    }

    #[test]
    fn a_whiteout_spares_its_own_layer() {
        let digests = [Digest::of(b"0"), Digest::of(b"1")];
        let mut b = SquashBuilder::new();
        apply(&mut b, &digests, 0, "a", EntryKind::File);
        apply(&mut b, &digests, 1, "a", EntryKind::File);
        apply(&mut b, &digests, 1, "a", EntryKind::Whiteout);
        let tree = b.finish();
        assert_eq!(tree.get("a").map(|n| n.layer), Some(1));
        assert!(tree.deleted().is_empty(), "the lower a was overwritten, not deleted");
    }
}
