use bosun::cli::{Cli, Command};
use clap::Parser;

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Scan(args) => bosun::scan::run(*args),
        Command::Rules(args) => bosun::rules_cmd::run(args),
        Command::Version(command) => bosun::version_cmd::run(command),
        Command::Db(command) => bosun::db_cmd::run(command),
        Command::Sbom(args) => bosun::sbom_cmd::run(args),
        Command::Image(args) => bosun::image::run(*args),
        Command::Serve(args) => bosun::serve::run(*args),
        Command::Policy(command) => bosun::policies::run(command),
    };
    std::process::exit(code);
}
