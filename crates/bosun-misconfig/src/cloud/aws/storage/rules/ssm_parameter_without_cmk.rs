use crate::cloud::aws::storage::ssm;
use crate::cloud::aws::storage::switch::names_customer_key;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ041",
        name: "ssm-parameter-without-cmk",
        title: "SSM SecureString parameter is not encrypted with a customer managed KMS key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform"],
        aliases: &["CKV_AWS_337"],
        rationale: "A SecureString parameter without a key of its own is encrypted with the AWS managed `aws/ssm` key, which every principal of the account allowed to read the parameter can use. A customer managed key adds a separate policy over who can decrypt the value.",
        remediation: "Set `key_id` to a customer managed key on the `aws_ssm_parameter`. CloudFormation cannot create SecureString parameters.",
        bad_example: "variable \"db_password\" {\n  type      = string\n  sensitive = true\n}\n\nresource \"aws_ssm_parameter\" \"db\" {\n  name  = \"/prod/db/password\"\n  type  = \"SecureString\"\n  value = var.db_password\n}\n",
        good_example: "resource \"aws_kms_key\" \"data\" {\n  enable_key_rotation = true\n}\n\nvariable \"db_password\" {\n  type      = string\n  sensitive = true\n}\n\nresource \"aws_ssm_parameter\" \"db\" {\n  name   = \"/prod/db/password\"\n  type   = \"SecureString\"\n  value  = var.db_password\n  key_id = aws_kms_key.data.arn\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: None,
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for parameter in ssm::parameters(deployment) {
        if parameter.is_secure_string() && !names_customer_key(parameter.kms_key) {
            deployment.report(
                hits,
                parameter.resource,
                parameter.kms_key.or(parameter.kind),
                "the SecureString parameter is encrypted with the AWS managed key `aws/ssm`",
            );
        }
    }
}
