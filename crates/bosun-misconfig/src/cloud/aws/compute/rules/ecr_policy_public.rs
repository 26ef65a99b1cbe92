use crate::cloud::aws::compute::ecr;
use crate::cloud::aws::policy;
use crate::cloud::Attr;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ153",
        name: "ecr-policy-public",
        title: "ECR repository policy lets anyone use the repository",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["AVD-AWS-0032", "aws-ecr-no-public-access", "CKV_AWS_32"],
        rationale: "A repository policy statement that allows the principal `*` without a condition opens the repository to every AWS account: anyone can pull its images (and whatever secrets or code they hold), and with push actions anyone can replace them.",
        remediation: "Name the accounts or roles that need access in the `Principal` of the `aws_ecr_repository_policy` (`RepositoryPolicyText` in CloudFormation), or narrow a `*` principal with a condition such as `aws:PrincipalOrgID`.",
        bad_example: "resource \"aws_ecr_repository\" \"app\" {\n  name = \"app\"\n}\n\nresource \"aws_ecr_repository_policy\" \"app\" {\n  repository = aws_ecr_repository.app.name\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Sid       = \"pull\"\n      Effect    = \"Allow\"\n      Principal = \"*\"\n      Action    = [\"ecr:GetDownloadUrlForLayer\", \"ecr:BatchGetImage\"]\n    }]\n  })\n}\n",
        good_example: "resource \"aws_ecr_repository\" \"app\" {\n  name = \"app\"\n}\n\nresource \"aws_ecr_repository_policy\" \"app\" {\n  repository = aws_ecr_repository.app.name\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Sid       = \"pull\"\n      Effect    = \"Allow\"\n      Principal = { AWS = \"arn:aws:iam::123456789012:root\" }\n      Action    = [\"ecr:GetDownloadUrlForLayer\", \"ecr:BatchGetImage\"]\n    }]\n  })\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  App:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: app\n      RepositoryPolicyText:\n        Version: \"2012-10-17\"\n        Statement:\n          - Sid: pull\n            Effect: Allow\n            Principal: \"*\"\n            Action:\n              - ecr:GetDownloadUrlForLayer\n              - ecr:BatchGetImage\n",
            good: "Resources:\n  App:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: app\n      RepositoryPolicyText:\n        Version: \"2012-10-17\"\n        Statement:\n          - Sid: pull\n            Effect: Allow\n            Principal:\n              AWS: arn:aws:iam::123456789012:root\n            Action:\n              - ecr:GetDownloadUrlForLayer\n              - ecr:BatchGetImage\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for repository_policy in ecr::repository_policies(deployment) {
        let Some(document) = policy::parse(repository_policy.document) else { continue };
        for statement in document.statements.iter().filter(|s| s.is_public()) {
            let at = Attr::unknown(statement.span, statement.file);
            let actions = if statement.actions.is_empty() {
                "any action".to_string()
            } else {
                statement.actions.join(", ")
            };
            deployment.report(
                hits,
                repository_policy.resource,
                Some(&at),
                format!("the repository policy allows anyone ({actions}) with no condition"),
            );
        }
    }
}
