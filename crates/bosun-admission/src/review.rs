//! `admission.k8s.io/v1` AdmissionReview, as the API server sends and expects
//! it, and the guarded parse of a request body (size and nesting limits first,
//! then serde) whose errors a server answers with a 4xx.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

pub const API_VERSION: &str = "admission.k8s.io/v1";
pub const KIND: &str = "AdmissionReview";

/// The envelope. The API server sends `request`; we answer with `response`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmissionReview {
    pub api_version: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<AdmissionRequest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<AdmissionResponse>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
pub struct GroupVersionKind {
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
pub struct GroupVersionResource {
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub resource: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Operation {
    Create,
    Update,
    Delete,
    Connect,
}

impl Operation {
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Create => "CREATE",
            Operation::Update => "UPDATE",
            Operation::Delete => "DELETE",
            Operation::Connect => "CONNECT",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
pub struct UserInfo {
    #[serde(default)]
    pub username: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, Vec<String>>,
}

/// What is under review. Field names are the API server's.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmissionRequest {
    pub uid: String,
    pub kind: GroupVersionKind,
    pub resource: GroupVersionResource,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sub_resource: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_kind: Option<GroupVersionKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_resource: Option<GroupVersionResource>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub request_sub_resource: String,
    /// Empty on a CREATE with `generateName`.
    #[serde(default)]
    pub name: String,
    /// Empty for cluster-scoped resources.
    #[serde(default)]
    pub namespace: String,
    pub operation: Operation,
    #[serde(default)]
    pub user_info: UserInfo,
    /// `null` on DELETE.
    #[serde(default)]
    pub object: Option<Value>,
    /// Set on UPDATE (and on DELETE, the object being deleted).
    #[serde(default)]
    pub old_object: Option<Value>,
    #[serde(default)]
    pub dry_run: Option<bool>,
    /// CreateOptions, UpdateOptions or DeleteOptions.
    #[serde(default)]
    pub options: Option<Value>,
}

impl AdmissionRequest {
    pub fn is_dry_run(&self) -> bool {
        self.dry_run == Some(true)
    }
}

/// `metav1.Status`, as much of it as a webhook sets.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
pub struct Status {
    #[serde(default)]
    pub metadata: BTreeMap<String, Value>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub code: u16,
}

fn is_zero(code: &u16) -> bool {
    *code == 0
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmissionResponse {
    pub uid: String,
    pub allowed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Base64 of the JSON Patch document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patch: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patch_type: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub audit_annotations: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl AdmissionResponse {
    pub fn allow(uid: &str) -> Self {
        AdmissionResponse { uid: uid.to_string(), allowed: true, ..Default::default() }
    }

    /// A denial the way the API server shows it: `Error from server (Forbidden):
    /// admission webhook "..." denied the request: <message>`.
    pub fn deny(uid: &str, message: String) -> Self {
        let status = Status {
            status: "Failure".into(),
            message,
            reason: "Forbidden".into(),
            code: 403,
            ..Default::default()
        };
        AdmissionResponse { uid: uid.to_string(), allowed: false, status: Some(status), ..Default::default() }
    }

    /// For a server that knows the uid but could not decide (a deadline passed):
    /// answer per its configured failure mode instead of an HTTP error.
    pub fn failure(uid: &str, allowed: bool, message: &str) -> Self {
        if allowed {
            let mut response = AdmissionResponse::allow(uid);
            response.warnings.push(format!("bosun could not evaluate this request: {message}"));
            response
        } else {
            AdmissionResponse::deny(uid, format!("bosun could not evaluate this request: {message}"))
        }
    }

    /// The whole AdmissionReview to send back.
    pub fn into_review(self) -> AdmissionReview {
        AdmissionReview {
            api_version: API_VERSION.into(),
            kind: KIND.into(),
            request: None,
            response: Some(self),
        }
    }
}

/// How much of a request body is read at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct InputLimits {
    /// Bodies larger than this are refused before parsing. An UPDATE carries the
    /// object twice, and etcd stores objects up to 1.5 MiB, so 6 MiB leaves room
    /// for two of the largest objects plus the envelope.
    pub max_body_bytes: usize,
    /// Deepest nesting of JSON arrays and objects. Real objects stay well under
    /// 40; serde_json refuses beyond 128 whatever this says.
    pub max_depth: usize,
}

impl Default for InputLimits {
    fn default() -> Self {
        InputLimits { max_body_bytes: 6 * 1024 * 1024, max_depth: 64 }
    }
}

/// Why a body is not an AdmissionReview we answer. None of these has a uid to
/// answer to, so a server replies with [`ReviewError::http_status`] and the API
/// server applies the webhook's failurePolicy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewError {
    TooLarge { size: usize, limit: usize },
    TooDeep { limit: usize },
    Malformed(String),
    UnsupportedVersion { api_version: String, kind: String },
    MissingRequest,
    MissingUid,
}

impl ReviewError {
    pub fn http_status(&self) -> u16 {
        match self {
            ReviewError::TooLarge { .. } => 413,
            _ => 400,
        }
    }
}

impl std::fmt::Display for ReviewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReviewError::TooLarge { size, limit } => {
                write!(f, "request body of {size} bytes is over the limit of {limit} bytes")
            }
            ReviewError::TooDeep { limit } => write!(f, "JSON nested deeper than {limit} levels"),
            ReviewError::Malformed(message) => write!(f, "malformed AdmissionReview: {message}"),
            ReviewError::UnsupportedVersion { api_version, kind } => write!(
                f,
                "expected apiVersion {API_VERSION} kind {KIND}, got apiVersion {api_version:?} kind {kind:?}"
            ),
            ReviewError::MissingRequest => write!(f, "AdmissionReview has no request"),
            ReviewError::MissingUid => write!(f, "AdmissionReview request has no uid"),
        }
    }
}

impl std::error::Error for ReviewError {}

/// Reads an AdmissionReview request body, checking the cheap limits before any
/// allocation proportional to the document's shape.
pub fn parse_request(body: &[u8], limits: &InputLimits) -> Result<AdmissionRequest, ReviewError> {
    if body.len() > limits.max_body_bytes {
        return Err(ReviewError::TooLarge { size: body.len(), limit: limits.max_body_bytes });
    }
    if nesting_depth_exceeds(body, limits.max_depth) {
        return Err(ReviewError::TooDeep { limit: limits.max_depth });
    }
    let review: AdmissionReview =
        serde_json::from_slice(body).map_err(|e| ReviewError::Malformed(e.to_string()))?;
    if review.api_version != API_VERSION || review.kind != KIND {
        return Err(ReviewError::UnsupportedVersion { api_version: review.api_version, kind: review.kind });
    }
    let request = review.request.ok_or(ReviewError::MissingRequest)?;
    if request.uid.is_empty() {
        return Err(ReviewError::MissingUid);
    }
    Ok(request)
}

/// One pass over the bytes counting `[`/`{` outside strings. Malformed JSON is
/// left for serde to describe; this only has to be right for the depth.
fn nesting_depth_exceeds(body: &[u8], max_depth: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &byte in body {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max_depth {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_only_brackets_outside_strings() {
        assert!(!nesting_depth_exceeds(br#"{"a":"[[[[[[[[[[\"{{{{{{"}"#, 2));
        assert!(nesting_depth_exceeds(br#"{"a":[[{"b":1}]]}"#, 3));
        assert!(!nesting_depth_exceeds(br#"{"a":[[{"b":1}]]}"#, 4));
    }

    #[test]
    fn denial_carries_a_forbidden_status() {
        let response = AdmissionResponse::deny("u", "no".into());
        let json = serde_json::to_value(response.into_review()).unwrap();
        assert_eq!(json["apiVersion"], "admission.k8s.io/v1");
        assert_eq!(json["response"]["status"]["code"], 403);
        assert_eq!(json["response"]["status"]["reason"], "Forbidden");
        assert_eq!(json["response"]["allowed"], false);
        assert!(json["response"].get("warnings").is_none());
    }
}
