use crate::cloud::azure::securitycenter;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AZR072",
        name: "security-center-auto-provisioning-off",
        title: "Defender for Cloud does not install its monitoring agent automatically",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Azure),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &[],
        rationale: "With auto-provisioning off, new virtual machines come up without the agent that feeds \
                    Defender for Cloud, so they are neither assessed nor watched for threats until someone \
                    installs it by hand.",
        remediation: "Set `auto_provision = \"On\"` on the `azurerm_security_center_auto_provisioning`.",
        bad_example: r#"resource "azurerm_security_center_auto_provisioning" "main" {
  auto_provision = "Off"
}
"#,
        good_example: r#"resource "azurerm_security_center_auto_provisioning" "main" {
  auto_provision = "On"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for setting in securitycenter::auto_provisioning(deployment) {
        if let Some(off) =
            setting.setting.filter(|s| s.as_str().is_some_and(|s| s.eq_ignore_ascii_case("Off")))
        {
            deployment.report(hits, setting.resource, Some(off), "automatic agent provisioning is off");
        }
    }
}
