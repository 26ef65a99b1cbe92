use crate::cloud::aws::compute::beanstalk;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ182",
        name: "beanstalk-enhanced-health-disabled",
        title: "Elastic Beanstalk environment uses basic health reporting",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV_AWS_312"],
        rationale: "Basic health reporting only looks at load balancer checks and instance status. Enhanced health adds request, latency and operating system metrics from every instance, which is what shows a failing deployment, an overloaded host or unusual traffic early.",
        remediation: "Add the `setting` `SystemType = enhanced` in the `aws:elasticbeanstalk:healthreporting:system` namespace to the `aws_elastic_beanstalk_environment` (`OptionSettings` in CloudFormation).",
        bad_example: "resource \"aws_elastic_beanstalk_environment\" \"web\" {\n  name                = \"web\"\n  application         = \"shop\"\n  solution_stack_name = \"64bit Amazon Linux 2023 v4.3.0 running Python 3.11\"\n  setting {\n    namespace = \"aws:elasticbeanstalk:healthreporting:system\"\n    name      = \"SystemType\"\n    value     = \"basic\"\n  }\n}\n",
        good_example: "resource \"aws_elastic_beanstalk_environment\" \"web\" {\n  name                = \"web\"\n  application         = \"shop\"\n  solution_stack_name = \"64bit Amazon Linux 2023 v4.3.0 running Python 3.11\"\n  setting {\n    namespace = \"aws:elasticbeanstalk:healthreporting:system\"\n    name      = \"SystemType\"\n    value     = \"enhanced\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::ElasticBeanstalk::Environment\n    Properties:\n      ApplicationName: shop\n      SolutionStackName: 64bit Amazon Linux 2023 v4.3.0 running Python 3.11\n",
            good: "Resources:\n  Web:\n    Type: AWS::ElasticBeanstalk::Environment\n    Properties:\n      ApplicationName: shop\n      SolutionStackName: 64bit Amazon Linux 2023 v4.3.0 running Python 3.11\n      OptionSettings:\n        - Namespace: \"aws:elasticbeanstalk:healthreporting:system\"\n          OptionName: SystemType\n          Value: \"enhanced\"\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for environment in beanstalk::environments(deployment) {
        match environment.option("aws:elasticbeanstalk:healthreporting:system", "SystemType") {
            Some(value) if value.as_str().is_some_and(|v| v.eq_ignore_ascii_case("basic")) => {
                deployment.report(hits, environment.resource, Some(value), "health reporting is basic")
            }
            None if !environment.settings_incomplete => deployment.report(
                hits,
                environment.resource,
                None,
                "the environment does not turn on enhanced health reporting",
            ),
            _ => {}
        }
    }
}
