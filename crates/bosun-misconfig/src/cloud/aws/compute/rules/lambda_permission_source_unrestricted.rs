use crate::cloud::aws::compute::lambda;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ170",
        name: "lambda-permission-source-unrestricted",
        title: "Lambda permission for an AWS service does not name the source resource or account",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["AVD-AWS-0067", "aws-lambda-restrict-source-arn", "CKV_AWS_364"],
        rationale: "A permission granted to a service principal such as `s3.amazonaws.com` or `sns.amazonaws.com` without `source_arn` or `source_account` lets that service invoke the function on behalf of any resource, including buckets, topics and rules in other accounts. Anyone can then point their own resource at your function (the confused deputy problem).",
        remediation: "Set `source_arn` (the bucket, topic, rule or API that should call the function) or at least `source_account` on the `aws_lambda_permission` (`SourceArn`/`SourceAccount` in CloudFormation).",
        bad_example: "resource \"aws_lambda_permission\" \"invoke\" {\n  statement_id  = \"invoke\"\n  action        = \"lambda:InvokeFunction\"\n  function_name = \"api\"\n  principal     = \"sns.amazonaws.com\"\n}\n",
        good_example: "resource \"aws_lambda_permission\" \"invoke\" {\n  statement_id  = \"invoke\"\n  action        = \"lambda:InvokeFunction\"\n  function_name = \"api\"\n  principal     = \"sns.amazonaws.com\"\n  source_arn    = \"arn:aws:sns:eu-west-1:123456789012:orders\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Invoke:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: api\n      Principal: s3.amazonaws.com\n",
            good: "Resources:\n  Invoke:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: api\n      Principal: s3.amazonaws.com\n      SourceArn: arn:aws:s3:::acme-uploads\n      SourceAccount: \"123456789012\"\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for permission in lambda::permissions(deployment) {
        let Some(service) = permission.principal_text().filter(|p| is_service(p)) else { continue };
        if permission.is_scoped() {
            continue;
        }
        let message =
            format!("the permission lets {service} invoke the function for any source resource or account");
        deployment.report(hits, permission.resource, permission.principal, message);
    }
}

/// `s3.amazonaws.com`, `events.amazonaws.com`, `logs.eu-west-1.amazonaws.com`.
fn is_service(principal: &str) -> bool {
    let principal = principal.trim().to_ascii_lowercase();
    principal.ends_with(".amazonaws.com") && !principal.contains(':')
}
