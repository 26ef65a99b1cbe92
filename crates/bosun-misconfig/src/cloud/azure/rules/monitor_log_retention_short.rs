use crate::cloud::azure::monitor;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR067",
        name: "monitor-log-profile-retention-short",
        title: "Activity log profile keeps logs less than a year",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["AVD-AZU-0031", "azure-monitor-activity-log-retention-set", "CKV_AZURE_37"],
        rationale: "The activity log records every control-plane change in the subscription: who created, \
                    changed or deleted what. Keeping it for a year covers the time it usually takes to \
                    discover an intrusion and meets most audit requirements.",
        remediation: "Set `retention_policy { enabled = true, days = 365 }` on the log profile (or disable retention to keep logs forever).",
        bad_example: r#"resource "azurerm_monitor_log_profile" "main" {
  name               = "default"
  categories         = ["Action", "Delete", "Write"]
  locations          = ["westeurope", "northeurope", "global"]
  storage_account_id = azurerm_storage_account.activity.id

  retention_policy {
    enabled = true
    days    = 30
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
        let Some(retention) = profile.retention else {
            deployment.report(hits, profile.resource, None, "the log profile has no retention policy");
            continue;
        };
        // A disabled retention policy keeps logs forever.
        if !retention.get("enabled").is_some_and(|enabled| enabled.is_true()) {
            continue;
        }
        if let Some(days) = retention.get("days") {
            if let Some(count) = days.as_i64().filter(|count| (1..365).contains(count)) {
                deployment.report(
                    hits,
                    profile.resource,
                    Some(days),
                    format!("activity logs are kept only {count} days"),
                );
            }
        }
    }
}
