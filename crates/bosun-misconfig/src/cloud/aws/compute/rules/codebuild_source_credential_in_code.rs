use crate::cloud::aws::compute::codebuild;
use crate::cloud::aws::compute::common::literal_secret;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ179",
        name: "codebuild-source-credential-in-code",
        title: "CodeBuild source credential has its token written in the code",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &[],
        rationale: "The token of a source credential grants access to the GitHub, GitHub Enterprise or Bitbucket account that holds your code. Written as a literal, it sits in version control and in every copy of the repository, where it can be used to read or change the code.",
        remediation: "Pass the `token` of the `aws_codebuild_source_credential` from a variable fed by a secret store, or from `aws_secretsmanager_secret_version` (in CloudFormation, use a `{{resolve:secretsmanager:...}}` dynamic reference for `Token`), and rotate the exposed token.",
        bad_example: "resource \"aws_codebuild_source_credential\" \"github\" {\n  auth_type   = \"PERSONAL_ACCESS_TOKEN\"\n  server_type = \"GITHUB\"\n  token       = \"ghp_4mZq8ReX2pLk7TvNw1cYbH\"\n}\n",
        good_example: "resource \"aws_codebuild_source_credential\" \"github\" {\n  auth_type   = \"PERSONAL_ACCESS_TOKEN\"\n  server_type = \"GITHUB\"\n  token       = aws_secretsmanager_secret_version.github.secret_string\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  GitHub:\n    Type: AWS::CodeBuild::SourceCredential\n    Properties:\n      AuthType: PERSONAL_ACCESS_TOKEN\n      ServerType: GITHUB\n      Token: ghp_4mZq8ReX2pLk7TvNw1cYbH\n",
            good: "Resources:\n  GitHub:\n    Type: AWS::CodeBuild::SourceCredential\n    Properties:\n      AuthType: PERSONAL_ACCESS_TOKEN\n      ServerType: GITHUB\n      Token: \"{{resolve:secretsmanager:build/github:SecretString:token}}\"\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for credential in codebuild::source_credentials(deployment) {
        let Some(token) = credential.token else { continue };
        // The name says it is a token; only a literal value counts.
        if literal_secret("token", token).is_some() {
            deployment.report(
                hits,
                credential.resource,
                Some(token),
                "the source credential's token is a literal",
            );
        }
    }
}
