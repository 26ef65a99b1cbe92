//! `bosun serve`: the admission webhook. The decisions are bosun-admission's
//! (the Kubernetes rules of `bosun scan`, modes, exemptions, image policy),
//! the HTTPS server is bosun-server's; this module reads the configuration,
//! chooses the certificate and writes one decision-log line per review to
//! stdout.

pub mod manifests;

use crate::cli::{FailurePolicy, ServeArgs};
use crate::exit;
use base64::Engine as _;
use bosun_admission::{Admission, AdmissionConfig};
use bosun_core::config::Config;
use bosun_server::tls::{ReloadingResolver, SelfSigned};
use bosun_server::{Endpoint, Reply, Reviewer, ServerOptions};
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

pub fn run(args: ServeArgs) -> i32 {
    match serve(&args) {
        Ok(()) => exit::CLEAN,
        Err(message) => {
            eprintln!("bosun serve: {message}");
            exit::USAGE
        }
    }
}

fn serve(args: &ServeArgs) -> Result<(), String> {
    if args.print_manifests {
        return print_manifests(args);
    }
    let (config, admission_config) = load_config(args)?;
    let policies = crate::policies::load(&args.policies, &config, false)?;
    let max_body_bytes = admission_config.limits.max_body_bytes;
    let admission = Admission::new(admission_config, config).map_err(|e| e.to_string())?;
    let resolver = match (&args.tls_cert, &args.tls_key, args.self_signed) {
        (Some(cert), Some(key), false) => ReloadingResolver::from_files(cert, key)?,
        (None, None, true) => {
            let generated = SelfSigned::generate(&self_signed_hosts(args))?;
            // stdout: a script can take the bundle (`caBundle: ...`) while logs follow.
            let bundle = base64::engine::general_purpose::STANDARD.encode(&generated.ca_pem);
            println!("caBundle: {bundle}");
            ReloadingResolver::fixed(generated.certified_key()?)
        }
        _ => {
            return Err("give --tls-cert and --tls-key, or --self-signed for a development certificate".into())
        }
    };
    let listen = args.listen.parse().map_err(|e| format!("--listen {}: {e}", args.listen))?;
    let options = ServerOptions { listen, max_body_bytes, reload_interval: Duration::from_secs(10) };
    let running =
        bosun_server::start(&options, Arc::new(resolver), Arc::new(Webhook { admission, policies }))?;
    eprintln!("bosun serve: listening on https://{}", running.addr);
    running.wait();
    Ok(())
}

/// `bosun.toml` (flag, else discovered from the working directory) and its `[admission]` table.
fn load_config(args: &ServeArgs) -> Result<(Config, AdmissionConfig), String> {
    let path = if args.no_config {
        None
    } else {
        args.config.clone().or_else(|| Config::discover(std::path::Path::new(".")))
    };
    let mut config = match &path {
        Some(path) => Config::load(path).map_err(|e| e.to_string())?,
        None => Config::default(),
    };
    let admission = match config.admission.take() {
        Some(table) => table.try_into().map_err(|e| {
            let shown = path.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
            format!("{shown}: [admission]: {e}")
        })?,
        None => AdmissionConfig::default(),
    };
    Ok((config, admission))
}

fn self_signed_hosts(args: &ServeArgs) -> Vec<String> {
    if !args.hosts.is_empty() {
        return args.hosts.clone();
    }
    ["bosun-webhook.bosun.svc", "bosun-webhook.bosun.svc.cluster.local", "localhost", "127.0.0.1"]
        .map(String::from)
        .to_vec()
}

fn print_manifests(args: &ServeArgs) -> Result<(), String> {
    let ca_bundle_pem = match &args.ca_bundle {
        Some(path) => Some(std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?),
        None => None,
    };
    let defaults = manifests::ManifestOptions::default();
    let options = manifests::ManifestOptions {
        namespace: args.namespace.clone(),
        image: args.image.clone().unwrap_or(defaults.image),
        failure_policy: match args.failure_policy {
            FailurePolicy::Fail => "Fail".into(),
            FailurePolicy::Ignore => "Ignore".into(),
        },
        timeout_seconds: args.timeout,
        ca_bundle_pem,
        tls_secret: defaults.tls_secret,
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(manifests::render(&options).as_bytes());
    Ok(())
}

/// The reviewer the server calls: bosun-admission's decision, custom
/// policies on top, and the log line.
struct Webhook {
    admission: Admission,
    policies: Option<Arc<bosun_policy::PolicySet>>,
}

impl Webhook {
    /// Adds the custom policies' verdict to a validation: `deny`/`violation`
    /// (Gatekeeper `deny`) deny, `warn` warns, `dryrun` is only logged — the
    /// same three modes as the built-in rules.
    fn apply_policies(&self, body: &[u8], outcome: &mut bosun_admission::Outcome) {
        let Some(policies) = &self.policies else { return };
        if outcome.log.mode == "skipped" || outcome.log.mode == "exempt" {
            return;
        }
        let review = serde_json::from_slice::<serde_json::Value>(body)
            .map_err(|e| e.to_string())
            .and_then(|value| bosun_policy::Review::from_admission_request(&value["request"]));
        let evaluated =
            review.and_then(|review| policies.evaluate_review(&review).map_err(|e| e.to_string()));
        let violations = match evaluated {
            Ok(violations) => violations,
            // A policy that cannot be evaluated denies nothing but is logged.
            Err(e) => {
                outcome.log.reason = Some(format!("custom policies not evaluated: {e}"));
                return;
            }
        };
        let Some(response) = outcome.review.response.as_mut() else { return };
        let mut denials = Vec::new();
        for violation in &violations {
            let id = violation.origin.id();
            outcome.log.rule_ids.push(id.clone());
            let line = format!("{id}: {}", violation.message);
            match violation.enforcement {
                bosun_policy::Enforcement::Deny => denials.push(line),
                bosun_policy::Enforcement::Warn => response.warnings.push(line),
                bosun_policy::Enforcement::Audit => {}
            }
        }
        if denials.is_empty() {
            return;
        }
        response.allowed = false;
        outcome.log.allowed = false;
        let status = response.status.get_or_insert_with(|| bosun_admission::review::Status {
            status: "Failure".into(),
            reason: "Forbidden".into(),
            code: 403,
            message: "bosun denied the request: custom policies".into(),
            ..Default::default()
        });
        for line in denials {
            status.message.push_str(&format!("\n- {line}"));
        }
    }
}

impl Reviewer for Webhook {
    fn review(&self, endpoint: Endpoint, body: &[u8]) -> Reply {
        let outcome = match endpoint {
            Endpoint::Validate => self.admission.validate(body),
            Endpoint::Mutate => self.admission.mutate(body),
        };
        match outcome {
            Ok(mut outcome) => {
                if endpoint == Endpoint::Validate {
                    self.apply_policies(body, &mut outcome);
                }
                let line = outcome.log.to_line();
                let mut stdout = std::io::stdout().lock();
                let _ = writeln!(stdout, "{line}");
                let allowed = outcome.response().allowed;
                Reply {
                    status: 200,
                    body: outcome.body(),
                    outcome: if allowed { "allowed" } else { "denied" },
                }
            }
            Err(error) => {
                let body = serde_json::json!({"error": error.to_string()}).to_string().into_bytes();
                Reply { status: error.http_status(), body, outcome: "bad_request" }
            }
        }
    }
}
