//! Arbitrary bytes as an rpm header blob and as an rpm package database
//! (Berkeley DB hash or ndb; sqlite files are sqlite's own parsing, fuzzed
//! upstream), in a tree with a Rocky Linux os-release. Any panic, hang or
//! runaway allocation is a bug: a broken header or database must end in an
//! `Err` or a note, and every package read must be one a report can show.
//!
//! Run with `cargo +nightly fuzz run rpm_header`.

#![no_main]

use bosun_vuln::inventory::rpm::{
    self,
    header::{Header, Tag},
};
use bosun_vuln::inventory::Files;
use libfuzzer_sys::fuzz_target;

struct Tree;

impl Files for Tree {
    fn read(&self, path: &str) -> Option<String> {
        (path == "etc/os-release")
            .then(|| "ID=\"rocky\"\nVERSION_ID=\"9.3\"\nNAME=\"Rocky Linux\"\n".to_string())
    }
}

const TAGS: [Tag; 8] =
    [Tag::Name, Tag::Version, Tag::Release, Tag::Epoch, Tag::Vendor, Tag::License, Tag::Arch, Tag::SourceRpm];

fuzz_target!(|data: &[u8]| {
    if let Ok(header) = Header::parse(data) {
        for tag in TAGS {
            let _ = header.string(tag);
            let _ = header.int32(tag);
        }
    }
    for path in ["var/lib/rpm/Packages", "usr/lib/sysimage/rpm/Packages.db"] {
        let Ok(inventory) = rpm::read(path, data, &Tree) else { continue };
        for package in &inventory.packages {
            assert!(!package.name.trim().is_empty() && !package.version.trim().is_empty(), "{package:?}");
            assert_eq!(package.ecosystem, "Rocky Linux:9");
            assert!(package.purl.starts_with("pkg:rpm/rocky/"), "{}", package.purl);
            assert!(package.source_name.as_deref().is_some_and(|s| !s.is_empty()), "{package:?}");
            assert_eq!(package.path, path);
        }
        assert!(inventory.packages.windows(2).all(|w| w[0].name <= w[1].name));
    }
});
