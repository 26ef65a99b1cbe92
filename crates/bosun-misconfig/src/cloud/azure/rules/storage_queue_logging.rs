use crate::cloud::azure::storage;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR006",
        name: "storage-account-queue-logging-disabled",
        title: "Storage account does not log queue reads, writes and deletes",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["AVD-AZU-0009", "azure-storage-queue-services-logging-enabled", "CKV_AZURE_33", "AVD-AZU-0057"],
        rationale: "Storage analytics logging records who read, wrote and deleted queue messages. Without it \
                    there is no trace of misuse of the queue service to investigate afterwards.",
        remediation: "Add `queue_properties { logging { read = true, write = true, delete = true, version = \"1.0\" } }` (or `azurerm_storage_account_queue_properties`).",
        bad_example: r#"resource "azurerm_storage_account" "jobs" {
  name                     = "acmejobs"
  resource_group_name      = "rg-jobs"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}
"#,
        good_example: r#"resource "azurerm_storage_account" "jobs" {
  name                     = "acmejobs"
  resource_group_name      = "rg-jobs"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  queue_properties {
    logging {
      read                  = true
      write                 = true
      delete                = true
      version               = "1.0"
      retention_policy_days = 90
    }
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for account in storage::accounts(deployment) {
        if !account.has_queues() {
            continue;
        }
        let Some(logging) = account.queue_logging else {
            deployment.report(hits, account.resource, None, "queue operations are not logged");
            continue;
        };
        let off: Vec<&str> = ["read", "write", "delete"]
            .into_iter()
            .filter(|op| logging.get(op).is_none_or(|flag| flag.is_false()))
            .collect();
        if !off.is_empty() {
            let message = format!("queue logging leaves out {}", off.join(", "));
            deployment.report(hits, account.resource, Some(logging), message);
        }
    }
}
