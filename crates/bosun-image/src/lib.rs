//! Container image access for scanning, without a Docker daemon and without
//! unpacking anything to disk.
//!
//! The data flow: [`source`] opens an image (OCI layout, `docker save` tarball,
//! OCI archive, or a registry reference pulled into a blob cache) into its
//! parsed config and ordered layers; [`layers`] streams each layer's tar once,
//! refusing hostile entries; [`mod@squash`] folds those entries into the final
//! file tree with whiteouts applied, remembering files a later layer deleted.
//! Every blob is checked against its sha256 digest and every size is bounded
//! by [`Limits`], because an image is untrusted input.

pub mod config;
pub mod digest;
pub mod layers;
pub mod source;
pub mod squash;
mod zstd;

pub use config::ImageConfig;
pub use layers::{stream_layers, EntryInfo, EntryKind, LayerVisitor, Refusal};
pub use source::registry::{BlobKind, Credentials, ProgressHook, PullProgress, Reference, RegistryOptions};
pub use source::{Image, ImageSource, Layer, OpenOptions, Platform};
pub use squash::{squash, DeletedFile, FileNode, FileTree, SquashBuilder};

/// Bounds on everything an image can make us read or inflate.
///
/// The defaults fit real images (multi-gigabyte CUDA layers included) while
/// stopping decompression bombs and endless archives; tests shrink them.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest manifest, index or config blob (JSON read into memory).
    pub max_json_bytes: u64,
    /// Largest layer blob as stored (compressed).
    pub max_layer_bytes: u64,
    /// Most bytes one layer may inflate to (tar headers and padding included).
    pub max_layer_unpacked: u64,
    /// Most bytes all layers of one image may inflate to together.
    pub max_image_unpacked: u64,
    /// Largest single entry a layer may declare.
    pub max_entry_bytes: u64,
    /// Most tar entries over all layers of one image.
    pub max_entries: u64,
    /// Most layers an image may have.
    pub max_layers: usize,
    /// Most members an outer archive (`docker save`, OCI archive) may have.
    pub max_archive_members: usize,
}

impl Default for Limits {
    fn default() -> Self {
        const GIB: u64 = 1 << 30;
        Limits {
            max_json_bytes: 16 << 20,
            max_layer_bytes: 16 * GIB,
            max_layer_unpacked: 32 * GIB,
            max_image_unpacked: 64 * GIB,
            max_entry_bytes: 8 * GIB,
            max_entries: 4_000_000,
            max_layers: 1_000,
            max_archive_members: 200_000,
        }
    }
}
