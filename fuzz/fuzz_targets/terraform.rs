//! Arbitrary bytes through the Terraform evaluator and the plan reader. Any
//! panic, hang, stack overflow or runaway allocation is a bug: broken HCL must
//! end in a `FileError`, and limits hit in notes and unknown values.
//!
//! The input is split on NUL bytes into a root module's `main.tf`, a local
//! module's `main.tf` (called as `./mod`), `terraform.tfvars` and `main.tf.json`.
//! The whole input is also read as a plan.
//!
//! Run with `cargo +nightly fuzz run terraform`.

#![no_main]

use bosun_misconfig::cloud::terraform::{self, MemFiles, Options};
use bosun_misconfig::cloud::{Attr, Value};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fn walk(attr: &Attr, files: usize, depth: usize) {
    assert!(attr.span.start_line <= attr.span.end_line);
    assert!((attr.file as usize) < files.max(1));
    assert!(depth < 10_000);
    match &attr.value {
        Value::List(items) => items.iter().for_each(|i| walk(i, files, depth + 1)),
        Value::Object(entries) => entries.iter().for_each(|(_, v)| walk(v, files, depth + 1)),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\0');
    let names = ["root/main.tf", "root/mod/main.tf", "root/terraform.tfvars", "root/main.tf.json"];
    let mut files = MemFiles::new();
    for name in names {
        if let Some(part) = parts.next() {
            files.add(name, part);
        }
    }
    let options = Options { var_files: Vec::new(), vars: vec![("x".into(), "[1, {a = 2}]".into())] };
    let loaded = terraform::load_module_dir(&files, Path::new("root"), &options);
    let count = loaded.deployment.files.len();
    assert!(loaded.deployment.resources.len() <= terraform::limits::RESOURCES);
    for resource in &loaded.deployment.resources {
        assert!((resource.file as usize) < count);
        walk(&resource.body, count, 0);
    }
    for error in &loaded.errors {
        assert!(!error.message.is_empty());
    }
    if let Ok(deployment) = terraform::load_plan("plan.json", &text) {
        for resource in &deployment.resources {
            walk(&resource.body, 1, 0);
        }
    }
    terraform::looks_like_plan(&text);
});
