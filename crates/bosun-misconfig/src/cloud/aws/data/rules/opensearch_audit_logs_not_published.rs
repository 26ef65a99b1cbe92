use crate::cloud::aws::data::opensearch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ230",
        name: "opensearch-audit-logs-not-published",
        title: "OpenSearch domain does not publish audit logs",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["AVD-AWS-0042", "aws-elastic-search-enable-domain-logging", "CKV_AWS_317"],
        rationale: "Audit logs record who authenticated to the domain and which indexes and documents they read or changed. Without them, access to the data in the cluster cannot be reviewed or investigated.",
        remediation: "Add a `log_publishing_options` block with `log_type = \"AUDIT_LOGS\"` and a CloudWatch log group (an `AUDIT_LOGS` entry in `LogPublishingOptions` in CloudFormation).",
        bad_example: "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.11\"\n}\n",
        good_example: "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.11\"\n  log_publishing_options {\n    log_type                 = \"AUDIT_LOGS\"\n    cloudwatch_log_group_arn = \"arn:aws:logs:eu-west-1:123456789012:log-group:search-audit\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.11\n      LogPublishingOptions:\n        AUDIT_LOGS:\n          CloudWatchLogsLogGroupArn: arn:aws:logs:eu-west-1:123456789012:log-group:search-audit\n          Enabled: false\n",
            good: "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.11\n      LogPublishingOptions:\n        AUDIT_LOGS:\n          CloudWatchLogsLogGroupArn: arn:aws:logs:eu-west-1:123456789012:log-group:search-audit\n          Enabled: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for domain in opensearch::domains(deployment) {
        if domain.publishes(Some("AUDIT_LOGS")) == Some(false) {
            deployment.report(hits, domain.resource, None, "the domain publishes no audit logs");
        }
    }
}
