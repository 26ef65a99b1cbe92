use crate::cloud::azure::network;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR025",
        name: "network-watcher-flow-log-retention-short",
        title: "Network Watcher flow logs are kept less than 90 days",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["AVD-AZU-0049", "azure-network-retention-policy-set", "CKV_AZURE_12"],
        rationale: "Intrusions are often discovered weeks after they start. Flow logs deleted after a few \
                    days, or not retained at all, are gone by the time someone needs them to trace the \
                    attacker's connections.",
        remediation: "Set `retention_policy { enabled = true, days = 90 }` or more (0 keeps logs forever) on the flow log.",
        bad_example: r#"resource "azurerm_network_watcher_flow_log" "web" {
  name                      = "flowlog-web"
  network_watcher_name      = "NetworkWatcher_westeurope"
  resource_group_name       = "NetworkWatcherRG"
  network_security_group_id = azurerm_network_security_group.web.id
  storage_account_id        = azurerm_storage_account.logs.id
  enabled                   = true

  retention_policy {
    enabled = true
    days    = 7
  }
}
"#,
        good_example: r#"resource "azurerm_network_watcher_flow_log" "web" {
  name                      = "flowlog-web"
  network_watcher_name      = "NetworkWatcher_westeurope"
  resource_group_name       = "NetworkWatcherRG"
  network_security_group_id = azurerm_network_security_group.web.id
  storage_account_id        = azurerm_storage_account.logs.id
  enabled                   = true

  retention_policy {
    enabled = true
    days    = 90
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for log in network::flow_logs(deployment) {
        let Some(retention) = log.retention else { continue };
        if let Some(enabled) = retention.get("enabled").filter(|enabled| enabled.is_false()) {
            deployment.report(hits, log.resource, Some(enabled), "flow log retention is disabled");
            continue;
        }
        if let Some(days) = retention.get("days") {
            if let Some(count) = days.as_i64().filter(|count| (1..90).contains(count)) {
                deployment.report(
                    hits,
                    log.resource,
                    Some(days),
                    format!("flow logs are kept only {count} days"),
                );
            }
        }
    }
}
