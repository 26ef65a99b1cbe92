use crate::cloud::aws::identity::monitoring;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ130",
        name: "config-recorder-selected-types-only",
        title: "AWS Config recorder records only selected resource types",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV2_AWS_45"],
        rationale: r#"A recorder limited to a list of resource types keeps no configuration history for the others, including types added later, so changes to them cannot be audited or evaluated by Config rules."#,
        remediation: r#"Set `all_supported = true` in the recorder's `recording_group` (`RecordingGroup.AllSupported: true` in CloudFormation)."#,
        bad_example: r#"resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = aws_iam_role.config.arn

  recording_group {
    all_supported  = false
    resource_types = ["AWS::EC2::Instance"]
  }
}
"#,
        good_example: r#"resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = aws_iam_role.config.arn

  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: r#"Resources:
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: !GetAtt ConfigRole.Arn
      RecordingGroup:
        AllSupported: false
        ResourceTypes:
          - AWS::EC2::Instance
"#,
            good: r#"Resources:
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: !GetAtt ConfigRole.Arn
      RecordingGroup:
        AllSupported: true
        IncludeGlobalResourceTypes: true
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for recorder in monitoring::recorders(deployment) {
        if let Some(all) = recorder.all_supported.filter(|attr| attr.is_false()) {
            deployment.report(
                hits,
                recorder.resource,
                Some(all),
                "the recorder records only the resource types it lists",
            );
        }
    }
}
