//! Arbitrary bytes through the Dockerfile parser and the helpers rules call on
//! its output. Any panic, hang or runaway allocation is a bug: the parser must
//! answer hostile input with a `ParseError`.
//!
//! Run with `cargo +nightly fuzz run dockerfile -- -dict=dockerfile.dict`.

#![no_main]

use bosun_syntax::dockerfile::{self, shell, vars, ImageRef};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The helpers are public too, and take strings straight from files.
    shell::commands(&text);
    ImageRef::parse(&text);
    vars::expand(&text, &|name| Some(name.repeat(2)));

    let Ok(file) = dockerfile::parse(&text) else { return };
    assert!(!file.stages.is_empty());
    for instruction in &file.instructions {
        assert!(instruction.span.start_line >= 1);
        assert!(instruction.span.start_line <= instruction.span.end_line);
        instruction.words();
        instruction.key_values();
        shell::commands(&instruction.script());
    }
    for stage in &file.stages {
        assert!(!file.stage_instructions(stage).is_empty());
        stage.base.has_variable();
    }
});
