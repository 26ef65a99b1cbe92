//! The decision log: one JSON line per review, for `kubectl logs` and log
//! pipelines. Who asked, what for, which rules fired in which mode, and the outcome.

use crate::config::Mode;
use crate::review::AdmissionRequest;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionLog {
    /// RFC 3339, UTC.
    pub time: String,
    /// `validate` or `mutate`.
    pub endpoint: &'static str,
    pub uid: String,
    pub user: String,
    pub groups: Vec<String>,
    pub operation: &'static str,
    /// `group/version/Kind`, `v1/Pod` for the core group.
    pub kind: String,
    pub namespace: String,
    pub name: String,
    pub allowed: bool,
    /// The strongest mode that acted: `enforce` (denied), `warn`, `audit`, or
    /// `exempt`, `skipped` and `none` when no rule acted.
    pub mode: &'static str,
    /// Why the request was exempt or skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub rule_ids: Vec<String>,
    pub violations: Vec<LoggedViolation>,
    /// Dry-run requests are decided like any other; this marks them so that
    /// counts and alerts built on the log can leave them out.
    pub dry_run: bool,
    /// Operations in the JSON Patch (`mutate` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patch_operations: Option<usize>,
    pub duration_us: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoggedViolation {
    pub rule_id: String,
    pub mode: Mode,
    pub field: String,
    /// Already in `oldObject` with an unchanged pod template: not denied.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub already_present: bool,
}

impl DecisionLog {
    pub fn for_request(endpoint: &'static str, request: &AdmissionRequest) -> Self {
        let kind = &request.kind;
        let kind = if kind.group.is_empty() {
            format!("{}/{}", kind.version, kind.kind)
        } else {
            format!("{}/{}/{}", kind.group, kind.version, kind.kind)
        };
        DecisionLog {
            time: jiff::Timestamp::now().to_string(),
            endpoint,
            uid: request.uid.clone(),
            user: request.user_info.username.clone(),
            groups: request.user_info.groups.clone(),
            operation: request.operation.as_str(),
            kind,
            namespace: request.namespace.clone(),
            name: request.name.clone(),
            allowed: true,
            mode: "none",
            reason: None,
            rule_ids: Vec::new(),
            violations: Vec::new(),
            dry_run: request.is_dry_run(),
            patch_operations: None,
            duration_us: 0,
        }
    }

    /// The line to write, without the newline.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!(r#"{{"error":"decision log: {e}"}}"#))
    }
}
