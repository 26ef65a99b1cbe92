use crate::cloud::aws::policy;
use crate::cloud::aws::storage::glacier;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ046",
        name: "glacier-vault-policy-public",
        title: "Glacier vault access policy allows any principal",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_AWS_167"],
        rationale: "A vault access policy that allows a wildcard principal with no condition lets any AWS account retrieve, or with the wrong actions delete, the archives it holds, which are often the long-term copies of an organisation's records.",
        remediation: "Name the accounts or roles that need the vault in the `Principal` of `access_policy` on the `aws_glacier_vault`, or add a narrowing condition.",
        bad_example: "resource \"aws_glacier_vault\" \"archive\" {\n  name          = \"archive\"\n  access_policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Sid       = \"Anyone\"\n      Effect    = \"Allow\"\n      Principal = \"*\"\n      Action    = \"glacier:InitiateJob\"\n      Resource  = \"arn:aws:glacier:eu-west-1:111122223333:vaults/archive\"\n    }]\n  })\n}\n",
        good_example: "resource \"aws_glacier_vault\" \"archive\" {\n  name          = \"archive\"\n  access_policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Sid       = \"Auditors\"\n      Effect    = \"Allow\"\n      Principal = {\n        AWS = \"arn:aws:iam::111122223333:role/auditor\"\n      }\n      Action   = \"glacier:InitiateJob\"\n      Resource = \"arn:aws:glacier:eu-west-1:111122223333:vaults/archive\"\n    }]\n  })\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: None,
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for vault in glacier::vaults(deployment) {
        let Some(document) = vault.policy.and_then(policy::parse) else { continue };
        for statement in document.statements.iter().filter(|s| s.is_public()) {
            let at = super::statement_attr(statement);
            let message = format!(
                "a vault policy statement allows {} to any principal (`*`) with no condition",
                super::describe_actions(statement)
            );
            deployment.report(hits, vault.resource, Some(&at), message);
        }
    }
}
