//! Command-line arguments. Names here are a contract with users' scripts:
//! extend, never rename.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "bosun", version, about = "Automates the Kubernetes and cloud-native security checklist")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files and directories (or `-` for stdin) for security problems.
    Scan(Box<ScanArgs>),
    /// List the rules, or show one rule's documentation.
    Rules(RulesArgs),
    /// Version tools: how an ecosystem orders two versions.
    #[command(subcommand)]
    Version(VersionCommand),
    /// The vulnerability database: download, import, inspect and query OSV advisories.
    #[command(subcommand)]
    Db(DbCommand),
    /// Write a software bill of materials for the packages found under PATH
    /// (lockfiles, manifests, OS package databases).
    Sbom(SbomArgs),
    /// Scan a container image: its OS and language packages, secrets in every
    /// layer (deleted files included) and its configuration.
    Image(Box<ImageArgs>),
    /// Run the admission webhook: an HTTPS server that reviews Kubernetes
    /// objects with the same rules as `bosun scan` (docs/admission.md).
    Serve(Box<ServeArgs>),
    /// Custom Rego policies: run their own tests.
    #[command(subcommand)]
    Policy(PolicyCommand),
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Run every `test_*` rule of the policies under PATH (like `opa test`),
    /// print each result, and exit 1 when one fails.
    Test(PolicyTestArgs),
}

#[derive(Debug, Args)]
pub struct PolicyTestArgs {
    /// Policy files or directories.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailurePolicy {
    /// The API server denies requests it cannot get a review for.
    Fail,
    /// The API server allows them.
    Ignore,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, value_name = "ADDR:PORT", default_value = "0.0.0.0:8443")]
    pub listen: String,

    /// PEM certificate chain to serve (read again when the file changes).
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// PEM private key of --tls-cert (read again when the file changes).
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// Create a development CA and a serving certificate for --host names, and
    /// print the CA bundle (base64) for the webhook configuration's `caBundle`.
    #[arg(long, conflicts_with_all = ["tls_cert", "tls_key"])]
    pub self_signed: bool,

    /// A DNS name or IP address the --self-signed certificate is for. Repeatable.
    /// Default: bosun-webhook.bosun.svc (and .cluster.local), localhost, 127.0.0.1.
    #[arg(long = "host", value_name = "NAME")]
    pub hosts: Vec<String>,

    /// Configuration file (its `[admission]` table: modes, exemptions, image policy).
    /// Default: `bosun.toml` found by walking up from the current directory.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Ignore any `bosun.toml`.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,

    /// Custom policies, as for `bosun scan --policy`: evaluated on every review,
    /// `deny`/`violation` denying, `warn` warning, Gatekeeper `dryrun` only logged.
    #[arg(long = "policy", value_name = "PATH")]
    pub policies: Vec<PathBuf>,

    /// Print the Kubernetes manifests of a ready deployment and exit.
    #[arg(long)]
    pub print_manifests: bool,

    /// Namespace of the printed deployment.
    #[arg(long, value_name = "NAME", default_value = "bosun", requires = "print_manifests")]
    pub namespace: String,

    /// Image of the printed deployment (pin it by digest).
    #[arg(long, value_name = "IMAGE", requires = "print_manifests")]
    pub image: Option<String>,

    /// What the API server does when the webhook cannot answer.
    #[arg(long, value_enum, default_value = "fail", requires = "print_manifests")]
    pub failure_policy: FailurePolicy,

    /// The webhook's timeout in the printed configuration, in seconds (1-30).
    #[arg(long, value_name = "SECONDS", default_value = "5", value_parser = clap::value_parser!(u32).range(1..=30), requires = "print_manifests")]
    pub timeout: u32,

    /// CA (PEM) for the printed configuration's `caBundle`, with the serving
    /// certificate in Secret `bosun-webhook-tls`. Default: cert-manager issues
    /// the certificate and injects the CA.
    #[arg(long, value_name = "FILE", requires = "print_manifests")]
    pub ca_bundle: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImageArgs {
    /// The image: `oci:DIR` (OCI layout), `docker-archive:FILE.tar` (`docker save`),
    /// `oci-archive:FILE.tar`, or a registry reference `HOST[:PORT]/REPO[:TAG|@sha256:...]`.
    pub reference: String,

    #[command(flatten)]
    pub registry: RegistryArgs,

    #[command(flatten)]
    pub common: CommonScanArgs,
}

/// How to reach an image: which platform, which registries, which credentials.
#[derive(Debug, Clone, Args)]
pub struct RegistryArgs {
    /// The platform to pick from a multi-platform image: OS/ARCH[/VARIANT].
    #[arg(long, value_name = "OS/ARCH", default_value = "linux/amd64")]
    pub platform: String,

    /// Allow plain HTTP or unverified HTTPS to this registry (HOST, any port, or HOST:PORT). Repeatable.
    #[arg(long, value_name = "HOST")]
    pub insecure_registry: Vec<String>,

    /// Registry user name (else credentials come from `auths` in the Docker config file;
    /// credential helpers are not run). The password comes from `--password`,
    /// `--password-stdin` or `BOSUN_REGISTRY_PASSWORD`.
    #[arg(long, value_name = "NAME")]
    pub username: Option<String>,

    /// Registry password or token. Prefer `--password-stdin` or `BOSUN_REGISTRY_PASSWORD`:
    /// command lines are visible to other users.
    #[arg(long, value_name = "SECRET", group = "password_source")]
    pub password: Option<String>,

    /// Read the registry password from stdin.
    #[arg(long, group = "password_source")]
    pub password_stdin: bool,

    /// Trust this PEM CA certificate for registry TLS, as well as the built-in public
    /// (Mozilla) roots. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub registry_ca: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Download the OSV exports (`<ecosystem>/all.zip`) and import them.
    Update(DbUpdateArgs),
    /// Import OSV data from a directory of `<ecosystem>/all.zip`, one zip, or a
    /// directory of OSV JSON files, without touching the network.
    Import(DbImportArgs),
    /// Show the database's source, snapshot time, counts per ecosystem and digest.
    Status(DbStatusArgs),
    /// List the advisories that affect one package version.
    Query(DbQueryArgs),
}

/// Where the database lives.
#[derive(Debug, Args)]
pub struct DbLocation {
    /// Database file. Default: `bosun/osv.db` in the user cache directory
    /// (`$BOSUN_CACHE_DIR`, else `$XDG_CACHE_HOME`, else `~/.cache`).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DbUpdateArgs {
    /// Where to get the exports: a base URL (`<URL>/<ecosystem>/all.zip`), a
    /// directory, or one zip. Default: osv.dev's public bucket.
    #[arg(long, value_name = "URL|DIR|ZIP")]
    pub source: Option<String>,
    /// Only these ecosystems (comma-separated OSV names). Default: every
    /// ecosystem bosun reads packages for.
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub ecosystems: Vec<String>,
    #[command(flatten)]
    pub location: DbLocation,
    /// No progress output.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct DbImportArgs {
    /// A directory of `<ecosystem>/all.zip`, one zip, or a directory of OSV JSON files.
    pub path: PathBuf,
    /// Only these ecosystems (comma-separated OSV names).
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub ecosystems: Vec<String>,
    #[command(flatten)]
    pub location: DbLocation,
    /// No progress output.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DbFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct DbStatusArgs {
    #[command(flatten)]
    pub location: DbLocation,
    #[arg(long, value_enum, default_value = "table")]
    pub format: DbFormat,
}

#[derive(Debug, Args)]
pub struct DbQueryArgs {
    /// OSV ecosystem name (`PyPI`, `npm`, `Go`, `crates.io`, `Alpine:v3.11`, ...).
    pub ecosystem: String,
    pub name: String,
    pub version: String,
    #[command(flatten)]
    pub location: DbLocation,
    #[arg(long, value_enum, default_value = "table")]
    pub format: DbFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SbomFormat {
    /// CycloneDX 1.5 JSON.
    Cyclonedx,
    /// SPDX 2.3 JSON.
    Spdx,
}

#[derive(Debug, Args)]
pub struct SbomArgs {
    /// Directories or files to inventory, or one image (`oci:DIR`,
    /// `docker-archive:FILE`, `oci-archive:FILE`, or a registry reference).
    /// Default: the current directory.
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "cyclonedx")]
    pub format: SbomFormat,
    /// Write the document here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Do not read paths matching this glob. Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// No notes on stderr.
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub registry: RegistryArgs,
}

#[derive(Debug, Subcommand)]
pub enum VersionCommand {
    /// Print `<`, `=` or `>` for A compared with B under ECOSYSTEM's ordering (OSV
    /// names: npm, PyPI, Maven, Go, crates.io, RubyGems, NuGet, Packagist,
    /// Debian:12, Alpine:v3.20, Red Hat, ...). Without A and B, reads
    /// `ECOSYSTEM<TAB>A<TAB>B` lines on stdin and answers one line each.
    Compare(CompareArgs),
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The ecosystem whose ordering applies (needed with A and B).
    pub ecosystem: Option<String>,
    pub a: Option<String>,
    pub b: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What stdin (or an oddly named file) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputKindArg {
    /// Decide from the file name and content.
    Auto,
    Dockerfile,
    /// Kubernetes objects or a docker-compose file (YAML or JSON).
    Yaml,
    Kubernetes,
    Compose,
    /// A CloudFormation template (YAML or JSON).
    Cloudformation,
    /// One Terraform file.
    Terraform,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files and directories to scan; `-` reads stdin. Default: the current directory.
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub common: CommonScanArgs,

    /// Custom policies: a `.rego` file (conftest-style `deny`/`violation`/`warn`), a
    /// Gatekeeper ConstraintTemplate or Constraint YAML, or a directory of them.
    /// Repeatable; adds to `policies` in `bosun.toml` (docs/policies.md).
    #[arg(long = "policy", value_name = "PATH")]
    pub policies: Vec<PathBuf>,

    /// What stdin (or a file given by name) holds.
    #[arg(long, value_enum, default_value = "auto")]
    pub kind: InputKindArg,

    /// Terraform variable values from this file, like `terraform -var-file` (repeatable;
    /// applies to every root module scanned, after `terraform.tfvars` and `*.auto.tfvars`).
    #[arg(long = "var-file", value_name = "FILE")]
    pub var_files: Vec<PathBuf>,

    /// A Terraform variable value, like `terraform -var NAME=VALUE` (repeatable; wins over files).
    #[arg(long = "var", value_name = "NAME=VALUE")]
    pub vars: Vec<String>,

    /// Scan the git history of the target repository for secrets instead of its
    /// files: every commit reachable from HEAD, or `--history=RANGE` (`v1.0..HEAD`,
    /// `main..feature`, or one revision and its ancestors).
    #[arg(long, value_name = "RANGE", num_args = 0..=1, require_equals = true, default_missing_value = "HEAD")]
    pub history: Option<String>,
}

/// The flags `bosun scan` and `bosun image` share: reports, rule choice,
/// configuration, secrets and the vulnerability database.
#[derive(Debug, Clone, Args)]
pub struct CommonScanArgs {
    /// Report format, optionally with a file: `table`, `json`, `sarif`, `junit`, `checklist`,
    /// e.g. `--format sarif:out.sarif --format table`. Repeat for several reports.
    #[arg(short, long = "format", value_name = "FORMAT[:FILE]")]
    pub formats: Vec<String>,

    /// Write the report(s) that name no file of their own here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Report only these severities (comma-separated: CRITICAL,HIGH,MEDIUM,LOW,INFO).
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub severity: Vec<String>,

    /// Exit with 1 when a finding at or above this severity remains.
    #[arg(long, value_name = "SEVERITY")]
    pub fail_on: Option<String>,

    /// Run only these rules: ids, names, aliases, id prefixes or domains (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// Skip these rules: ids, names, aliases, id prefixes or domains (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Scanner families to run (comma-separated). Available: misconfig, secret, vuln. Default: all.
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub scanners: Vec<String>,

    /// Do not scan paths matching this glob (relative to the scanned directory, e.g.
    /// `tests/fixtures/**`). Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Configuration file. Default: `bosun.toml` found by walking up from the first target.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Ignore any `bosun.toml`.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,

    /// Colour in the table report.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,

    /// No notes on stderr; only reports and errors.
    #[arg(short, long)]
    pub quiet: bool,

    /// Skip (and report) files larger than this many bytes. Default: 10 MiB.
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,

    /// Show secrets in full in every report (they are masked by default).
    #[arg(long)]
    pub show_secrets: bool,

    /// Read secret rules and allowlists from a gitleaks-format TOML file (see
    /// docs/secrets-config.md).
    #[arg(long, value_name = "FILE")]
    pub secrets_config: Option<PathBuf>,

    /// Never touch the network. (scan only reads the local vulnerability
    /// database; this makes that a promise.)
    #[arg(long)]
    pub offline: bool,

    /// Vulnerability database file (see `bosun db status`).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A rule id, name or alias: print its documentation.
    pub rule: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: RulesFormat,
}
