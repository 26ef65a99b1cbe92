use crate::cloud::aws::storage::ssm;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ042",
        name: "ssm-document-public",
        title: "SSM document is shared with every AWS account",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["CKV_AWS_303"],
        rationale: "Sharing a document with `all` publishes it: any AWS account can read its content and run it. Documents often name internal hosts, buckets and scripts, and sometimes embed credentials.",
        remediation: "List the accounts that need the document in `permissions.account_ids` of the `aws_ssm_document` instead of `all`. CloudFormation cannot share documents.",
        bad_example: "resource \"aws_ssm_document\" \"patch\" {\n  name          = \"acme-patch\"\n  document_type = \"Command\"\n  content       = \"{\\\"schemaVersion\\\":\\\"2.2\\\",\\\"mainSteps\\\":[]}\"\n\n  permissions = {\n    type        = \"Share\"\n    account_ids = \"all\"\n  }\n}\n",
        good_example: "resource \"aws_ssm_document\" \"patch\" {\n  name          = \"acme-patch\"\n  document_type = \"Command\"\n  content       = \"{\\\"schemaVersion\\\":\\\"2.2\\\",\\\"mainSteps\\\":[]}\"\n\n  permissions = {\n    type        = \"Share\"\n    account_ids = \"111122223333\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: None,
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for document in ssm::documents(deployment) {
        if let Some(accounts) = document.shared_with_all() {
            deployment.report(
                hits,
                document.resource,
                Some(accounts),
                "the document is shared with `all` AWS accounts",
            );
        }
    }
}
