use crate::cloud::aws::data::opensearch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ231",
        name: "opensearch-logs-not-published",
        title: "OpenSearch domain publishes no logs",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV_AWS_84"],
        rationale: "Error, search slow and index slow logs show failing requests, expensive queries and abuse of the domain. If none is published to CloudWatch Logs, problems leave no trace outside the cluster.",
        remediation: "Add `log_publishing_options` blocks (for example `INDEX_SLOW_LOGS`, `SEARCH_SLOW_LOGS`, `ES_APPLICATION_LOGS`) to the domain (`LogPublishingOptions` in CloudFormation).",
        bad_example: "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.11\"\n}\n",
        good_example: "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.11\"\n  log_publishing_options {\n    log_type                 = \"SEARCH_SLOW_LOGS\"\n    cloudwatch_log_group_arn = \"arn:aws:logs:eu-west-1:123456789012:log-group:search-slow\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.11\n",
            good: "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.11\n      LogPublishingOptions:\n        ES_APPLICATION_LOGS:\n          CloudWatchLogsLogGroupArn: arn:aws:logs:eu-west-1:123456789012:log-group:search-app\n          Enabled: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for domain in opensearch::domains(deployment) {
        if domain.publishes(None) == Some(false) {
            deployment.report(hits, domain.resource, None, "the domain publishes no logs to CloudWatch Logs");
        }
    }
}
