use crate::cloud::aws::compute::ecs;
use crate::cloud::Attr;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ160",
        name: "ecs-efs-transit-encryption-disabled",
        title: "ECS task mounts an EFS volume without encryption in transit",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0035", "aws-ecs-enable-in-transit-encryption", "CKV_AWS_97"],
        rationale: "Without transit encryption, the NFS traffic between the task and the EFS file system crosses the network in clear text, where anything able to observe it reads or alters the files. ECS can wrap the mount in TLS at no cost to the application.",
        remediation: "Set `transit_encryption = \"ENABLED\"` in the volume's `efs_volume_configuration` of the `aws_ecs_task_definition` (`TransitEncryption: ENABLED` in `EFSVolumeConfiguration` in CloudFormation).",
        bad_example: "resource \"aws_ecs_task_definition\" \"app\" {\n  family                = \"app\"\n  container_definitions = jsonencode([{ name = \"app\", image = \"registry.example.com/app:1.4\" }])\n  volume {\n    name = \"data\"\n    efs_volume_configuration {\n      file_system_id = \"fs-0123456789abcdef0\"\n    }\n  }\n}\n",
        good_example: "resource \"aws_ecs_task_definition\" \"app\" {\n  family                = \"app\"\n  container_definitions = jsonencode([{ name = \"app\", image = \"registry.example.com/app:1.4\" }])\n  volume {\n    name = \"data\"\n    efs_volume_configuration {\n      file_system_id     = \"fs-0123456789abcdef0\"\n      transit_encryption = \"ENABLED\"\n    }\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  App:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: app\n      Volumes:\n        - Name: data\n          EFSVolumeConfiguration:\n            FilesystemId: fs-0123456789abcdef0\n            TransitEncryption: DISABLED\n      ContainerDefinitions:\n        - Name: app\n          Image: registry.example.com/app:1.4\n",
            good: "Resources:\n  App:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: app\n      Volumes:\n        - Name: data\n          EFSVolumeConfiguration:\n            FilesystemId: fs-0123456789abcdef0\n            TransitEncryption: ENABLED\n      ContainerDefinitions:\n        - Name: app\n          Image: registry.example.com/app:1.4\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for task in ecs::task_definitions(deployment) {
        for volume in &task.volumes {
            let name = volume.name.and_then(Attr::as_str).unwrap_or("?");
            match volume.transit_encryption.filter(|t| !t.is_null()) {
                None => deployment.report(
                    hits,
                    task.resource,
                    Some(volume.efs),
                    format!("EFS volume `{name}` does not turn on transit encryption"),
                ),
                Some(setting) if setting.as_str().is_some_and(|t| t.eq_ignore_ascii_case("DISABLED")) => {
                    deployment.report(
                        hits,
                        task.resource,
                        Some(setting),
                        format!("EFS volume `{name}` has transit encryption off"),
                    )
                }
                Some(_) => {}
            }
        }
    }
}
