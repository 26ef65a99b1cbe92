use crate::cloud::aws::network::ec2;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ053",
        name: "ec2-user-data-secret",
        title: "EC2 user data contains what looks like a credential",
        severity: Severity::Critical,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0029", "aws-ec2-no-secrets-in-user-data", "AVD-AWS-0129", "aws-ec2-no-secrets-in-launch-template-user-data", "aws-autoscaling-no-secrets-in-user-data", "CKV_AWS_46"],
        rationale: "User data is stored in plain text with the instance or template: anyone allowed to describe instances, and any process on the machine through the metadata service, can read it, and it lands in state files and templates. Credentials written there are effectively published to all of them.",
        remediation: "Remove the key or password from `user_data` (`UserData`); give the machine an instance role and read secrets at boot from Secrets Manager or SSM Parameter Store.",
        bad_example: "resource \"aws_instance\" \"web\" {\n  ami           = \"ami-0c55b159cbfafe1f0\"\n  instance_type = \"t3.micro\"\n  user_data     = \"#!/bin/bash\\nexport DB_PASSWORD=Tr0ub4dor-3\\n./start.sh\\n\"\n}\n",
        good_example: "resource \"aws_instance\" \"web\" {\n  ami           = \"ami-0c55b159cbfafe1f0\"\n  instance_type = \"t3.micro\"\n  user_data     = \"#!/bin/bash\\nexport DB_PASSWORD=$(aws ssm get-parameter --name /app/db --with-decryption --query Parameter.Value --output text)\\n./start.sh\\n\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0c55b159cbfafe1f0\n      InstanceType: t3.micro\n      UserData:\n        Fn::Base64: |\n          #!/bin/bash\n          export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n          ./start.sh\n",
            good: "Resources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0c55b159cbfafe1f0\n      InstanceType: t3.micro\n      IamInstanceProfile: web-profile\n      UserData:\n        Fn::Base64: |\n          #!/bin/bash\n          ./start.sh\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for machine in ec2::machines(deployment) {
        for user_data in &machine.user_data {
            let Some(text) = user_data.as_str() else { continue };
            if let Some(what) = ec2::secret_in_user_data(text) {
                deployment.report(
                    hits,
                    machine.resource,
                    Some(user_data),
                    format!("user data contains {what}"),
                );
            }
        }
    }
}
