use crate::cloud::azure::network;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR024",
        name: "network-watcher-flow-log-disabled",
        title: "Network Watcher flow log is turned off",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &["AVD-AZU-0073"],
        rationale: "Flow logs record which addresses talked to which, on which ports, through a security \
                    group or virtual network. With the log disabled there is no record of connections to \
                    investigate an incident or spot exfiltration.",
        remediation: "Set `enabled = true` on the `azurerm_network_watcher_flow_log`.",
        bad_example: r#"resource "azurerm_network_watcher_flow_log" "web" {
  name                      = "flowlog-web"
  network_watcher_name      = "NetworkWatcher_westeurope"
  resource_group_name       = "NetworkWatcherRG"
  network_security_group_id = azurerm_network_security_group.web.id
  storage_account_id        = azurerm_storage_account.logs.id
  enabled                   = false

  retention_policy {
    enabled = true
    days    = 90
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
        if let Some(enabled) = log.enabled.filter(|enabled| enabled.is_false()) {
            deployment.report(hits, log.resource, Some(enabled), "the flow log is disabled");
        }
    }
}
