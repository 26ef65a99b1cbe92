use crate::cloud::aws::data::rds;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ211",
        name: "rds-classic-security-group",
        title: "RDS uses a classic DB security group",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "run.network-segregation"],
        aliases: &["AVD-AWS-0081", "aws-rds-no-classic-resources", "CKV_AWS_198"],
        rationale: "DB security groups belong to EC2-Classic, which AWS has retired. They cannot express the rules VPC security groups can, and a template still declaring them describes a network that no longer exists or will fail to deploy.",
        remediation: "Replace the `aws_db_security_group` (`AWS::RDS::DBSecurityGroup`) with a VPC security group attached through `vpc_security_group_ids` (`VPCSecurityGroups`).",
        bad_example: "resource \"aws_db_security_group\" \"legacy\" {\n  name = \"legacy-db\"\n  ingress {\n    cidr = \"10.0.0.0/16\"\n  }\n}\n",
        good_example: "resource \"aws_security_group\" \"db\" {\n  name   = \"db\"\n  vpc_id = \"vpc-0123456789abcdef0\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Legacy:\n    Type: AWS::RDS::DBSecurityGroup\n    Properties:\n      GroupDescription: legacy database access\n      DBSecurityGroupIngress:\n        - CIDRIP: 10.0.0.0/16\n",
            good: "Resources:\n  Db:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: database access\n      VpcId: vpc-0123456789abcdef0\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for group in rds::classic_security_groups(deployment) {
        deployment.report(
            hits,
            group,
            None,
            "a classic DB security group is declared; VPC security groups should control database access",
        );
    }
}
