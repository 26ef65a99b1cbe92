use crate::cloud::aws::compute::sagemaker;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ190",
        name: "sagemaker-notebook-root-access",
        title: "SageMaker notebook instance gives its users root access",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_307"],
        rationale: "Root access, on by default, lets every notebook user change the instance itself: install software, alter its configuration and read anything on it, including other users' files and the credentials of its role. Without root, users keep to their own environments.",
        remediation: "Set `root_access = \"Disabled\"` on the `aws_sagemaker_notebook_instance` (`RootAccess: Disabled` in CloudFormation), moving setup steps into a lifecycle configuration.",
        bad_example: "resource \"aws_sagemaker_notebook_instance\" \"research\" {\n  name          = \"research\"\n  role_arn      = \"arn:aws:iam::123456789012:role/sagemaker\"\n  instance_type = \"ml.t3.medium\"\n  root_access   = \"Enabled\"\n}\n",
        good_example: "resource \"aws_sagemaker_notebook_instance\" \"research\" {\n  name          = \"research\"\n  role_arn      = \"arn:aws:iam::123456789012:role/sagemaker\"\n  instance_type = \"ml.t3.medium\"\n  root_access   = \"Disabled\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Research:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/sagemaker\n      InstanceType: ml.t3.medium\n",
            good: "Resources:\n  Research:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/sagemaker\n      InstanceType: ml.t3.medium\n      RootAccess: Disabled\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for notebook in sagemaker::notebook_instances(deployment) {
        match notebook.root_access {
            Switch::Absent => {
                deployment.report(hits, notebook.resource, None, "notebook users get root access by default")
            }
            Switch::On(at) => deployment.report(hits, notebook.resource, Some(at), "root access is enabled"),
            Switch::Off(_) | Switch::Unknown(_) => {}
        }
    }
}
