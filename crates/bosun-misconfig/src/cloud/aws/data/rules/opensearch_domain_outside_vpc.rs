use crate::cloud::aws::data::opensearch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ232",
        name: "opensearch-domain-outside-vpc",
        title: "OpenSearch domain has a public endpoint instead of living in a VPC",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "run.network-segregation"],
        aliases: &["CKV_AWS_137", "W90"],
        rationale: "A domain without VPC options gets a public endpoint, protected only by its access policy and any fine-grained access control. Placing it in a VPC adds security groups and keeps it off the internet.",
        remediation: "Add `vpc_options` with private `subnet_ids` and `security_group_ids` to the domain (`VPCOptions` in CloudFormation).",
        bad_example: "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.11\"\n}\n",
        good_example: "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.11\"\n  vpc_options {\n    subnet_ids         = [\"subnet-0123456789abcdef0\"]\n    security_group_ids = [\"sg-0123456789abcdef0\"]\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.11\n",
            good: "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.11\n      VPCOptions:\n        SubnetIds:\n          - subnet-0123456789abcdef0\n        SecurityGroupIds:\n          - sg-0123456789abcdef0\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for domain in opensearch::domains(deployment) {
        if domain.vpc_options.is_none() {
            deployment.report(
                hits,
                domain.resource,
                None,
                "the domain declares no VPC options, so its endpoint is public",
            );
        }
    }
}
