use crate::cloud::aws::network::ec2;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ051",
        name: "ec2-public-ip-associated",
        title: "EC2 machine is given a public IP address",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_88", "AVD-AWS-0009", "aws-ec2-no-public-ip", "aws-autoscaling-no-public-ip", "CKV_AWS_389"],
        rationale: "An instance with a public address can be reached from the internet whenever a security group or network ACL lets traffic through, and it can reach out without passing a NAT gateway or proxy. Keeping machines on private addresses behind load balancers limits what one permissive rule can expose.",
        remediation: "Set `associate_public_ip_address = false` (or leave it out) on the instance, launch template network interface or launch configuration (`AssociatePublicIpAddress: false`).",
        bad_example: "resource \"aws_instance\" \"web\" {\n  ami           = \"ami-0c55b159cbfafe1f0\"\n  instance_type = \"t3.micro\"\n  associate_public_ip_address = true\n}\n",
        good_example: "resource \"aws_instance\" \"web\" {\n  ami           = \"ami-0c55b159cbfafe1f0\"\n  instance_type = \"t3.micro\"\n  associate_public_ip_address = false\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0c55b159cbfafe1f0\n      InstanceType: t3.micro\n      NetworkInterfaces:\n        - DeviceIndex: \"0\"\n          SubnetId: subnet-0abc1234\n          AssociatePublicIpAddress: true\n",
            good: "Resources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0c55b159cbfafe1f0\n      InstanceType: t3.micro\n      NetworkInterfaces:\n        - DeviceIndex: \"0\"\n          SubnetId: subnet-0abc1234\n          AssociatePublicIpAddress: false\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for machine in ec2::machines(deployment) {
        for public in machine.public_ip.iter().filter(|attr| attr.is_true()) {
            deployment.report(
                hits,
                machine.resource,
                Some(public),
                "a public IP address is associated with the machine",
            );
        }
    }
}
