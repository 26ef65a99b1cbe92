use crate::cloud::azure::sql;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR037",
        name: "database-firewall-open-to-internet",
        title: "Database firewall rule admits the whole internet",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access", "run.network-segregation"],
        aliases: &["AVD-AZU-0029", "azure-database-no-public-firewall-access", "CKV_AZURE_11"],
        rationale: "A firewall rule from 0.0.0.0 to 255.255.255.255 turns the server firewall off: anyone on \
                    the internet can reach the database and try credentials against it.",
        remediation: "Narrow `start_ip_address`/`end_ip_address` to the addresses of the clients that need access, or use private endpoints.",
        bad_example: r#"resource "azurerm_mssql_firewall_rule" "everyone" {
  name             = "everyone"
  server_id        = azurerm_mssql_server.main.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}
"#,
        good_example: r#"resource "azurerm_mssql_firewall_rule" "office" {
  name             = "office"
  server_id        = azurerm_mssql_server.main.id
  start_ip_address = "203.0.113.0"
  end_ip_address   = "203.0.113.255"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

/// Rules admitting a quarter of the IPv4 space or more are as good as open.
const TOO_WIDE: u64 = 1 << 30;

fn check(deployment: &Deployment, hits: &mut Hits) {
    for rule in sql::firewall_rules(deployment) {
        if rule.size().is_some_and(|size| size >= TOO_WIDE) {
            let (start, end) = (rule.start.and_then(|a| a.as_str()), rule.end.and_then(|a| a.as_str()));
            let message =
                format!("the rule admits {} to {}", start.unwrap_or_default(), end.unwrap_or_default());
            deployment.report(hits, rule.resource, rule.start, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::run_on_example;

    #[test]
    fn other_engines_and_the_azure_services_rule() {
        let open = "resource \"azurerm_postgresql_flexible_server_firewall_rule\" \"a\" {\n  start_ip_address = \"0.0.0.0\"\n  end_ip_address = \"255.255.255.255\"\n}\n";
        assert_eq!(run_on_example(&super::RULE, open).len(), 1);
        let azure = open.replace("255.255.255.255", "0.0.0.0");
        assert!(run_on_example(&super::RULE, &azure).is_empty());
    }
}
