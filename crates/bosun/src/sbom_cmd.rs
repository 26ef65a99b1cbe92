//! `bosun sbom`: being written (issue 5).

use crate::cli::SbomArgs;

pub fn run(args: SbomArgs) -> i32 {
    let _ = args;
    eprintln!("error: bosun sbom is not available yet");
    crate::exit::USAGE
}
