//! Admission decisions for `bosun serve`, without any networking: an
//! AdmissionReview body goes in, the AdmissionReview to answer and one
//! decision-log line come out.
//!
//! The data flow, one module each: `review` (parse with limits) →
//! `exemptions` → `rules` (bosun's Kubernetes rules, via `document`) and
//! `images` (the image policy steps) → `update` (violations already present
//! before an UPDATE) → modes → response and `log`; `mutate` builds the
//! `/mutate` patch.

pub mod config;
pub mod document;
pub mod exemptions;
pub mod images;
pub mod log;
pub mod mutate;
pub mod pod;
pub mod review;
pub mod rules;
pub mod update;

pub use config::{AdmissionConfig, ConfigError, Mode};
pub use images::{ContainerImage, ImageCheck};
pub use log::DecisionLog;
pub use review::{AdmissionRequest, AdmissionResponse, AdmissionReview, ReviewError};
pub use rules::Violation;

use base64::Engine as _;
use review::Operation;
use rules::RuleEngine;
use serde_json::Value;
use std::collections::HashMap;
use std::time::Instant;

/// Warnings longer than this may be cut by the API server; ours are cut first,
/// on a character boundary.
const MAX_WARNING_CHARS: usize = 256;

/// What a review produced: the AdmissionReview to send back and the log line.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub review: AdmissionReview,
    pub log: DecisionLog,
}

impl Outcome {
    pub fn response(&self) -> &AdmissionResponse {
        self.review.response.as_ref().expect("an outcome always holds a response")
    }

    /// The HTTP response body.
    pub fn body(&self) -> Vec<u8> {
        serde_json::to_vec(&self.review).unwrap_or_default()
    }
}

/// The webhook's judgement, built once from the configuration and shared by
/// every request (it is `Send + Sync`).
pub struct Admission {
    config: AdmissionConfig,
    engine: RuleEngine,
    /// Resolved per-rule modes, by rule id.
    modes: HashMap<&'static str, Mode>,
    image_checks: Vec<Box<dyn ImageCheck>>,
}

impl Admission {
    /// `bosun` is the rest of bosun.toml: rules read their settings from it
    /// (`[kubernetes] trusted-registries`), exactly as in `bosun scan`.
    pub fn new(config: AdmissionConfig, bosun: bosun_core::config::Config) -> Result<Self, ConfigError> {
        let mut modes = HashMap::new();
        for (key, mode) in &config.rules {
            let id = rules::admission_rules()
                .find(|r| r.meta.answers_to(key))
                .map(|r| r.meta.id)
                .or_else(|| images::IMAGE_RULES.iter().find(|r| r.answers_to(key)).map(|r| r.id))
                .ok_or_else(|| {
                    ConfigError(format!("rules.{key}: no Kubernetes or image rule has this id or name"))
                })?;
            modes.insert(id, *mode);
        }
        let mode_of = |id: &str| modes.get(id).copied().unwrap_or(config.mode);
        let enabled = rules::admission_rules().filter(|r| mode_of(r.meta.id) != Mode::Off).collect();
        let engine = RuleEngine::new(enabled, bosun);
        let image_checks = images::built_in_checks(&config.images);
        Ok(Admission { config, engine, modes, image_checks })
    }

    /// Adds a step to the image policy, after the built-in ones (where image
    /// signature verification goes).
    pub fn add_image_check(&mut self, check: Box<dyn ImageCheck>) {
        self.image_checks.push(check);
    }

    pub fn config(&self) -> &AdmissionConfig {
        &self.config
    }

    pub fn mode_of(&self, rule_id: &str) -> Mode {
        self.modes.get(rule_id).copied().unwrap_or(self.config.mode)
    }

    /// `/validate`.
    pub fn validate(&self, body: &[u8]) -> Result<Outcome, ReviewError> {
        let started = Instant::now();
        let request = review::parse_request(body, &self.config.limits)?;
        let mut log = DecisionLog::for_request("validate", &request);
        let response = self.judge(&request, &mut log)?;
        Ok(finish(response, log, started))
    }

    /// `/mutate`: never denies; adds the configured defaults where unset.
    pub fn mutate(&self, body: &[u8]) -> Result<Outcome, ReviewError> {
        let started = Instant::now();
        let request = review::parse_request(body, &self.config.limits)?;
        let mut log = DecisionLog::for_request("mutate", &request);
        let mut response = AdmissionResponse::allow(&request.uid);
        if let Some(skip) = self.skip_reason(&request) {
            log.mode = skip.0;
            log.reason = Some(skip.1);
            return Ok(finish(response, log, started));
        }
        if !self.config.mutation.enabled {
            log.reason = Some("mutation is not enabled".into());
            return Ok(finish(response, log, started));
        }
        let object = required_object(&request)?;
        let Some(template) = pod::pod_template(object) else {
            return Ok(finish(response, log, started));
        };
        // Changing the template of an existing controller rolls out new pods,
        // so an UPDATE that leaves the template alone is not patched.
        if request.operation == Operation::Update && !update::template_changed(&request) {
            log.reason = Some("pod template unchanged".into());
            return Ok(finish(response, log, started));
        }
        let operations = mutate::safe_defaults(&template, &self.config.mutation);
        log.patch_operations = Some(operations.len());
        if !operations.is_empty() {
            let patch = serde_json::to_vec(&operations).map_err(|e| ReviewError::Malformed(e.to_string()))?;
            response.patch = Some(base64::engine::general_purpose::STANDARD.encode(patch));
            response.patch_type = Some("JSONPatch".into());
        }
        Ok(finish(response, log, started))
    }

    /// Requests not evaluated at all: (log mode, reason).
    fn skip_reason(&self, request: &AdmissionRequest) -> Option<(&'static str, String)> {
        if matches!(request.operation, Operation::Delete | Operation::Connect) {
            return Some(("skipped", format!("{} is not evaluated", request.operation.as_str())));
        }
        // Status writes come from controllers and cannot change a spec.
        if request.sub_resource == "status" {
            return Some(("skipped", "status subresource is not evaluated".into()));
        }
        let exempt = exemptions::exemption(&self.config.exempt, &request.namespace, request.object.as_ref());
        exempt.map(|why| ("exempt", why))
    }

    fn judge(
        &self,
        request: &AdmissionRequest,
        log: &mut DecisionLog,
    ) -> Result<AdmissionResponse, ReviewError> {
        if let Some((mode, reason)) = self.skip_reason(request) {
            log.mode = mode;
            log.reason = Some(reason);
            return Ok(AdmissionResponse::allow(&request.uid));
        }
        let object = required_object(request)?;
        let violations = self.violations(object, &request.namespace);
        let already_present = match (request.operation, &request.old_object) {
            (Operation::Update, Some(old)) if !update::template_changed(request) => {
                update::already_present(&violations, &self.violations(old, &request.namespace))
            }
            _ => vec![false; violations.len()],
        };

        let mut denied = Vec::new();
        let mut warnings = Vec::new();
        let mut strongest = Mode::Off;
        for (violation, &old) in violations.iter().zip(&already_present) {
            let mode = self.mode_of(&violation.rule_id);
            if mode == Mode::Off {
                continue;
            }
            // A violation the object already had is reported, never denied.
            let acting = if old && mode == Mode::Enforce { Mode::Warn } else { mode };
            strongest = strongest.max(acting);
            match acting {
                Mode::Enforce => denied.push(violation.describe()),
                Mode::Warn if old => {
                    warnings.push(warning(&format!("already present, not denied: {}", violation.describe())))
                }
                Mode::Warn => warnings.push(warning(&violation.describe())),
                Mode::Audit | Mode::Off => {}
            }
            if !log.rule_ids.contains(&violation.rule_id) {
                log.rule_ids.push(violation.rule_id.clone());
            }
            log.violations.push(log::LoggedViolation {
                rule_id: violation.rule_id.clone(),
                mode,
                field: violation.field.clone(),
                already_present: old,
            });
        }
        log.mode = if strongest == Mode::Off { "none" } else { strongest.as_str() };

        let mut response = if denied.is_empty() {
            AdmissionResponse::allow(&request.uid)
        } else {
            log.allowed = false;
            AdmissionResponse::deny(&request.uid, denial_message(request, object, &denied))
        };
        response.warnings = warnings;
        Ok(response)
    }

    /// bosun's rules, then the image policy, on one object.
    fn violations(&self, object: &Value, namespace: &str) -> Vec<Violation> {
        let mut found = self.engine.evaluate(object, namespace);
        if let Some(template) = pod::pod_template(object) {
            for image in images::container_images(&template) {
                for check in &self.image_checks {
                    check.check(&image, &mut found);
                }
            }
        }
        found.retain(|v| self.mode_of(&v.rule_id) != Mode::Off);
        found
    }
}

fn required_object(request: &AdmissionRequest) -> Result<&Value, ReviewError> {
    match &request.object {
        Some(object) if object.is_object() => Ok(object),
        _ => Err(ReviewError::Malformed(format!("{} request without an object", request.operation.as_str()))),
    }
}

fn finish(response: AdmissionResponse, mut log: DecisionLog, started: Instant) -> Outcome {
    log.duration_us = started.elapsed().as_micros().min(u64::MAX as u128) as u64;
    Outcome { review: response.into_review(), log }
}

fn warning(text: &str) -> String {
    match text.char_indices().nth(MAX_WARNING_CHARS - 1) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// `bosun denied Deployment shop/web: 2 rules enforced` and one line per violation.
fn denial_message(request: &AdmissionRequest, object: &Value, denied: &[String]) -> String {
    let kind = if request.kind.kind.is_empty() {
        object.get("kind").and_then(Value::as_str).unwrap_or("object").to_string()
    } else {
        request.kind.kind.clone()
    };
    let name = if request.name.is_empty() {
        object.pointer("/metadata/generateName").and_then(Value::as_str).unwrap_or("").to_string()
    } else {
        request.name.clone()
    };
    let subject = if request.namespace.is_empty() { name } else { format!("{}/{name}", request.namespace) };
    let count = if denied.len() == 1 { "1 rule".to_string() } else { format!("{} rules", denied.len()) };
    let mut message = format!("bosun denied {kind} {subject}: {count} enforced");
    for line in denied {
        message.push_str("\n- ");
        message.push_str(line);
    }
    message
}
