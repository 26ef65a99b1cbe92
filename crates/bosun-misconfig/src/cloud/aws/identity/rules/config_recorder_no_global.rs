use crate::cloud::aws::identity::monitoring;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ131",
        name: "config-recorder-global-resources-excluded",
        title: "AWS Config recorder does not record global resources",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV2_AWS_48"],
        rationale: r#"IAM users, roles and policies are global resources: a recorder that leaves them out keeps no history of permission changes, the changes an audit most often needs. One recorder per account (usually in the home region) should include them."#,
        remediation: r#"Set `include_global_resource_types = true` in `recording_group` (`RecordingGroup.IncludeGlobalResourceTypes: true` in CloudFormation)."#,
        bad_example: r#"resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = aws_iam_role.config.arn

  recording_group {
    all_supported                 = true
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
        AllSupported: true
        IncludeGlobalResourceTypes: false
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
        // A recorder of selected types cannot include global ones: AMZ130 reports it.
        if recorder.all_supported.is_some_and(|attr| !attr.is_true()) {
            continue;
        }
        match recorder.include_global {
            None => deployment.report(
                hits,
                recorder.resource,
                None,
                "the recorder leaves out global resources such as IAM (not set, so off)",
            ),
            Some(attr) if attr.is_false() || attr.is_null() => deployment.report(
                hits,
                recorder.resource,
                Some(attr),
                "the recorder leaves out global resources such as IAM",
            ),
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn selected_type_recorders_are_left_to_their_own_rule() {
        let text = "resource \"aws_config_configuration_recorder\" \"r\" {\n  name = \"r\"\n  recording_group {\n    all_supported  = false\n    resource_types = [\"AWS::EC2::Instance\"]\n  }\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
        let bare = "resource \"aws_config_configuration_recorder\" \"r\" {\n  name = \"r\"\n}\n";
        assert_eq!(run_on_example(&RULE, bare).len(), 1);
    }
}
