use crate::cloud::aws::compute::batch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ183",
        name: "batch-job-privileged",
        title: "Batch job definition runs a privileged container",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_210", "W34"],
        rationale: "A privileged job container has full access to the compute environment's host: whatever the job runs, including its dependencies and its input, can take over the instance and the other jobs placed on it.",
        remediation: "Remove `privileged = true` from `container_properties` of the `aws_batch_job_definition` (`ContainerProperties.Privileged` in CloudFormation).",
        bad_example: "resource \"aws_batch_job_definition\" \"report\" {\n  name = \"report\"\n  type = \"container\"\n  container_properties = jsonencode({\n    image      = \"registry.example.com/report:2.1\"\n    privileged = true\n    resourceRequirements = [\n      { type = \"VCPU\", value = \"1\" },\n      { type = \"MEMORY\", value = \"2048\" }\n    ]\n  })\n}\n",
        good_example: "resource \"aws_batch_job_definition\" \"report\" {\n  name = \"report\"\n  type = \"container\"\n  container_properties = jsonencode({\n    image = \"registry.example.com/report:2.1\"\n    resourceRequirements = [\n      { type = \"VCPU\", value = \"1\" },\n      { type = \"MEMORY\", value = \"2048\" }\n    ]\n  })\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Report:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      Type: container\n      ContainerProperties:\n        Image: registry.example.com/report:2.1\n        Privileged: true\n",
            good: "Resources:\n  Report:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      Type: container\n      ContainerProperties:\n        Image: registry.example.com/report:2.1\n        Privileged: false\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for job in batch::job_definitions(deployment) {
        for privileged in job.privileged() {
            deployment.report(
                hits,
                job.resource,
                Some(privileged),
                "the job's container runs in privileged mode",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn multi_node_jobs() {
        let text = "resource \"aws_batch_job_definition\" \"mpi\" {\n  name = \"mpi\"\n  type = \"multinode\"\n  \
                    node_properties = jsonencode({\n    mainNode = 0\n    numNodes = 2\n    nodeRangeProperties = [\n      \
                    { targetNodes = \"0:\", container = { image = \"mpi:1\", privileged = true } }\n    ]\n  })\n}\n";
        assert_eq!(run_on_example(&RULE, text).len(), 1);
    }
}
