use crate::cloud::azure::monitor;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR068",
        name: "monitor-log-profile-categories-incomplete",
        title: "Activity log profile does not capture every category",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["AVD-AZU-0033", "azure-monitor-capture-all-activities", "CKV_AZURE_38"],
        rationale: "A log profile exports only the categories it lists. Leaving out `Write`, `Delete` or \
                    `Action` drops the records of changes, deletions or operations such as key listing, \
                    which are the events an investigation needs.",
        remediation: "List `categories = [\"Action\", \"Delete\", \"Write\"]` in the log profile.",
        bad_example: r#"resource "azurerm_monitor_log_profile" "main" {
  name               = "default"
  categories         = ["Write"]
  locations          = ["westeurope", "northeurope", "global"]
  storage_account_id = azurerm_storage_account.activity.id

  retention_policy {
    enabled = true
    days    = 365
  }
}
"#,
        good_example: r#"resource "azurerm_monitor_log_profile" "main" {
  name               = "default"
  categories         = ["Action", "Delete", "Write"]
  locations          = ["westeurope", "northeurope", "global"]
  storage_account_id = azurerm_storage_account.activity.id

  retention_policy {
    enabled = true
    days    = 365
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for profile in monitor::log_profiles(deployment) {
        let Some(categories) = profile.categories else { continue };
        if categories.items().iter().any(|item| item.as_str().is_none()) {
            continue;
        }
        let missing: Vec<&str> = ["Action", "Delete", "Write"]
            .into_iter()
            .filter(|category| !categories.has_string(category))
            .collect();
        if !missing.is_empty() {
            let message = format!("the log profile leaves out {}", missing.join(", "));
            deployment.report(hits, profile.resource, Some(categories), message);
        }
    }
}
