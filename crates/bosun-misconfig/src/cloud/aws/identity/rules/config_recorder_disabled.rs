use crate::cloud::aws::identity::monitoring;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ132",
        name: "config-recorder-disabled",
        title: "AWS Config recorder is stopped",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.audit-logging"],
        aliases: &[],
        rationale: r#"A recorder whose status is disabled records nothing: Config rules see no changes and no configuration history is kept, while the code suggests Config is in place."#,
        remediation: r#"Set `is_enabled = true` on `aws_config_configuration_recorder_status`."#,
        bad_example: r#"resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = false
}
"#,
        good_example: r#"resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = true
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for status in monitoring::recorder_statuses(deployment) {
        if let Some(enabled) = status.enabled.filter(|attr| attr.is_false()) {
            deployment.report(
                hits,
                status.resource,
                Some(enabled),
                "the configuration recorder is declared stopped",
            );
        }
    }
}
