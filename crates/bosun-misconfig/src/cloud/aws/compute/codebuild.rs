//! CodeBuild as checks see it: projects (`aws_codebuild_project`,
//! `AWS::CodeBuild::Project`) and source credentials
//! (`aws_codebuild_source_credential`, `AWS::CodeBuild::SourceCredential`).

use super::common::get_ci;
use crate::cloud::{Attr, Deployment, Resource};

pub struct Project<'a> {
    pub resource: &'a Resource,
    /// The primary artifacts and the secondary ones.
    pub artifacts: Vec<Artifacts<'a>>,
    /// `environment.privileged_mode`, `Environment.PrivilegedMode`.
    pub privileged_mode: Option<&'a Attr>,
    pub variables: Vec<Variable<'a>>,
    /// `logs_config.s3_logs`, `LogsConfig.S3Logs`.
    pub s3_logs: Option<S3Logs<'a>>,
    /// `encryption_key`, `EncryptionKey`.
    pub encryption_key: Option<&'a Attr>,
}

pub struct Artifacts<'a> {
    pub block: &'a Attr,
    /// `NO_ARTIFACTS`, `S3`, `CODEPIPELINE`.
    pub kind: Option<&'a Attr>,
    pub encryption_disabled: Option<&'a Attr>,
}

impl Artifacts<'_> {
    /// Artifacts are written somewhere (not `NO_ARTIFACTS`), or that is not known.
    pub fn produced(&self) -> bool {
        self.kind.and_then(Attr::as_str).is_none_or(|k| !k.eq_ignore_ascii_case("NO_ARTIFACTS"))
    }
}

pub struct S3Logs<'a> {
    /// `ENABLED` or `DISABLED` (the default).
    pub status: Option<&'a Attr>,
    pub encryption_disabled: Option<&'a Attr>,
}

/// A build environment variable.
pub struct Variable<'a> {
    pub entry: &'a Attr,
    pub name: &'a str,
    pub value: &'a Attr,
    /// `PLAINTEXT` (the default), `PARAMETER_STORE` or `SECRETS_MANAGER`.
    pub kind: Option<&'a Attr>,
}

impl Variable<'_> {
    /// The value is the variable's content, not the name of a parameter or secret.
    pub fn is_plain_text(&self) -> bool {
        match self.kind.filter(|k| !k.is_null()) {
            None => true,
            Some(kind) => kind.as_str().is_some_and(|k| k.eq_ignore_ascii_case("PLAINTEXT")),
        }
    }
}

fn variables<'a>(entries: impl Iterator<Item = &'a Attr>) -> Vec<Variable<'a>> {
    entries
        .filter_map(|entry| {
            Some(Variable {
                entry,
                name: get_ci(entry, "name")?.as_str()?,
                value: get_ci(entry, "value")?,
                kind: get_ci(entry, "type"),
            })
        })
        .collect()
}

pub fn projects(deployment: &Deployment) -> Vec<Project<'_>> {
    let terraform = deployment.of_kind("aws_codebuild_project").map(|r| {
        let artifacts = r
            .blocks("artifacts")
            .chain(r.blocks("secondary_artifacts"))
            .map(|block| Artifacts {
                block,
                kind: block.get("type"),
                encryption_disabled: block.get("encryption_disabled"),
            })
            .collect();
        let environment = r.blocks("environment").next();
        Project {
            resource: r,
            artifacts,
            privileged_mode: environment.and_then(|e| e.get("privileged_mode")),
            variables: variables(environment.into_iter().flat_map(|e| e.blocks("environment_variable"))),
            s3_logs: r.path(&["logs_config", "s3_logs"]).map(|logs| S3Logs {
                status: logs.get("status"),
                encryption_disabled: logs.get("encryption_disabled"),
            }),
            encryption_key: r.get("encryption_key"),
        }
    });
    let cloudformation = deployment.of_kind("AWS::CodeBuild::Project").map(|r| {
        let secondary = r.get("SecondaryArtifacts").map(|s| s.items()).unwrap_or_default();
        let artifacts = r
            .get("Artifacts")
            .into_iter()
            .chain(secondary)
            .map(|block| Artifacts {
                block,
                kind: block.get("Type"),
                encryption_disabled: block.get("EncryptionDisabled"),
            })
            .collect();
        let environment = r.get("Environment");
        Project {
            resource: r,
            artifacts,
            privileged_mode: environment.and_then(|e| e.get("PrivilegedMode")),
            variables: variables(
                environment
                    .and_then(|e| e.get("EnvironmentVariables"))
                    .map(|v| v.items())
                    .unwrap_or_default()
                    .iter(),
            ),
            s3_logs: r.path(&["LogsConfig", "S3Logs"]).map(|logs| S3Logs {
                status: logs.get("Status"),
                encryption_disabled: logs.get("EncryptionDisabled"),
            }),
            encryption_key: r.get("EncryptionKey"),
        }
    });
    terraform.chain(cloudformation).collect()
}

pub struct SourceCredential<'a> {
    pub resource: &'a Resource,
    /// The access token or password (`token`, `Token`).
    pub token: Option<&'a Attr>,
}

pub fn source_credentials(deployment: &Deployment) -> Vec<SourceCredential<'_>> {
    let terraform = deployment
        .of_kind("aws_codebuild_source_credential")
        .map(|r| SourceCredential { resource: r, token: r.get("token") });
    let cloudformation = deployment
        .of_kind("AWS::CodeBuild::SourceCredential")
        .map(|r| SourceCredential { resource: r, token: r.get("Token") });
    terraform.chain(cloudformation).collect()
}
