use crate::dockerfile::{copy_paths, DockerfileView};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF013",
        name: "secret-file-copied",
        title: "Credential file copied into the image",
        severity: Severity::High,
        domain: Domain::Dockerfile,
        checklist: &["img.no-secrets", "img.secret-mounts"],
        aliases: &[],
        rationale: "Files such as private keys, `.env` files, `.npmrc`/`.pypirc`/`.netrc` with registry tokens, \
                    cloud CLI credentials and docker or kube configs stay in the layer that COPY or ADD created, \
                    even when a later RUN deletes them: anyone who can pull the image, or read the build \
                    cache, can extract them. In a build stage that is not shipped they still sit in the cache \
                    and in the builder's layers. Secret mounts give a RUN the file for that one command \
                    without storing it. Sample files (`.env.example`), public keys and certificates are not \
                    reported.",
        remediation: "Mount the file for the command that needs it (`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc \
                      npm ci`, `RUN --mount=type=ssh git clone ...`), or provide it at run time as a secret volume.",
        bad_example: "FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json .npmrc ./\nRUN npm ci\n",
        good_example: "FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for instruction in &view.file.instructions {
        let Some((sources, destination)) = copy_paths(instruction) else { continue };
        let keyword = instruction.keyword_raw.to_ascii_uppercase();
        let into_dir = destination.ends_with('/') || sources.len() > 1;
        let found = sources.iter().find_map(|source| {
            // Where the file lands says as much as where it comes from.
            let landed = if into_dir {
                let name = source.trim_end_matches('/').rsplit('/').next().unwrap_or(source);
                format!("{}/{name}", destination.trim_end_matches('/'))
            } else {
                destination.clone()
            };
            let kind = secret_kind(source);
            kind.map(|kind| (source.clone(), kind))
                .or_else(|| secret_kind(&landed).map(|kind| (landed, kind)))
        });
        if let Some((path, kind)) = found {
            hits.push(instruction.span, format!("{keyword} puts {path} ({kind}) into the image"));
        }
    }
}

/// Names of `.env` files that are templates, not configuration.
const ENV_SAMPLES: &[&str] =
    &["example", "sample", "template", "dist", "defaults", "default", "tpl", "schema"];

/// What kind of credential a path names, if it names one.
fn secret_kind(path: &str) -> Option<&'static str> {
    let lower = path.to_ascii_lowercase();
    let components: Vec<&str> = lower.split('/').filter(|c| !c.is_empty() && *c != ".").collect();
    let (&name, parents) = components.split_last()?;
    let parent = parents.last().copied();
    if is_public(name) {
        return None;
    }
    // Host keys and client settings are not secrets; keys and whole directories are.
    let ssh_public = matches!(name, "known_hosts" | "config" | "authorized_keys");
    if name == ".ssh" || (parent == Some(".ssh") && !ssh_public) {
        return Some("SSH keys");
    }
    if name == ".aws" {
        return Some("AWS credentials");
    }
    if name == ".gnupg" || parent == Some(".gnupg") {
        return Some("a GnuPG keyring");
    }
    if name == ".docker" || (name == "config.json" && parent == Some(".docker")) {
        return Some("docker registry credentials");
    }
    if name == "kubeconfig" || name == ".kube" || (name == "config" && parent == Some(".kube")) {
        return Some("a kubeconfig");
    }
    let kind = match name {
        "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519" | "id_ecdsa_sk" | "id_ed25519_sk" => {
            "an SSH private key"
        }
        ".env" => "an environment file",
        ".npmrc" => "an npm config, which usually holds a registry token",
        ".pypirc" => "a PyPI config with upload credentials",
        ".netrc" | "_netrc" => "a netrc file with login credentials",
        ".git-credentials" => "stored git credentials",
        ".pgpass" => "a PostgreSQL password file",
        ".my.cnf" => "a MySQL client config, which usually holds a password",
        ".htpasswd" => "a password file",
        ".vault-token" => "a Vault token",
        ".dockercfg" => "docker registry credentials",
        ".s3cfg" => "S3 credentials",
        "credentials" | "credentials.json" => "a credentials file",
        _ => return secret_by_extension(name),
    };
    Some(kind)
}

/// `id_rsa.pub`, `public.pem`, `pubring.kbx`.
fn is_public(name: &str) -> bool {
    name.ends_with(".pub") || name.contains("public") || name.starts_with("pubring")
}

fn secret_by_extension(name: &str) -> Option<&'static str> {
    if let Some(variant) = name.strip_prefix(".env.") {
        return (!ENV_SAMPLES.contains(&variant)).then_some("an environment file");
    }
    if name.starts_with("client_secret") && name.ends_with(".json") {
        return Some("an OAuth client secret");
    }
    // Repository signing keys (`nodesource.gpg.key`) and trust stores are public.
    if name.contains("gpg") || name.contains("trust") {
        return None;
    }
    if name.ends_with(".key") || (name.ends_with(".pem") && (name.contains("key") || name.contains("priv"))) {
        return Some("a private key");
    }
    if [".p12", ".pfx", ".jks", ".keystore"].iter().any(|ext| name.ends_with(ext)) {
        return Some("a key store");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(lines: &str) -> Vec<String> {
        let text = format!("FROM alpine:3.20\n{lines}");
        run_on_example(&RULE, &text).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn keys_env_files_and_tool_configs() {
        let found = messages(
            "COPY id_rsa /root/.ssh/id_rsa\nADD certs/server.key /etc/ssl/private/\nCOPY .env.production /app/\n\
             COPY --from=build /root/.aws /root/.aws\nCOPY deploy/config.json /root/.docker/config.json\n\
             COPY [\"tls/privkey.pem\", \"/etc/tls/\"]\n",
        );
        assert_eq!(
            found,
            vec![
                "COPY puts id_rsa (an SSH private key) into the image",
                "ADD puts certs/server.key (a private key) into the image",
                "COPY puts .env.production (an environment file) into the image",
                "COPY puts /root/.aws (AWS credentials) into the image",
                "COPY puts /root/.docker/config.json (docker registry credentials) into the image",
                "COPY puts tls/privkey.pem (a private key) into the image",
            ]
        );
    }

    #[test]
    fn destination_names_count_too() {
        assert_eq!(messages("COPY config/prod-settings /app/.env\n").len(), 1);
        assert_eq!(messages("COPY deploy_key /root/.ssh/deploy_key\n").len(), 1);
    }

    #[test]
    fn public_ssh_and_aws_files_are_fine() {
        let found = messages(
            "COPY known_hosts /root/.ssh/known_hosts\nCOPY ssh_config /root/.ssh/config\n\
             COPY aws-config /root/.aws/config\nCOPY keys/public.pem /etc/jwt/\nCOPY pubring.kbx /root/.gnupg/\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn samples_public_keys_and_certificates_are_fine() {
        let found = messages(
            "COPY .env.example /app/\nCOPY id_rsa.pub /root/\nCOPY ca.pem cert.pem fullchain.pem /etc/ssl/certs/\n\
             COPY nodesource.gpg.key /etc/apt/keyrings/\nCOPY truststore.jks /opt/app/\nCOPY environment.ts /app/\n\
             COPY . /app\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
