//! The build info the Go toolchain embeds in every executable since Go 1.13:
//! a 32-byte header starting `\xff Go buildinf:`, then the toolchain version
//! and the module information `go version -m` prints (`path`, `mod`, `dep`,
//! `=>` replacement and `build` lines).
//!
//! The header is found by scanning the file for its magic at 16-byte aligned
//! offsets (where the linker puts it) rather than by section name: that works
//! alike for ELF, Mach-O and PE, and for stripped binaries. Go 1.18 and later
//! write the two strings inline after the header (a flag says so); older
//! toolchains wrote pointers to Go string headers, which are followed through
//! the file's segments with the `object` crate.
//!
//! The main module is reported when it has a real version (Go 1.24 stamps one
//! from version control; `(devel)` is none). The toolchain is reported as
//! `stdlib`, the name OSV gives Go's standard library. A module replaced by a
//! local directory is left out, as in `go.mod`: its code is not a published
//! version. Versions lose Go's `v` prefix, as OSV writes them.

use super::super::{FileInventory, Package};
use object::{Object, ObjectSegment};

const MAGIC: &[u8] = b"\xff Go buildinf:";
const HEADER_LEN: usize = 32;
/// The module information of a large program is tens of kilobytes.
const MAX_STRING: u64 = 4 << 20;

/// The packages of a Go executable, `None` when `bytes` holds no Go build info.
pub fn read(path: &str, bytes: &[u8]) -> Result<Option<FileInventory>, String> {
    let mut last_error = None;
    for offset in (0..bytes.len().saturating_sub(HEADER_LEN)).step_by(16) {
        if !bytes[offset..].starts_with(MAGIC) {
            continue;
        }
        // The magic may also appear as data (the Go toolchain's own
        // `debug/buildinfo` holds it): a header that does not parse is skipped.
        match build_info(bytes, offset) {
            Ok((toolchain, modinfo)) => return Ok(Some(packages(path, &toolchain, &modinfo))),
            Err(error) => last_error = Some(error),
        }
    }
    match last_error {
        Some(error) => Err(format!("Go build info: {error}")),
        None => Ok(None),
    }
}

/// The toolchain version and module information of the header at `offset`.
fn build_info(bytes: &[u8], offset: usize) -> Result<(String, String), String> {
    // Both strings stay bytes until the sentinels around the module
    // information, which are not UTF-8, are cut off.
    let header = &bytes[offset..offset + HEADER_LEN];
    let pointer_size = header[14] as usize;
    let flags = header[15];
    let big_endian = flags & 1 != 0;
    let (toolchain, modinfo) = if flags & 2 != 0 {
        let mut rest = &bytes[offset + HEADER_LEN..];
        let toolchain = varint_string(&mut rest)?;
        let modinfo = varint_string(&mut rest)?;
        (toolchain, modinfo)
    } else {
        if pointer_size != 4 && pointer_size != 8 {
            return Err(format!("pointer size {pointer_size} is neither 4 nor 8"));
        }
        let file = object::File::parse(bytes).map_err(|e| format!("not a readable executable: {e}"))?;
        let memory = Memory { file: &file, pointer_size, big_endian };
        let toolchain = memory.go_string(memory.pointer(&header[16..])?)?;
        let modinfo = memory.go_string(memory.pointer(&header[16 + pointer_size..])?)?;
        (toolchain, modinfo)
    };
    let toolchain = String::from_utf8_lossy(&toolchain).into_owned();
    if !toolchain.starts_with("go") && !toolchain.starts_with("devel") {
        return Err(format!("{:?} is not a Go version", truncated(&toolchain)));
    }
    Ok((toolchain, strip_sentinels(&modinfo)))
}

/// A string written as a varint length and its bytes (Go 1.18 and later).
fn varint_string(rest: &mut &[u8]) -> Result<Vec<u8>, String> {
    let mut length: u64 = 0;
    let mut shift = 0;
    loop {
        let (&byte, tail) = rest.split_first().ok_or("truncated length")?;
        *rest = tail;
        if shift > 63 {
            return Err("overlong length".to_string());
        }
        length |= u64::from(byte & 0x7f) << shift;
        shift += 7;
        if byte & 0x80 == 0 {
            break;
        }
    }
    if length > MAX_STRING || length as usize > rest.len() {
        return Err(format!("a string of {length} bytes does not fit"));
    }
    let (string, tail) = rest.split_at(length as usize);
    *rest = tail;
    Ok(string.to_vec())
}

/// `cmd/go` wraps the module information in 16-byte sentinels; without them
/// (a binary built outside module mode) there is none.
fn strip_sentinels(bytes: &[u8]) -> String {
    if bytes.len() >= 33 && bytes[bytes.len() - 17] == b'\n' {
        String::from_utf8_lossy(&bytes[16..bytes.len() - 16]).into_owned()
    } else {
        String::new()
    }
}

/// The program's memory image, as its segments lay it out, for the pointer
/// format of Go before 1.18.
struct Memory<'a> {
    file: &'a object::File<'a>,
    pointer_size: usize,
    big_endian: bool,
}

impl Memory<'_> {
    fn pointer(&self, bytes: &[u8]) -> Result<u64, String> {
        let bytes = bytes.get(..self.pointer_size).ok_or("truncated pointer")?;
        let mut value: u64 = 0;
        for index in 0..self.pointer_size {
            let byte = if self.big_endian { bytes[index] } else { bytes[self.pointer_size - 1 - index] };
            value = value << 8 | u64::from(byte);
        }
        Ok(value)
    }

    fn at(&self, address: u64, length: u64) -> Result<&[u8], String> {
        for segment in self.file.segments() {
            let start = segment.address();
            if address < start || address >= start.saturating_add(segment.size()) {
                continue;
            }
            let data = segment.data().map_err(|e| format!("unreadable segment: {e}"))?;
            let from = (address - start) as usize;
            return data
                .get(from..from.saturating_add(length as usize))
                .ok_or_else(|| format!("{length} bytes at {address:#x} are outside the file"));
        }
        Err(format!("address {address:#x} is in no segment"))
    }

    /// A Go string header (data pointer, length) at `address`, and its bytes.
    fn go_string(&self, address: u64) -> Result<Vec<u8>, String> {
        let header = self.at(address, 2 * self.pointer_size as u64)?;
        let data = self.pointer(header)?;
        let length = self.pointer(&header[self.pointer_size..])?;
        if length > MAX_STRING {
            return Err(format!("a string of {length} bytes"));
        }
        Ok(self.at(data, length)?.to_vec())
    }
}

fn packages(path: &str, toolchain: &str, modinfo: &str) -> FileInventory {
    let mut inventory = FileInventory::default();
    // `go1.22.1 X:boringcrypto`: the version is the first word; `devel …`
    // toolchains are no release.
    if let Some(version) = toolchain.split_whitespace().next().and_then(|v| v.strip_prefix("go")) {
        inventory.packages.push(Package::new("Go", "stdlib", version, path, 1));
    }
    let mut modules: Vec<(String, String)> = Vec::new();
    for line in modinfo.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["mod" | "dep", module, version, ..] => modules.push((module.to_string(), version.to_string())),
            ["=>", module, version, ..] => {
                let Some(replaced) = modules.last_mut() else { continue };
                if version.is_empty() || *version == "(devel)" {
                    inventory.notes.push(format!("{} is replaced by local directory {module}", replaced.0));
                    modules.pop();
                } else {
                    *replaced = (module.to_string(), version.to_string());
                }
            }
            _ => {}
        }
    }
    for (module, version) in modules {
        if version == "(devel)" || version.is_empty() {
            inventory.notes.push(format!("{module} has no version ({version:?})"));
            continue;
        }
        let version = version.strip_prefix('v').unwrap_or(&version);
        inventory.packages.push(Package::new("Go", &module, version, path, 1));
    }
    inventory
}

fn truncated(text: &str) -> String {
    text.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Go 1.18+ header with `toolchain` and `modinfo` inline.
    fn inline_blob(toolchain: &str, modinfo: &[u8]) -> Vec<u8> {
        let mut blob = vec![0u8; 64];
        let mut bytes = MAGIC.to_vec();
        bytes.extend([8, 2]);
        bytes.resize(HEADER_LEN, 0);
        for string in [toolchain.as_bytes(), modinfo] {
            let mut length = string.len();
            while length >= 0x80 {
                bytes.push((length as u8 & 0x7f) | 0x80);
                length >>= 7;
            }
            bytes.push(length as u8);
            bytes.extend(string);
        }
        blob.extend(bytes);
        blob
    }

    /// `modinfo` between the sentinels `cmd/go` writes, which are not UTF-8.
    fn wrapped(modinfo: &str) -> Vec<u8> {
        let start = b"0w\xaf\x0c\x92t\x08\x02A\xe1\xc1\x07\xe6\xd6\x18\xe6";
        let end = b"\xf92C1\x86\x18 r\x00\x82B\x10A\x16\xd8\xf2";
        [&start[..], modinfo.as_bytes(), b"\n", &end[..]].concat()
    }

    fn names(inventory: &FileInventory) -> Vec<String> {
        inventory.packages.iter().map(|p| format!("{}@{}", p.name, p.version)).collect()
    }

    #[test]
    fn real_binary_from_go_1_19() {
        // `go build -ldflags='-s -w'` of a module requiring example.com/greet
        // v1.2.3 replaced by ./greet, reduced to its .go.buildinfo section
        // with `objcopy --only-section`.
        let elf = include_bytes!("../../../tests/fixtures/installed/go-hello.elf");
        let inventory = read("usr/bin/hello", elf).unwrap().unwrap();
        assert_eq!(names(&inventory), ["stdlib@1.19.8"], "{:?}", inventory.notes);
        assert!(inventory
            .notes
            .iter()
            .any(|n| n.contains("example.com/greet is replaced by local directory")));
        assert!(inventory.notes.iter().any(|n| n.contains("example.com/hello has no version")));
    }

    #[test]
    fn dependencies_and_versioned_replacements() {
        let modinfo = "path\texample.com/app\nmod\texample.com/app\tv1.4.0\th1:x=\n\
            dep\tgolang.org/x/text\tv0.3.7\th1:y=\n\
            dep\tgithub.com/old/pkg\tv1.0.0\n=>\tgithub.com/new/pkg\tv1.0.1\th1:z=\n\
            build\tGOOS=linux\n";
        let blob = inline_blob("go1.22.1 X:boringcrypto", &wrapped(modinfo));
        let inventory = read("app", &blob).unwrap().unwrap();
        assert_eq!(
            names(&inventory),
            ["stdlib@1.22.1", "example.com/app@1.4.0", "golang.org/x/text@0.3.7", "github.com/new/pkg@1.0.1"]
        );
        assert_eq!(inventory.packages[2].purl, "pkg:golang/golang.org/x/text@0.3.7");
    }

    /// A minimal ELF executable (one loadable segment at 0x400000) holding
    /// build info in the pointer format of Go 1.13 to 1.17, laid out as its
    /// linker does: header, two Go string headers, then the strings.
    fn pointer_format_elf(toolchain: &str, modinfo: &[u8]) -> Vec<u8> {
        const BASE: u64 = 0x40_0000;
        let total = (192 + toolchain.len() + modinfo.len()) as u64;
        let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
        elf.extend(2u16.to_le_bytes()); // executable
        elf.extend(62u16.to_le_bytes()); // x86-64
        elf.extend(1u32.to_le_bytes());
        elf.extend(BASE.to_le_bytes()); // entry
        elf.extend(64u64.to_le_bytes()); // program headers
        elf.extend(0u64.to_le_bytes()); // no section headers
        elf.extend(0u32.to_le_bytes());
        for half in [64u16, 56, 1, 64, 0, 0] {
            elf.extend(half.to_le_bytes());
        }
        elf.extend(1u32.to_le_bytes()); // PT_LOAD
        elf.extend(4u32.to_le_bytes());
        for word in [0, BASE, BASE, total, total, 0x1000] {
            elf.extend(word.to_le_bytes());
        }
        elf.resize(128, 0);
        elf.extend(MAGIC);
        elf.extend([8, 0]);
        elf.extend((BASE + 160).to_le_bytes());
        elf.extend((BASE + 176).to_le_bytes());
        let modinfo_at = 192 + toolchain.len() as u64;
        for (at, length) in [(192, toolchain.len()), (modinfo_at, modinfo.len())] {
            elf.extend((BASE + at).to_le_bytes());
            elf.extend((length as u64).to_le_bytes());
        }
        elf.extend(toolchain.as_bytes());
        elf.extend(modinfo);
        elf
    }

    #[test]
    fn pointer_format_before_go_1_18() {
        let modinfo = "path\texample.com/tool\nmod\texample.com/tool\t(devel)\t\n\
            dep\tgithub.com/pkg/errors\tv0.9.1\th1:x=\n";
        let elf = pointer_format_elf("go1.16.15", &wrapped(modinfo));
        assert!(object::File::parse(&elf[..]).is_ok());
        let inventory = read("usr/bin/tool", &elf).unwrap().unwrap();
        assert_eq!(names(&inventory), ["stdlib@1.16.15", "github.com/pkg/errors@0.9.1"]);
        // A string header pointing past the segment.
        let mut broken = elf.clone();
        broken[176 + 8] = 0xff;
        assert!(read("usr/bin/tool", &broken).unwrap_err().contains("outside the file"));
    }

    #[test]
    fn no_magic_is_no_build_info() {
        assert!(read("x", b"\x7fELF plain C program").unwrap().is_none());
    }

    #[test]
    fn hostile_headers_are_errors() {
        let mut blob = inline_blob("go1.20", b"");
        let at = blob.len() - 1 - "go1.20".len() - 1;
        blob[at] = 0xff; // the toolchain string's length now runs past the end
        assert!(read("x", &blob).unwrap_err().contains("does not fit"));
        let mut endless = inline_blob("", b"");
        endless.truncate(64 + HEADER_LEN);
        endless.extend([0xff; 20]);
        assert!(read("x", &endless).is_err());
        // The pointer format in something that is no executable.
        let mut pointers = vec![0u8; 16];
        pointers.extend(MAGIC);
        pointers.extend([8, 0]);
        pointers.resize(16 + HEADER_LEN + 16, 0x41);
        assert!(read("x", &pointers).unwrap_err().contains("not a readable executable"));
        assert!(read("x", &inline_blob("not go", b"")).unwrap_err().contains("not a Go version"));
    }
}
