//! `bosun db`: being written (issue 5).

use crate::cli::DbCommand;

pub fn run(command: DbCommand) -> i32 {
    let _ = command;
    eprintln!("error: bosun db is not available yet");
    crate::exit::USAGE
}
