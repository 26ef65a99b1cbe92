use crate::cloud::aws::network::ec2::{self, MachineKind};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ054",
        name: "ec2-detailed-monitoring-disabled",
        title: "EC2 instance does not have detailed monitoring enabled",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_126"],
        rationale: "Basic monitoring reports instance metrics every five minutes; detailed monitoring reports every minute. Without it, short spikes in CPU or network use, such as those of a compromised machine mining or exfiltrating, are averaged away and alarms react late.",
        remediation: "Set `monitoring = true` on the instance (`Monitoring: true` in CloudFormation).",
        bad_example: "resource \"aws_instance\" \"web\" {\n  ami           = \"ami-0c55b159cbfafe1f0\"\n  instance_type = \"t3.micro\"\n}\n",
        good_example: "resource \"aws_instance\" \"web\" {\n  ami           = \"ami-0c55b159cbfafe1f0\"\n  instance_type = \"t3.micro\"\n  monitoring    = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0c55b159cbfafe1f0\n      InstanceType: t3.micro\n",
            good: "Resources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0c55b159cbfafe1f0\n      InstanceType: t3.micro\n      Monitoring: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for machine in ec2::machines(deployment) {
        if machine.kind != MachineKind::Instance || machine.monitoring_default_on {
            continue;
        }
        match machine.monitoring {
            Some(monitoring) if monitoring.is_false() => deployment.report(
                hits,
                machine.resource,
                Some(monitoring),
                "detailed monitoring is turned off",
            ),
            None if !machine.from_template => {
                deployment.report(hits, machine.resource, None, "detailed monitoring is not enabled")
            }
            _ => {}
        }
    }
}
