use crate::cloud::aws::compute::ecr;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ150",
        name: "ecr-scan-on-push-disabled",
        title: "ECR repository does not scan images when they are pushed",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0030", "aws-ecr-enable-image-scans", "CKV_AWS_163", "W79"],
        rationale: "Scanning on push checks every new image for known vulnerabilities as soon as it lands in the registry, before anything runs it. Without it, vulnerable images are only found if someone starts a scan by hand. A registry-wide scanning configuration in the same deployment counts as scanning.",
        remediation: "Set `image_scanning_configuration { scan_on_push = true }` on the `aws_ecr_repository` (`ImageScanningConfiguration: {ScanOnPush: true}` in CloudFormation), or scan at registry level with `aws_ecr_registry_scanning_configuration`.",
        bad_example: "resource \"aws_ecr_repository\" \"app\" {\n  name = \"app\"\n  image_scanning_configuration {\n    scan_on_push = false\n  }\n}\n",
        good_example: "resource \"aws_ecr_repository\" \"app\" {\n  name = \"app\"\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  App:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: app\n",
            good: "Resources:\n  App:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: app\n      ImageScanningConfiguration:\n        ScanOnPush: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    if ecr::registry_scans_images(deployment) {
        return;
    }
    for repository in ecr::repositories(deployment) {
        match repository.scan_on_push {
            Switch::Absent => deployment.report(
                hits,
                repository.resource,
                None,
                "the repository does not turn on scan on push",
            ),
            Switch::Off(at) => {
                deployment.report(hits, repository.resource, Some(at), "scan on push is turned off")
            }
            Switch::On(_) | Switch::Unknown(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn a_registry_scanning_rule_covers_the_repositories() {
        let text = "resource \"aws_ecr_repository\" \"app\" {\n  name = \"app\"\n}\n\n\
                    resource \"aws_ecr_registry_scanning_configuration\" \"all\" {\n  scan_type = \"ENHANCED\"\n  \
                    rule {\n    scan_frequency = \"CONTINUOUS_SCAN\"\n    repository_filter {\n      filter = \"*\"\n      \
                    filter_type = \"WILDCARD\"\n    }\n  }\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
        let alone = "resource \"aws_ecr_repository\" \"app\" {\n  name = \"app\"\n}\n";
        assert_eq!(run_on_example(&RULE, alone).len(), 1);
    }
}
