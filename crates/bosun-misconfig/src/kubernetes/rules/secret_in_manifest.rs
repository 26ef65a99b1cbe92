use crate::credentials::is_placeholder;
use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S072",
        name: "secret-in-manifest",
        title: "Secret manifest carries its values",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["img.secret-mounts", "img.no-secrets"],
        aliases: &[],
        rationale: "`data` is only base64, not encryption: a Secret manifest with values, committed to a \
                    repository, hands them to everyone with read access, to every fork and clone, and to the \
                    history forever. SOPS-encrypted manifests and values that are placeholders for a \
                    templating or vault tool (`${VAR}`, `<path:...>`, `ref+...`) are not reported.",
        remediation: "Keep the values in an external secret store (External Secrets Operator, Vault, a cloud \
                      secret manager) or commit a SealedSecret or SOPS-encrypted file instead.",
        bad_example: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n  username: shop\n  password: s3cr3t-Passw0rd\n",
        good_example: "apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: db\nspec:\n  secretStoreRef:\n    name: vault\n    kind: ClusterSecretStore\n  target:\n    name: db\n  dataFrom:\n    - extract:\n        key: shop/db\n",
    },
    check: Check::Object(check),
};

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    if object.kind != "Secret" || object.api_version != "v1" {
        return;
    }
    // SOPS keeps its metadata in a top-level `sops` key next to the encrypted values.
    if object.root.get("sops").is_some() {
        return;
    }
    // The token controller fills these in; a manifest only requests one.
    if object.root.get("type").and_then(|t| t.as_str()) == Some("kubernetes.io/service-account-token") {
        return;
    }
    let mut keys = Vec::new();
    let mut span = None;
    for field in ["data", "stringData"] {
        let Some(values) = object.root.get(field) else { continue };
        for (key, value) in values.string_entries() {
            let Some(text) = value.scalar_text() else { continue };
            if text.trim().is_empty() || is_placeholder(&text) {
                continue;
            }
            keys.push(key);
            span.get_or_insert(object.root.key_node(field).map_or(value.span, |k| k.span));
        }
    }
    let Some(span) = span else { return };
    hits.push(
        span,
        format!(
            "Secret \"{}\" has its values in the manifest ({}): base64 is readable by anyone with the file",
            object.name,
            keys.join(", ")
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    fn secret(body: &str) -> String {
        format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n{body}")
    }

    #[test]
    fn lists_the_keys_and_points_at_the_field() {
        let findings = run_on_example(
            &RULE,
            &secret("data:\n  tls.crt: LS0tLS1CRUdJTg==\n  tls.key: LS0tLS1CRUdJTg==\n"),
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 5);
        assert!(findings[0].message.contains("(tls.crt, tls.key)"), "{}", findings[0].message);
    }

    #[test]
    fn empty_and_placeholder_values_are_not_secrets() {
        let text = secret("stringData:\n  a: \"\"\n  b: ${DB_PASSWORD}\n  c: <path:secret/data/db#password>\n  d: ref+vault://db/password\n  e:\n");
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn sops_and_token_requests_are_skipped() {
        let sops =
            secret("stringData:\n  password: ENC[AES256_GCM,data:abc,type:str]\nsops:\n  version: 3.8.1\n");
        assert!(run_on_example(&RULE, &sops).is_empty());
        let token = secret("type: kubernetes.io/service-account-token\ndata:\n  token: ZXlK\n");
        assert!(run_on_example(&RULE, &token).is_empty());
    }
}
