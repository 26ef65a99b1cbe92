use crate::cloud::aws::compute::sagemaker;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ189",
        name: "sagemaker-notebook-direct-internet",
        title: "SageMaker notebook instance has direct internet access",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &["CKV_AWS_122"],
        rationale: "By default a notebook instance gets a network interface with direct internet access, outside your VPC's controls. Code run in the notebook can then send data anywhere and download anything. With direct access off, its traffic goes through your VPC, where security groups, NAT and endpoints decide what it can reach.",
        remediation: "Set `direct_internet_access = \"Disabled\"` with a `subnet_id` and `security_groups` on the `aws_sagemaker_notebook_instance` (`DirectInternetAccess: Disabled` with `SubnetId` in CloudFormation).",
        bad_example: "resource \"aws_sagemaker_notebook_instance\" \"research\" {\n  name          = \"research\"\n  role_arn      = \"arn:aws:iam::123456789012:role/sagemaker\"\n  instance_type = \"ml.t3.medium\"\n}\n",
        good_example: "resource \"aws_sagemaker_notebook_instance\" \"research\" {\n  name          = \"research\"\n  role_arn      = \"arn:aws:iam::123456789012:role/sagemaker\"\n  instance_type = \"ml.t3.medium\"\n  subnet_id              = \"subnet-0123456789abcdef0\"\n  security_groups        = [\"sg-0123456789abcdef0\"]\n  direct_internet_access = \"Disabled\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Research:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/sagemaker\n      InstanceType: ml.t3.medium\n      DirectInternetAccess: Enabled\n",
            good: "Resources:\n  Research:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/sagemaker\n      InstanceType: ml.t3.medium\n      SubnetId: subnet-0123456789abcdef0\n      SecurityGroupIds:\n        - sg-0123456789abcdef0\n      DirectInternetAccess: Disabled\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for notebook in sagemaker::notebook_instances(deployment) {
        match notebook.direct_internet_access {
            Switch::Absent => deployment.report(
                hits,
                notebook.resource,
                None,
                "the notebook has direct internet access by default",
            ),
            Switch::On(at) => {
                deployment.report(hits, notebook.resource, Some(at), "direct internet access is enabled")
            }
            Switch::Off(_) | Switch::Unknown(_) => {}
        }
    }
}
