use crate::cloud::aws::network::waf::{self, Known};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ089",
        name: "waf-logging-disabled",
        title: "WAF web ACL does not log the requests it inspects",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV2_AWS_31", "CKV_AWS_176"],
        rationale: "WAF logs show which requests were blocked or allowed and by which rule. They are needed to tune rules without blind spots and to reconstruct an attack the firewall saw but did not stop.",
        remediation: "Add an `aws_wafv2_web_acl_logging_configuration` for the ACL (`AWS::WAFv2::LoggingConfiguration` with `ResourceArn`), or `logging_configuration` on classic ACLs.",
        bad_example: "resource \"aws_wafv2_web_acl\" \"site\" {\n  name  = \"site\"\n  scope = \"REGIONAL\"\n\n  default_action {\n    allow {}\n  }\n\n  visibility_config {\n    cloudwatch_metrics_enabled = true\n    metric_name                = \"site\"\n    sampled_requests_enabled   = true\n  }\n}\n",
        good_example: "resource \"aws_wafv2_web_acl\" \"site\" {\n  name  = \"site\"\n  scope = \"REGIONAL\"\n\n  default_action {\n    allow {}\n  }\n\n  visibility_config {\n    cloudwatch_metrics_enabled = true\n    metric_name                = \"site\"\n    sampled_requests_enabled   = true\n  }\n}\n\nresource \"aws_wafv2_web_acl_logging_configuration\" \"site\" {\n  resource_arn            = aws_wafv2_web_acl.site.arn\n  log_destination_configs = [\"arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-site\"]\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Site:\n    Type: AWS::WAFv2::WebACL\n    Properties:\n      Name: site\n      Scope: REGIONAL\n      DefaultAction:\n        Allow: {}\n      VisibilityConfig:\n        CloudWatchMetricsEnabled: true\n        MetricName: site\n        SampledRequestsEnabled: true\n",
            good: "Resources:\n  Site:\n    Type: AWS::WAFv2::WebACL\n    Properties:\n      Name: site\n      Scope: REGIONAL\n      DefaultAction:\n        Allow: {}\n      VisibilityConfig:\n        CloudWatchMetricsEnabled: true\n        MetricName: site\n        SampledRequestsEnabled: true\n  SiteLogging:\n    Type: AWS::WAFv2::LoggingConfiguration\n    Properties:\n      ResourceArn: !GetAtt Site.Arn\n      LogDestinationConfigs:\n        - arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-site\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for acl in waf::web_acls(deployment) {
        if acl.logged == Known::No {
            deployment.report(
                hits,
                acl.resource,
                None,
                "no logging configuration records the web ACL's requests",
            );
        }
    }
}
