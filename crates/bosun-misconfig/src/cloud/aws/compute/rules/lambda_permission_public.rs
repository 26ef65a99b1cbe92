use crate::cloud::aws::compute::lambda;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ169",
        name: "lambda-permission-public",
        title: "Lambda permission lets any AWS account invoke the function",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_301", "F13"],
        rationale: "A permission whose principal is `*`, with no source account, source ARN or organization to narrow it, adds a statement to the function's policy that lets any AWS account call it. The function then runs, with its role's permissions, for whoever learns its name. Grants for function URLs without authentication are reported by `lambda-function-url-unauthenticated` instead.",
        remediation: "Name the account, role or service that needs to invoke the function in `principal` of the `aws_lambda_permission` (`Principal` in CloudFormation), or narrow `*` with `source_account`, `source_arn` or `principal_org_id`.",
        bad_example: "resource \"aws_lambda_permission\" \"invoke\" {\n  statement_id  = \"invoke\"\n  action        = \"lambda:InvokeFunction\"\n  function_name = \"api\"\n  principal     = \"*\"\n}\n",
        good_example: "resource \"aws_lambda_permission\" \"invoke\" {\n  statement_id  = \"invoke\"\n  action        = \"lambda:InvokeFunction\"\n  function_name = \"api\"\n  principal     = \"123456789012\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Invoke:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: api\n      Principal: \"*\"\n",
            good: "Resources:\n  Invoke:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: api\n      Principal: \"123456789012\"\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for permission in lambda::permissions(deployment) {
        if permission.principal_text().is_some_and(|p| p.trim() == "*")
            && !permission.is_scoped()
            && !permission.serves_public_url()
        {
            deployment.report(
                hits,
                permission.resource,
                permission.principal,
                "the permission's principal is `*` with no source account, source ARN or organization",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn permission(body: &str) -> String {
        format!("resource \"aws_lambda_permission\" \"p\" {{\n  function_name = \"api\"\n{body}}}\n")
    }

    #[test]
    fn scoped_grants_and_public_urls_are_left_alone() {
        let scoped = permission(
            "  action = \"lambda:InvokeFunction\"\n  principal = \"*\"\n  principal_org_id = \"o-abc123\"\n",
        );
        assert!(run_on_example(&RULE, &scoped).is_empty());
        let url = permission(
            "  action = \"lambda:InvokeFunctionUrl\"\n  principal = \"*\"\n  function_url_auth_type = \"NONE\"\n",
        );
        assert!(run_on_example(&RULE, &url).is_empty());
    }
}
