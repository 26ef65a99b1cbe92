use crate::cloud::aws::compute::sagemaker;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ192",
        name: "sagemaker-notebook-imds-v1",
        title: "SageMaker notebook instance allows IMDSv1",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_371"],
        rationale: "Notebook instances accept version 1 of the instance metadata service unless told otherwise. IMDSv1 answers plain GET requests, so a server-side request forgery in code run on the notebook can fetch the credentials of its role. IMDSv2 requires a session token that such requests cannot obtain.",
        remediation: "Set `instance_metadata_service_configuration { minimum_instance_metadata_service_version = \"2\" }` on the `aws_sagemaker_notebook_instance` (`InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion: \"2\"` in CloudFormation).",
        bad_example: "resource \"aws_sagemaker_notebook_instance\" \"research\" {\n  name          = \"research\"\n  role_arn      = \"arn:aws:iam::123456789012:role/sagemaker\"\n  instance_type = \"ml.t3.medium\"\n  instance_metadata_service_configuration {\n    minimum_instance_metadata_service_version = \"1\"\n  }\n}\n",
        good_example: "resource \"aws_sagemaker_notebook_instance\" \"research\" {\n  name          = \"research\"\n  role_arn      = \"arn:aws:iam::123456789012:role/sagemaker\"\n  instance_type = \"ml.t3.medium\"\n  instance_metadata_service_configuration {\n    minimum_instance_metadata_service_version = \"2\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Research:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/sagemaker\n      InstanceType: ml.t3.medium\n",
            good: "Resources:\n  Research:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/sagemaker\n      InstanceType: ml.t3.medium\n      InstanceMetadataServiceConfiguration:\n        MinimumInstanceMetadataServiceVersion: \"2\"\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for notebook in sagemaker::notebook_instances(deployment) {
        match notebook.minimum_imds_version.filter(|v| !v.is_null()) {
            None => deployment.report(hits, notebook.resource, None, "the notebook allows IMDSv1 by default"),
            Some(version) if version.as_i64() == Some(1) => deployment.report(
                hits,
                notebook.resource,
                Some(version),
                "the minimum metadata service version is 1",
            ),
            Some(_) => {}
        }
    }
}
