use crate::cloud::azure::storage;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR008",
        name: "storage-container-public-access",
        title: "Blob container allows anonymous read access",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-AZU-0007", "azure-storage-no-public-access", "CKV_AZURE_34"],
        rationale: "A container with `blob` access serves every blob to anyone who has its URL, and with \
                    `container` access anyone can also list its content. Unless the container is meant to \
                    publish files, this exposes whatever is stored in it.",
        remediation: "Set `container_access_type = \"private\"` (the default) and share content with SAS tokens or a CDN.",
        bad_example: r#"resource "azurerm_storage_container" "exports" {
  name                  = "exports"
  storage_account_name  = "acmedata"
  container_access_type = "container"
}
"#,
        good_example: r#"resource "azurerm_storage_container" "exports" {
  name                  = "exports"
  storage_account_name  = "acmedata"
  container_access_type = "private"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for container in storage::containers(deployment) {
        let Some(access) = container.access_type else { continue };
        let Some(level) = access.as_str() else { continue };
        if level.eq_ignore_ascii_case("blob") || level.eq_ignore_ascii_case("container") {
            let message =
                format!("container access type `{level}` lets anyone read its blobs without credentials");
            deployment.report(hits, container.resource, Some(access), message);
        }
    }
}
