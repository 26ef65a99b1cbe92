use crate::cloud::azure::storage;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR003",
        name: "storage-account-public-blob-access",
        title: "Storage account lets containers be made publicly readable",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_AZURE_190", "CKV2_AZURE_47"],
        rationale: "When the account allows anonymous access, a single container set to `blob` or `container` \
                    access publishes its content to anyone who guesses the URL. Turning it off at the account \
                    makes such a mistake impossible. From provider v3 the account allows it unless told not to.",
        remediation: "Set `allow_nested_items_to_be_public = false` (`allow_blob_public_access = false` on provider v2).",
        bad_example: r#"resource "azurerm_storage_account" "assets" {
  name                     = "acmeassets"
  resource_group_name      = "rg-web"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}
"#,
        good_example: r#"resource "azurerm_storage_account" "assets" {
  name                            = "acmeassets"
  resource_group_name             = "rg-web"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  allow_nested_items_to_be_public = false
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for account in storage::accounts(deployment) {
        match (account.nested_items_public, account.blob_public_access_v2) {
            (Some(public), _) | (None, Some(public)) if public.is_true() => deployment.report(
                hits,
                account.resource,
                Some(public),
                "anonymous read access to containers and blobs is allowed",
            ),
            // Provider v3 and later allow it by default; v2 (only `allow_blob_public_access`) did not.
            (None, None) => deployment.report(
                hits,
                account.resource,
                None,
                "`allow_nested_items_to_be_public` is not set, and it defaults to true",
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::run_on_example;

    #[test]
    fn the_provider_v2_spelling_is_safe_by_default() {
        let v2 = "resource \"azurerm_storage_account\" \"a\" {\n  allow_blob_public_access = false\n}\n";
        assert!(run_on_example(&super::RULE, v2).is_empty());
        let open = "resource \"azurerm_storage_account\" \"a\" {\n  allow_blob_public_access = true\n}\n";
        assert_eq!(run_on_example(&super::RULE, open).len(), 1);
    }
}
