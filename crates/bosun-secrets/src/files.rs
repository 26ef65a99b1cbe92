//! Which files the secret scanner reads, and how. Media, fonts and compiled
//! objects hold no readable credentials and are passed over quietly; archives
//! are reported as skipped (their contents are not unpacked here); minified
//! bundles are read with the provider rules only.

/// File name endings (lower case) of formats with no text to scan.
const OPAQUE: &[&str] = &[
    // images
    ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".ico", ".icns", ".webp", ".tif", ".tiff", ".psd", ".heic",
    ".avif", // fonts
    ".woff", ".woff2", ".ttf", ".otf", ".eot", // audio and video
    ".mp3", ".mp4", ".m4a", ".m4v", ".mov", ".avi", ".mkv", ".webm", ".wav", ".flac", ".ogg", ".opus",
    // compiled code and data
    ".exe", ".dll", ".so", ".dylib", ".a", ".o", ".obj", ".lib", ".class", ".pyc", ".pyo", ".wasm", ".bin",
    ".dat", ".db", ".sqlite", ".sqlite3", ".parquet", ".avro", ".orc", ".onnx", ".pt", ".pkl", ".npy",
    ".npz", ".h5", // documents
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp",
];

/// Archives and packages: containers of other files.
const ARCHIVES: &[&str] = &[
    ".zip", ".tar", ".tgz", ".tar.gz", ".gz", ".bz2", ".tbz2", ".xz", ".txz", ".zst", ".7z", ".rar", ".jar",
    ".war", ".ear", ".whl", ".egg", ".nupkg", ".gem", ".deb", ".rpm", ".apk", ".aab", ".ipa", ".crate",
    ".iso", ".dmg", ".img", ".qcow2", ".vmdk",
];

/// What to do with a file, decided from its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Disposition {
    Scan,
    /// Not text; not worth a line in the report.
    Ignore,
    /// Worth telling the user it was not read.
    Skip(String),
}

pub fn disposition(path: &str) -> Disposition {
    let lower = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    if OPAQUE.iter().any(|ext| lower.ends_with(ext)) {
        return Disposition::Ignore;
    }
    if ARCHIVES.iter().any(|ext| lower.ends_with(ext)) {
        return Disposition::Skip("archive: the secret scanner does not unpack archives".into());
    }
    Disposition::Scan
}

/// True for content that is not text: a NUL byte near the start.
pub fn is_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// A minified bundle: named so, or JavaScript/CSS/JSON with very long lines.
pub fn is_minified(path: &str, text: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    if [".min.js", ".min.css", ".min.mjs", ".bundle.js", ".chunk.js", ".js.map", ".css.map"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        return true;
    }
    let code = [".js", ".mjs", ".cjs", ".css", ".json"].iter().any(|ext| lower.ends_with(ext));
    // Hand-written code rarely averages more than a few hundred characters a line.
    code && text.len() > 4096 && text.len() / (text.bytes().filter(|&b| b == b'\n').count() + 1) > 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_decide_between_scanning_ignoring_and_skipping() {
        assert_eq!(disposition("src/app.py"), Disposition::Scan);
        assert_eq!(disposition("img/Logo.PNG"), Disposition::Ignore);
        assert!(matches!(disposition("dist/app.tar.gz"), Disposition::Skip(_)));
        assert_eq!(disposition(".env"), Disposition::Scan);
    }

    #[test]
    fn minified_bundles_are_recognised_by_name_or_line_length() {
        assert!(is_minified("static/app.min.js", "x"));
        assert!(is_minified("static/app.js", &"a".repeat(10_000)));
        assert!(!is_minified("static/app.js", &"a = 1;\n".repeat(2_000)));
        assert!(!is_minified("notes.txt", &"a".repeat(10_000)));
    }
}
