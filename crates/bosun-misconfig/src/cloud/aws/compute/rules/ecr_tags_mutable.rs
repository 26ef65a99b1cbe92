use crate::cloud::aws::compute::ecr;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ151",
        name: "ecr-tags-mutable",
        title: "ECR repository allows image tags to be overwritten",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0031", "aws-ecr-enforce-immutable-repository", "CKV_AWS_51"],
        rationale: "With mutable tags, pushing an image under an existing tag silently replaces what that tag means: a deployment that pins `app:1.4` can start running different code, and an attacker with push rights can swap an image without changing any reference to it. Immutable tags make every tag name one image for good.",
        remediation: "Set `image_tag_mutability = \"IMMUTABLE\"` on the `aws_ecr_repository` (`ImageTagMutability: IMMUTABLE` in CloudFormation).",
        bad_example: "resource \"aws_ecr_repository\" \"app\" {\n  name                 = \"app\"\n  image_tag_mutability = \"MUTABLE\"\n}\n",
        good_example: "resource \"aws_ecr_repository\" \"app\" {\n  name                 = \"app\"\n  image_tag_mutability = \"IMMUTABLE\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  App:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: app\n",
            good: "Resources:\n  App:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: app\n      ImageTagMutability: IMMUTABLE\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for repository in ecr::repositories(deployment) {
        if !repository.tags_mutable() {
            continue;
        }
        let message = match repository.tag_mutability {
            Some(_) => "image tags are mutable",
            None => "image tags are mutable by default",
        };
        deployment.report(hits, repository.resource, repository.tag_mutability, message);
    }
}
