//! Values stored encoded in well-known places, decoded so the rules can see
//! them: Kubernetes Secret `data` (base64) and kubeconfig `client-key-data`.
//! A Secret manifest committed with real values is a leak even though base64
//! makes it look harmless.

use crate::checksum::decode_base64;
use bosun_syntax::yaml::{self, Node, Value};

/// Larger documents are not Secrets or kubeconfigs anyone writes by hand.
const MAX_TEXT: usize = 4 * 1024 * 1024;

/// One decoded value and where its encoded form is.
#[derive(Debug, Clone)]
pub struct Encoded {
    /// What to scan: for one-line values `key: value`, so that rules keyed on
    /// the field name (`password`, `token`) apply; multi-line values as they are.
    pub decoded: String,
    /// The encoded value as written in the file.
    pub raw: String,
    /// e.g. `data.password`.
    pub field: String,
    /// e.g. `Secret/default/db`.
    pub resource: Option<String>,
    pub lines: (u32, u32),
}

pub fn encoded_values(path: &str, text: &str) -> Vec<Encoded> {
    let lower = path.to_ascii_lowercase();
    let yaml_like =
        [".yaml", ".yml", ".json"].iter().any(|e| lower.ends_with(e)) || lower.ends_with("config");
    let candidates = text.contains("Secret") && text.contains("data") || text.contains("-data");
    if !yaml_like || !candidates || text.len() > MAX_TEXT {
        return Vec::new();
    }
    let stream = yaml::parse_stream(text);
    let mut found = Vec::new();
    for document in &stream.documents {
        let root = &document.root;
        match root.get("kind").and_then(Node::as_str) {
            Some("Secret") => secret_data(root, &mut found),
            Some("Config") => kubeconfig_keys(root, &mut found),
            Some("List") => {
                for item in root.get("items").map(Node::as_seq).unwrap_or_default() {
                    if item.get("kind").and_then(Node::as_str) == Some("Secret") {
                        secret_data(item, &mut found);
                    }
                }
            }
            _ => {}
        }
    }
    found
}

fn secret_data(secret: &Node, found: &mut Vec<Encoded>) {
    let metadata = secret.get("metadata");
    let name = metadata.and_then(|m| m.get("name")).and_then(Node::as_str).unwrap_or("-");
    let namespace = metadata.and_then(|m| m.get("namespace")).and_then(Node::as_str).unwrap_or("default");
    let resource = format!("Secret/{namespace}/{name}");
    let Some(data) = secret.get("data") else { return };
    for (key, value) in data.string_entries() {
        push_decoded(&format!("data.{key}"), &key, value, Some(resource.clone()), found);
    }
}

fn kubeconfig_keys(config: &Node, found: &mut Vec<Encoded>) {
    for user in config.get("users").map(Node::as_seq).unwrap_or_default() {
        let name = user.get("name").and_then(Node::as_str).unwrap_or("-");
        let Some(fields) = user.get("user") else { continue };
        if let Some(value) = fields.get("client-key-data") {
            let resource = Some(format!("kubeconfig user {name}"));
            push_decoded("client-key-data", "client-key", value, resource, found);
        }
    }
}

fn push_decoded(field: &str, key: &str, value: &Node, resource: Option<String>, found: &mut Vec<Encoded>) {
    let Value::String(raw) = &value.value else { return };
    let Some(bytes) = decode_base64(raw) else { return };
    let Ok(decoded) = String::from_utf8(bytes) else { return };
    let decoded = decoded.trim_end_matches('\n');
    if decoded.trim().is_empty() {
        return;
    }
    let decoded = if decoded.contains('\n') { decoded.to_string() } else { format!("{key}: {decoded}") };
    found.push(Encoded {
        decoded,
        raw: raw.clone(),
        field: field.to_string(),
        resource,
        lines: (value.span.start_line, value.span.end_line),
    });
}

#[cfg(test)]
mod tests {
    use super::encoded_values;

    #[test]
    fn secret_data_is_decoded_with_its_key_and_line() {
        let text = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: prod\ndata:\n  password: aHVudGVyMg==\n";
        let found = encoded_values("k8s/secret.yaml", text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].decoded, "password: hunter2");
        assert_eq!(found[0].field, "data.password");
        assert_eq!(found[0].resource.as_deref(), Some("Secret/prod/db"));
        assert_eq!(found[0].lines, (7, 7));
    }

    #[test]
    fn other_kinds_and_other_files_are_left_alone() {
        let config_map = "kind: ConfigMap\ndata:\n  password: aHVudGVyMg==\n";
        assert!(encoded_values("cm.yaml", config_map).is_empty());
        assert!(encoded_values("main.py", "kind: Secret\ndata:\n  a: aGk=\n").is_empty());
    }
}
