//! `/mutate`: a JSON Patch (RFC 6902) that adds safe security-context defaults
//! to every container of a pod template, only where the field is unset, so a
//! setting someone wrote on purpose always wins.

use crate::config::MutationConfig;
use crate::pod::{self, PodTemplate};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// One `add` operation. Only `add` is needed: every change fills a gap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchOperation {
    pub op: &'static str,
    pub path: String,
    pub value: Value,
}

/// Escapes one reference token of a JSON Pointer (RFC 6901): `~` first, then `/`.
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn pointer(base: &str, tokens: &[&str]) -> String {
    let mut out = base.to_string();
    for token in tokens {
        out.push('/');
        out.push_str(&escape_token(token));
    }
    out
}

/// The operations that bring `template` up to the configured defaults.
/// Ephemeral containers are left alone: the API server refuses changes to them
/// through the pod's main resource.
pub fn safe_defaults(template: &PodTemplate, config: &MutationConfig) -> Vec<PatchOperation> {
    let spec = template.spec;
    if pod::is_windows(spec) {
        return Vec::new();
    }
    let pod_seccomp = spec.pointer("/securityContext/seccompProfile").is_some_and(|v| !v.is_null());
    let mut operations = Vec::new();
    for (list, index, container) in pod::containers(spec) {
        if list == "ephemeralContainers" {
            continue;
        }
        let index = index.to_string();
        let base = pointer(template.spec_pointer, &[list, &index]);
        let context = container.get("securityContext").filter(|v| v.is_object());
        let mut missing = Map::new();
        let unset = |key: &str| context.and_then(|c| c.get(key)).is_none_or(Value::is_null);

        if config.seccomp_runtime_default && !pod_seccomp && unset("seccompProfile") {
            missing.insert("seccompProfile".into(), json!({"type": "RuntimeDefault"}));
        }
        if config.disallow_privilege_escalation && unset("allowPrivilegeEscalation") && !escalates(context) {
            missing.insert("allowPrivilegeEscalation".into(), json!(false));
        }
        if config.read_only_root_filesystem && unset("readOnlyRootFilesystem") {
            missing.insert("readOnlyRootFilesystem".into(), json!(true));
        }
        let mut drop_all_into_existing = None;
        if config.drop_all_capabilities {
            let capabilities = context.and_then(|c| c.get("capabilities")).filter(|v| v.is_object());
            let drop = capabilities.and_then(|c| c.get("drop")).and_then(Value::as_array);
            match (capabilities, drop) {
                (None, _) => {
                    missing.insert("capabilities".into(), json!({"drop": ["ALL"]}));
                }
                (Some(_), None) => {
                    drop_all_into_existing =
                        Some((pointer(&base, &["securityContext", "capabilities", "drop"]), json!(["ALL"])));
                }
                (Some(_), Some(list)) if !list.iter().any(|c| c.as_str().is_some_and(is_all)) => {
                    drop_all_into_existing = Some((
                        pointer(&base, &["securityContext", "capabilities", "drop", "-"]),
                        json!("ALL"),
                    ));
                }
                _ => {}
            }
        }
        match context {
            None if !missing.is_empty() => {
                operations.push(add(pointer(&base, &["securityContext"]), missing.into()))
            }
            None => {}
            Some(_) => {
                for (key, value) in missing {
                    operations.push(add(pointer(&base, &["securityContext", &key]), value));
                }
            }
        }
        if let Some((path, value)) = drop_all_into_existing {
            operations.push(add(path, value));
        }
    }
    operations
}

fn add(path: String, value: Value) -> PatchOperation {
    PatchOperation { op: "add", path, value }
}

fn is_all(capability: &str) -> bool {
    capability.eq_ignore_ascii_case("ALL")
}

/// The API server rejects `allowPrivilegeEscalation: false` beside
/// `privileged: true` or an added CAP_SYS_ADMIN, so those containers keep theirs.
fn escalates(context: Option<&Value>) -> bool {
    let Some(context) = context else { return false };
    let privileged = context.get("privileged").and_then(Value::as_bool) == Some(true);
    let sys_admin = context
        .pointer("/capabilities/add")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .any(|c| matches!(c.to_ascii_uppercase().trim_start_matches("CAP_"), "SYS_ADMIN"));
    privileged || sys_admin
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_are_escaped_tilde_first() {
        assert_eq!(escape_token("a/b~c"), "a~1b~0c");
        assert_eq!(escape_token("~1"), "~01");
        assert_eq!(pointer("/spec", &["a/b", "0"]), "/spec/a~1b/0");
    }
}
