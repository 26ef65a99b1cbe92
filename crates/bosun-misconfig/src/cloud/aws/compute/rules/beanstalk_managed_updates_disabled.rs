use crate::cloud::aws::compute::beanstalk;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ181",
        name: "beanstalk-managed-updates-disabled",
        title: "Elastic Beanstalk environment does not apply managed platform updates",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.patch"],
        aliases: &["CKV_AWS_340"],
        rationale: "Managed platform updates install new platform versions, with their operating system and runtime security fixes, during a weekly maintenance window. Without them the environment keeps running the platform it was created with until someone updates it by hand.",
        remediation: "Add the `setting` `ManagedActionsEnabled = true` in the `aws:elasticbeanstalk:managedactions` namespace (with a `PreferredStartTime` and an `UpdateLevel`) to the `aws_elastic_beanstalk_environment` (`OptionSettings` in CloudFormation).",
        bad_example: "resource \"aws_elastic_beanstalk_environment\" \"web\" {\n  name                = \"web\"\n  application         = \"shop\"\n  solution_stack_name = \"64bit Amazon Linux 2023 v4.3.0 running Python 3.11\"\n  setting {\n    namespace = \"aws:elasticbeanstalk:managedactions\"\n    name      = \"ManagedActionsEnabled\"\n    value     = \"false\"\n  }\n}\n",
        good_example: "resource \"aws_elastic_beanstalk_environment\" \"web\" {\n  name                = \"web\"\n  application         = \"shop\"\n  solution_stack_name = \"64bit Amazon Linux 2023 v4.3.0 running Python 3.11\"\n  setting {\n    namespace = \"aws:elasticbeanstalk:managedactions\"\n    name      = \"ManagedActionsEnabled\"\n    value     = \"true\"\n  }\n  setting {\n    namespace = \"aws:elasticbeanstalk:managedactions\"\n    name      = \"PreferredStartTime\"\n    value     = \"Sun:02:00\"\n  }\n  setting {\n    namespace = \"aws:elasticbeanstalk:managedactions:platformupdate\"\n    name      = \"UpdateLevel\"\n    value     = \"minor\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Web:\n    Type: AWS::ElasticBeanstalk::Environment\n    Properties:\n      ApplicationName: shop\n      SolutionStackName: 64bit Amazon Linux 2023 v4.3.0 running Python 3.11\n",
            good: "Resources:\n  Web:\n    Type: AWS::ElasticBeanstalk::Environment\n    Properties:\n      ApplicationName: shop\n      SolutionStackName: 64bit Amazon Linux 2023 v4.3.0 running Python 3.11\n      OptionSettings:\n        - Namespace: \"aws:elasticbeanstalk:managedactions\"\n          OptionName: ManagedActionsEnabled\n          Value: \"true\"\n        - Namespace: \"aws:elasticbeanstalk:managedactions\"\n          OptionName: PreferredStartTime\n          Value: \"Sun:02:00\"\n        - Namespace: \"aws:elasticbeanstalk:managedactions:platformupdate\"\n          OptionName: UpdateLevel\n          Value: \"minor\"\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for environment in beanstalk::environments(deployment) {
        match environment.option("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled") {
            Some(value) if value.is_false() => deployment.report(
                hits,
                environment.resource,
                Some(value),
                "managed platform updates are turned off",
            ),
            None if !environment.settings_incomplete => deployment.report(
                hits,
                environment.resource,
                None,
                "the environment does not turn on managed platform updates",
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn settings_from_a_template_or_computed_are_not_judged() {
        let template = "resource \"aws_elastic_beanstalk_environment\" \"web\" {\n  name = \"web\"\n  application = \"shop\"\n  \
                        template_name = \"base\"\n}\n";
        assert!(run_on_example(&RULE, template).is_empty());
        let computed = "resource \"aws_elastic_beanstalk_environment\" \"web\" {\n  name = \"web\"\n  application = \"shop\"\n  \
                        solution_stack_name = \"x\"\n  setting {\n    namespace = var.ns\n    name = \"ManagedActionsEnabled\"\n    \
                        value = \"true\"\n  }\n}\n";
        assert!(run_on_example(&RULE, computed).is_empty());
    }
}
