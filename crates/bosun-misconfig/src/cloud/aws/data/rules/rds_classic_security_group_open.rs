use crate::cloud::aws::data::rds;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ212",
        name: "rds-classic-security-group-open",
        title: "RDS classic DB security group admits the whole internet",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &[],
        rationale: "An ingress range of 0.0.0.0/0 on a DB security group lets any address on the internet reach the database port of every instance in the group, leaving only the database credentials to stop an attacker.",
        remediation: "Narrow the `cidr` of the `aws_db_security_group` ingress (`CIDRIP` of `DBSecurityGroupIngress`) to the networks that need the database, or move to a VPC security group.",
        bad_example: "resource \"aws_db_security_group\" \"legacy\" {\n  name = \"legacy-db\"\n  ingress {\n    cidr = \"0.0.0.0/0\"\n  }\n}\n",
        good_example: "resource \"aws_db_security_group\" \"legacy\" {\n  name = \"legacy-db\"\n  ingress {\n    cidr = \"10.0.0.0/16\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Legacy:\n    Type: AWS::RDS::DBSecurityGroup\n    Properties:\n      GroupDescription: legacy database access\n      DBSecurityGroupIngress:\n        - CIDRIP: 0.0.0.0/0\n",
            good: "Resources:\n  Legacy:\n    Type: AWS::RDS::DBSecurityGroup\n    Properties:\n      GroupDescription: legacy database access\n      DBSecurityGroupIngress:\n        - CIDRIP: 10.0.0.0/16\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for ingress in rds::classic_ingress(deployment) {
        let Some(cidr) = ingress.cidr.as_str() else { continue };
        if matches!(cidr.trim(), "0.0.0.0/0" | "::/0") {
            deployment.report(
                hits,
                ingress.resource,
                Some(ingress.cidr),
                format!("the DB security group admits {} to the database", cidr.trim()),
            );
        }
    }
}
