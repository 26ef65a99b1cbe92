//! Development chores. `cargo run -p xtask -- docs` regenerates `docs/rules/`
//! from the rules' metadata.

use std::path::Path;

fn main() {
    let task = std::env::args().nth(1).unwrap_or_default();
    match task.as_str() {
        "docs" => write_docs(),
        _ => {
            eprintln!("usage: cargo run -p xtask -- docs");
            std::process::exit(2);
        }
    }
}

fn write_docs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("remove stale docs/rules");
    }
    std::fs::create_dir_all(&dir).expect("create docs/rules");
    let pages = bosun::rules_cmd::doc_pages();
    for (name, text) in &pages {
        std::fs::write(dir.join(name), text).expect("write a rule page");
    }
    println!("wrote {} pages to docs/rules/", pages.len());
}
