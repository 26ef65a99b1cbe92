use crate::cloud::aws::identity::monitoring;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ133",
        name: "config-aggregator-not-all-regions",
        title: "AWS Config aggregator does not cover all regions",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV_AWS_121", "AVD-AWS-0019", "aws-config-aggregate-all-regions"],
        rationale: r#"An aggregator limited to a list of regions gives a central view that silently misses resources created elsewhere, including regions enabled later."#,
        remediation: r#"Set `all_regions = true` in `account_aggregation_source`/`organization_aggregation_source` (`AllAwsRegions: true` in CloudFormation)."#,
        bad_example: r#"resource "aws_config_configuration_aggregator" "org" {
  name = "org"

  organization_aggregation_source {
    regions  = ["eu-west-1", "us-east-1"]
    role_arn = aws_iam_role.aggregator.arn
  }
}
"#,
        good_example: r#"resource "aws_config_configuration_aggregator" "org" {
  name = "org"

  organization_aggregation_source {
    all_regions = true
    role_arn    = aws_iam_role.aggregator.arn
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: r#"Resources:
  Aggregator:
    Type: AWS::Config::ConfigurationAggregator
    Properties:
      AccountAggregationSources:
        - AccountIds: ['111122223333']
          AwsRegions: [eu-west-1]
"#,
            good: r#"Resources:
  Aggregator:
    Type: AWS::Config::ConfigurationAggregator
    Properties:
      AccountAggregationSources:
        - AccountIds: ['111122223333']
          AllAwsRegions: true
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for aggregator in monitoring::aggregators(deployment) {
        for source in &aggregator.sources {
            match source.all_regions {
                None => deployment.report(
                    hits,
                    aggregator.resource,
                    Some(source.block),
                    "an aggregation source covers only the regions it lists",
                ),
                Some(all) if all.is_false() => deployment.report(
                    hits,
                    aggregator.resource,
                    Some(all),
                    "an aggregation source covers only the regions it lists",
                ),
                Some(_) => {}
            }
        }
    }
}
