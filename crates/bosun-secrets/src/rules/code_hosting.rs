//! Code hosting and CI/CD: GitHub, GitLab, Bitbucket and the build services.

use crate::checksum;
use crate::rule::{SecretRule, META};
use bosun_core::{RuleMeta, Severity};

pub static RULES: &[SecretRule] = &[
    SecretRule {
        meta: RuleMeta {
            id: "SEC040",
            name: "github-personal-access-token",
            title: "GitHub personal access token",
            severity: Severity::Critical,
            aliases: &["github-pat", "CKV_SECRET_43"],
            rationale: "A classic GitHub personal access token acts as its owner on every repository and \
                        organization the owner can reach, within its scopes: reading private code, pushing \
                        commits, changing workflows.",
            remediation: "Revoke the token at github.com/settings/tokens, replace it with a fine-grained token \
                          or a GitHub App installation token kept in a secret store.",
            bad_example: "GITHUB_TOKEN=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\n",
            good_example: "GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}\n",
            ..META
        },
        keywords: &["ghp_"],
        pattern: r"\b(?P<secret>ghp_[0-9A-Za-z]{36})\b",
        validate: Some(checksum::crc32_base62_suffix),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC041",
            name: "github-oauth-access-token",
            title: "GitHub OAuth access token",
            severity: Severity::Critical,
            aliases: &["github-oauth", "CKV_SECRET_43"],
            rationale: "An OAuth app's access token acts as the user who authorized the app, with the scopes they \
                        granted (often repo and workflow), and does not expire until it is revoked.",
            remediation: "Revoke the app's authorization (Settings, Applications) or reset the app's tokens, and \
                          keep OAuth tokens server-side in a secret store.",
            bad_example: "GITHUB_OAUTH_TOKEN=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\n",
            good_example: "GITHUB_OAUTH_TOKEN=gho_M0XvqZjxTW3xvboSRt5Mh3dAwVtRMf3LeZiA\n",
            ..META
        },
        keywords: &["gho_"],
        pattern: r"\b(?P<secret>gho_[0-9A-Za-z]{36})\b",
        validate: Some(checksum::crc32_base62_suffix),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC042",
            name: "github-user-access-token",
            title: "GitHub App user access token",
            severity: Severity::High,
            aliases: &["github-app-token", "CKV_SECRET_43"],
            rationale: "A user access token (user-to-server) lets a GitHub App act as the signed-in user on \
                        everything both the user and the app's permissions allow, for eight hours by default.",
            remediation: "Revoke the user's authorization of the app (or the token through the API), and keep \
                          user tokens server-side, never in repositories or client code.",
            bad_example: "access_token = \"ghu_lhbmuaptt0Azn0DNRUQxA71p2Td8VK0CM5Qe\"\n",
            good_example: "access_token = \"ghu_lhbmuaptt0Azn0DNRUQxA71p2Td8VK0CM5QA\"\n",
            ..META
        },
        keywords: &["ghu_"],
        pattern: r"\b(?P<secret>ghu_[0-9A-Za-z]{36})\b",
        validate: Some(checksum::crc32_base62_suffix),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC043",
            name: "github-installation-access-token",
            title: "GitHub App installation access token",
            severity: Severity::High,
            aliases: &["github-app-token", "CKV_SECRET_43"],
            rationale: "An installation token (server-to-server, including Actions' GITHUB_TOKEN) acts as the \
                        GitHub App on every repository of the installation, with all the app's permissions, \
                        for up to an hour.",
            remediation: "Revoke the token through the API (DELETE /installation/token) and mint installation \
                          tokens at run time from the app's key in a secret store.",
            bad_example: "GITHUB_TOKEN=ghs_qxryo1nIj7BRd03Q2ybv097SHzxgQA25M1VZ\n",
            good_example: "GITHUB_TOKEN=ghs_qxryo1nIj7BRd03Q2ybv097SHzxgQA25M1VA\n",
            ..META
        },
        keywords: &["ghs_"],
        pattern: r"\b(?P<secret>ghs_(?:[0-9]{1,12}_eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+|[0-9A-Za-z]{36}\b))",
        validate: Some(checksum::github_installation_token),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC044",
            name: "github-refresh-token",
            title: "GitHub App refresh token",
            severity: Severity::High,
            aliases: &["github-refresh-token", "CKV_SECRET_43"],
            rationale: "A refresh token mints new user access tokens for a GitHub App, each acting as the user, \
                        for six months after it was issued.",
            remediation: "Revoke the user's authorization of the app and keep refresh tokens encrypted server-side \
                          with the app's client secret.",
            bad_example: "{\"refresh_token\": \"ghr_Cxh1Gd1CJoWD6W7vjmqz6mYjWc7izH9DsTNAveadCL8Sby90WIJSbUGWBOWWcuaA5zbWVb2FaCo7\", \"refresh_token_expires_in\": 15897600}\n",
            good_example: "{\"refresh_token\": \
                           \"ghr_1B4a2e77838347a7E420ce178F2E7c6912E169246c34E1ccbF66C46812d16D5B1A9Dc86A1498\"}\n",
            ..META
        },
        keywords: &["ghr_"],
        pattern: r"\b(?P<secret>ghr_[0-9A-Za-z]{76})\b",
        min_entropy: 4.0,
        // The example in GitHub's documentation of refresh tokens.
        allow_regexes: &[r"^ghr_1B4a2e77838347a7E420ce178F2E7c6912E169246c34E1ccbF66C46812d16D5B1A9Dc86A1498$"],
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC045",
            name: "github-fine-grained-personal-access-token",
            title: "GitHub fine-grained personal access token",
            severity: Severity::Critical,
            aliases: &["github-fine-grained-pat"],
            rationale: "A fine-grained personal access token acts as its owner on the repositories and \
                        permissions it was given: reading private code, pushing, editing workflows and secrets.",
            remediation: "Revoke the token at github.com/settings/personal-access-tokens and give automation a \
                          GitHub App or a shorter-lived token kept in a secret store.",
            bad_example: "GH_TOKEN=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\n",
            good_example: "GH_TOKEN=github_pat_11xxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
            ..META
        },
        keywords: &["github_pat_"],
        pattern: r"\b(?P<secret>github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59})\b",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC046",
            name: "gitlab-personal-access-token",
            title: "GitLab personal, project or group access token",
            severity: Severity::Critical,
            aliases: &["gitlab-pat", "gitlab-pat-routable", "CKV_SECRET_44"],
            rationale: "A glpat- token (personal, project, group or impersonation) acts as its user or bot on the \
                        API, Git over HTTPS and the registries within its scopes: reading and pushing code, \
                        changing CI/CD variables and pipelines.",
            remediation: "Revoke the token (User settings or the project's or group's Access tokens) and use CI job \
                          tokens or a short-lived token from a secret store.",
            bad_example: "GITLAB_TOKEN=glpat-YzoxCm86MWIKdTo0ZjJr2Bu4aRKzS7sVfRi4LvI6pBA.01.171uecv5z\n",
            good_example: "GITLAB_TOKEN=glpat-YzoxCm86MWIKdTo0ZjJr2Bu4aRKzS7sVfRi4LvI6pBA.01.171uecv50\n",
            ..META
        },
        keywords: &["glpat-"],
        pattern: r"(?:^|[^A-Za-z0-9_-])(?P<secret>glpat-(?:[A-Za-z0-9_-]{27,300}\.(?:[0-9a-z]{2}\.)?[0-9a-z]{9}|[A-Za-z0-9_-]{20}))(?:$|[^A-Za-z0-9_-])",
        min_entropy: 3.0,
        validate: Some(checksum::gitlab_token),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC047",
            name: "gitlab-deploy-token",
            title: "GitLab deploy token",
            severity: Severity::High,
            aliases: &["gitlab-deploy-token"],
            rationale: "A deploy token reads (and, with write scopes, pushes) a project's or group's repositories, \
                        container images and packages, without being tied to a user.",
            remediation: "Revoke the token in the project's or group's Repository settings (Deploy tokens) and keep \
                          its replacement in the deploying system's secret store.",
            bad_example: "git clone https://gitlab+deploy-token-41:gldt-y2Yp_ptzsJqLOJqu3g9D@gitlab.example.com/acme/app.git\n",
            good_example: "git clone https://gitlab+deploy-token-41:${DEPLOY_TOKEN}@gitlab.example.com/acme/app.git\n",
            ..META
        },
        keywords: &["gldt-"],
        pattern: r"(?:^|[^A-Za-z0-9_-])(?P<secret>gldt-(?:[A-Za-z0-9_-]{27,300}\.(?:[0-9a-z]{2}\.)?[0-9a-z]{9}|[A-Za-z0-9_-]{20}))(?:$|[^A-Za-z0-9_-])",
        min_entropy: 3.0,
        validate: Some(checksum::gitlab_token),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC048",
            name: "gitlab-runner-authentication-token",
            title: "GitLab runner authentication token",
            severity: Severity::High,
            aliases: &["gitlab-runner-authentication-token", "gitlab-runner-authentication-token-routable"],
            rationale: "A runner authentication token lets anyone register as that runner and pick up its jobs, \
                        receiving their CI/CD variables, job tokens and source code.",
            remediation: "Reset the token (or delete the runner) in the project's, group's or instance's CI/CD \
                          runners page, and keep config.toml readable only by the runner.",
            bad_example: "[[runners]]\n  url = \"https://gitlab.example.com\"\n  token = \"glrt-t1_YzoxCm86MWIKdTo0ZjJrQEmQZ-QH7NNxofPA766phBA.01.171h00fuz\"\n",
            good_example: "[[runners]]\n  url = \"https://gitlab.example.com\"\n  token = \"__REPLACED_AT_DEPLOY__\"\n",
            ..META
        },
        keywords: &["glrt-"],
        pattern: r"(?:^|[^A-Za-z0-9_-])(?P<secret>glrt-(?:[A-Za-z0-9_-]{27,300}\.(?:[0-9a-z]{2}\.)?[0-9a-z]{9}|[A-Za-z0-9_-]{20}))(?:$|[^A-Za-z0-9_-])",
        min_entropy: 3.0,
        validate: Some(checksum::gitlab_token),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC049",
            name: "gitlab-runner-registration-token",
            title: "GitLab runner registration token",
            severity: Severity::High,
            aliases: &["gitlab-rrt"],
            rationale: "A (deprecated) runner registration token registers new runners for a project, group or \
                        the whole instance, so an attacker's machine receives the jobs and their secrets.",
            remediation: "Reset the registration token in the CI/CD runners settings and move to runner \
                          authentication tokens created in the UI or API.",
            bad_example: "gitlab-runner register --url https://gitlab.example.com --registration-token GR1348941RuIr2jhTxs_OHKDpnJh-\n",
            good_example: "gitlab-runner register --url https://gitlab.example.com --registration-token \"$REGISTRATION_TOKEN\"\n",
            ..META
        },
        keywords: &["gr1348941"],
        pattern: r"(?:^|[^A-Za-z0-9_-])(?P<secret>GR1348941[A-Za-z0-9_-]{20})(?:$|[^A-Za-z0-9_-])",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC050",
            name: "gitlab-pipeline-trigger-token",
            title: "GitLab pipeline trigger token",
            severity: Severity::High,
            aliases: &["gitlab-ptt"],
            rationale: "A pipeline trigger token starts pipelines on any branch or tag of its project as the \
                        token's owner, with variables the caller chooses, so it can run deploy jobs.",
            remediation: "Revoke the trigger in the project's CI/CD settings (Pipeline trigger tokens) and keep the \
                          new one in the calling system's secret store.",
            bad_example: "curl -X POST -F token=glptt-412a0a4f9fa423350b233931da53f50a0be52d05 -F ref=main https://gitlab.example.com/api/v4/projects/42/trigger/pipeline\n",
            good_example: "curl -X POST -F token=\"$TRIGGER_TOKEN\" -F ref=main https://gitlab.example.com/api/v4/projects/42/trigger/pipeline\n",
            ..META
        },
        keywords: &["glptt-"],
        pattern: r"\b(?P<secret>glptt-[0-9a-f]{40})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC051",
            name: "gitlab-ci-job-token",
            title: "GitLab CI/CD job token",
            severity: Severity::Medium,
            aliases: &["gitlab-cicd-job-token"],
            rationale: "A CI/CD job token acts as the user who ran the job on the projects that allow it (API, \
                        registries, repository clone) while the job runs; one in a file means a job's \
                        environment was dumped.",
            remediation: "Cancel the job if it is still running, find what wrote its environment out, and use \
                          CI_JOB_TOKEN only through the variable.",
            bad_example: "CI_JOB_TOKEN=glcbt-64_C6dT0ctPVnaawqrczLJW\n",
            good_example: "CI_JOB_TOKEN=${CI_JOB_TOKEN}\n",
            ..META
        },
        keywords: &["glcbt-"],
        pattern: r"\b(?P<secret>glcbt-[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20})(?:$|[^A-Za-z0-9_-])",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC052",
            name: "gitlab-oauth-application-secret",
            title: "GitLab OAuth application secret",
            severity: Severity::High,
            aliases: &["gitlab-oauth-app-secret"],
            rationale: "An OAuth application's secret lets anyone impersonate the application: completing \
                        authorization-code flows to obtain tokens for the users who sign in with GitLab.",
            remediation: "Renew the secret in the application's settings (Applications) and keep it in the \
                          application's secret store.",
            bad_example: "GITLAB_OAUTH_SECRET=gloas-rgsVJN8OLJtqCdpa0WI2Kk8xxo3GI0uoV6vGTFN4g3AfCK9eVGViflxutnrYecpJ\n",
            good_example: "GITLAB_OAUTH_SECRET=${GITLAB_OAUTH_SECRET}\n",
            ..META
        },
        keywords: &["gloas-"],
        pattern: r"(?:^|[^A-Za-z0-9_-])(?P<secret>gloas-[A-Za-z0-9_-]{64})(?:$|[^A-Za-z0-9_-])",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC053",
            name: "gitlab-agent-token",
            title: "GitLab agent for Kubernetes token",
            severity: Severity::High,
            aliases: &["gitlab-kubernetes-agent-token"],
            rationale: "An agent token authenticates a cluster agent to GitLab: whoever holds it receives the \
                        agent's GitOps manifests and CI/CD tunnel traffic, and can feed false state back.",
            remediation: "Revoke the token in the agent's page (Operate, Kubernetes clusters) and keep the new one \
                          in a Kubernetes Secret created at install time.",
            bad_example: "helm upgrade --install gitlab-agent gitlab/gitlab-agent --set config.token=glagent-bsNaUXkFVi3CzOkvgsOM5LsE1zKLiSpYMZElLTCPPAwVv82BHZ\n",
            good_example: "helm upgrade --install gitlab-agent gitlab/gitlab-agent --set config.secretName=gitlab-agent-token\n",
            ..META
        },
        keywords: &["glagent-"],
        pattern: r"(?:^|[^A-Za-z0-9_-])(?P<secret>glagent-[A-Za-z0-9_-]{50})(?:$|[^A-Za-z0-9_-])",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC054",
            name: "gitlab-scim-token",
            title: "GitLab SCIM token",
            severity: Severity::High,
            aliases: &["gitlab-scim-token"],
            rationale: "A SCIM token provisions and deprovisions the group's or instance's users: an attacker can \
                        add accounts of their own or lock out real members.",
            remediation: "Reset the SCIM token in the group's SAML SSO settings and store it only in the identity \
                          provider's configuration.",
            bad_example: "scim_token: glsoat-O0vk3ZdjYYCfrpx8IH5v\n",
            good_example: "scim_token: ${GITLAB_SCIM_TOKEN}\n",
            ..META
        },
        keywords: &["glsoat-"],
        pattern: r"(?:^|[^A-Za-z0-9_-])(?P<secret>glsoat-[A-Za-z0-9_-]{20})(?:$|[^A-Za-z0-9_-])",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC055",
            name: "gitlab-feed-token",
            title: "GitLab feed token",
            severity: Severity::Medium,
            aliases: &["gitlab-feed-token"],
            rationale: "A feed token reads the user's RSS and calendar feeds: activity, issue and merge request \
                        titles of private projects the user can see.",
            remediation: "Reset the feed token in User settings (Access tokens, Feed token).",
            bad_example: "https://gitlab.example.com/dashboard/issues.atom?feed_token=glft-bljomsx29WujczU9YGP6\n",
            good_example: "https://gitlab.example.com/dashboard/issues.atom\n",
            ..META
        },
        keywords: &["glft-"],
        pattern: r"(?:^|[^A-Za-z0-9_-])(?P<secret>glft-[A-Za-z0-9_-]{20})(?:$|[^A-Za-z0-9_-])",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC056",
            name: "atlassian-api-token",
            title: "Atlassian API token",
            severity: Severity::High,
            aliases: &["atlassian-api-token", "CKV_SECRET_25"],
            rationale: "An Atlassian API token signs in as its user to Jira, Confluence and Bitbucket Cloud APIs: \
                        reading and changing every issue, page and repository the user can.",
            remediation: "Revoke the token at id.atlassian.com (Security, API tokens) and create a scoped, expiring \
                          one kept in a secret store.",
            bad_example: "JIRA_API_TOKEN=ATATT3xFfGF0UTqr8aFvnKbnHFbDfj3u_ypO09RnKw1zW9-ohP46PbmT1TOkzfR1wKbPXTXx8TTx4XUMGmTtfc6y_xI25MTL3xzfMg5lJYj_loHI3Yhc1OxT-8QY4-3BMDogiSTRIiP9LJm7R04ZhbGSdGWoZ6axl7KBGgMVGOYn7B3_5SApYXf=04916209\n",
            good_example: "JIRA_API_TOKEN=ATATT3xFfGF0UTqr8aFvnKbnHFbDfj3u_ypO09RnKw1zW9-ohP46PbmT1TOkzfR1wKbPXTXx8TTx4XUMGmTtfc6y_xI25MTL3xzfMg5lJYj_loHI3Yhc1OxT-8QY4-3BMDogiSTRIiP9LJm7R04ZhbGSdGWoZ6axl7KBGgMVGOYn7B3_5SApYXf=04916200\n",
            ..META
        },
        keywords: &["atatt3"],
        pattern: r"\b(?P<secret>ATATT3[A-Za-z0-9_-]{100,300}=[0-9A-F]{8})\b",
        validate: Some(checksum::crc32_hex_suffix),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC057",
            name: "bitbucket-access-token",
            title: "Bitbucket app password or access token",
            severity: Severity::High,
            aliases: &["np.bitbucket.1", "CKV_SECRET_27"],
            rationale: "Bitbucket app passwords (ATBB) act as their user, and repository, project or workspace \
                        access tokens (ATCTT3) as their bot user, on the repositories and permissions granted: \
                        cloning, pushing, pipelines and their variables.",
            remediation: "Revoke the app password (Personal settings) or the access token (the repository's, \
                          project's or workspace's Access tokens) and keep its replacement in a secret store.",
            bad_example: "git clone https://acme-ci:ATBBdxwK9kLWBsZFwJgO52MhEBDYA64C7857@bitbucket.org/acme/app.git\n",
            good_example: "git clone https://acme-ci:ATBBdxwK9kLWBsZFwJgO52MhEBDYA64C7850@bitbucket.org/acme/app.git\n",
            ..META
        },
        keywords: &["atbb", "atctt3"],
        pattern: r"\b(?P<secret>ATBB[A-Za-z0-9]{24}[0-9A-F]{8}|ATCTT3[A-Za-z0-9_-]{100,300}=[0-9A-F]{8})\b",
        validate: Some(checksum::crc32_hex_suffix),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC058",
            name: "bitbucket-client-secret",
            title: "Bitbucket OAuth consumer secret",
            severity: Severity::High,
            aliases: &["bitbucket-client-secret", "CKV_SECRET_27"],
            rationale: "An OAuth consumer's secret lets anyone act as the consumer: with client credentials it \
                        gets tokens for the workspace that owns it, and it completes sign-in flows for users.",
            remediation: "Delete the consumer (or regenerate its secret) in the workspace's OAuth consumers and \
                          keep the new secret in a secret store.",
            bad_example: "BITBUCKET_CLIENT_SECRET=U2aT1yVPMm5nYtffRcvy0Dxo5pCJFz2B30M8KVM_w8MDaD3vSS1Mmn7qOiqh1yud\n",
            good_example: "BITBUCKET_CLIENT_SECRET=${BITBUCKET_CLIENT_SECRET}\n",
            ..META
        },
        keywords: &["bitbucket"],
        pattern: r#"(?i:bitbucket)[\w.-]{0,30}?["']?\s*(?::=|=>|[:=])\s*["']?(?P<secret>[A-Za-z0-9_-]{64})(?:$|[^A-Za-z0-9_=-])"#,
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC059",
            name: "circleci-api-token",
            title: "CircleCI personal or project API token",
            severity: Severity::High,
            aliases: &["circleci-personal-token", "circleci-project-token", "CKV_SECRET_29"],
            rationale: "A CircleCI personal token (CCIPAT_) acts as its user on every project they follow; a \
                        project token (CCIPRJ_) on its project: triggering pipelines, and reading or setting \
                        environment variables and contexts.",
            remediation: "Delete the token in User settings or the project's API permissions, and use OIDC tokens \
                          or a context-restricted secret for automation.",
            bad_example: "CIRCLE_TOKEN=CCIPAT_tVsPDTDR3z7HUadiQTaoDQ_c6a1b044da05ca4ed81004c1dec8ee162646ffa9\n",
            good_example: "CIRCLE_TOKEN=${CIRCLECI_CLI_TOKEN}\n",
            ..META
        },
        keywords: &["ccipat_", "cciprj_"],
        pattern: r"\b(?P<secret>CCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40})\b",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC060",
            name: "travis-ci-api-token",
            title: "Travis CI API token",
            severity: Severity::High,
            aliases: &["travisci-access-token", "CKV_SECRET_69", "TravisCI"],
            rationale: "A Travis CI API token acts as its user: restarting and triggering builds, reading logs, \
                        and setting repository environment variables that builds then expose.",
            remediation: "Regenerate the token in Travis CI's account settings and keep it in the caller's secret \
                          store.",
            bad_example: "TRAVIS_API_TOKEN=ZZ6pgfRfnwOo0Te2eV9RmR\n",
            good_example: "TRAVIS_API_TOKEN=${TRAVIS_API_TOKEN}\n",
            ..META
        },
        keywords: &["travis"],
        pattern: r#"(?i:travis)[\w.-]{0,30}?["']?\s*(?::=|=>|[:=])\s*["']?(?P<secret>[A-Za-z0-9_-]{22})(?:$|[^A-Za-z0-9_-])"#,
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC061",
            name: "buildkite-api-access-token",
            title: "Buildkite API access token",
            severity: Severity::High,
            aliases: &["buildkite-user-access-token", "CKV_SECRET_28", "Buildkite"],
            rationale: "A Buildkite API access token acts as its user within its scopes on the organizations it \
                        was granted: reading build logs and artifacts, creating builds, editing pipelines.",
            remediation: "Revoke the token in Personal settings, API access tokens, and use a scoped, IP-restricted \
                          token from a secret store.",
            bad_example: "BUILDKITE_API_TOKEN=bkua_jcwa2rdf3sep8on3fakc9yy7wswexv23ijlq31xg\n",
            good_example: "BUILDKITE_API_TOKEN=${BUILDKITE_API_TOKEN}\n",
            ..META
        },
        keywords: &["bkua_"],
        pattern: r"\b(?P<secret>bkua_(?:[a-z0-9]{53}|[a-z0-9]{40}))\b",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC062",
            name: "drone-ci-token",
            title: "Drone CI personal token",
            severity: Severity::High,
            aliases: &["droneci-access-token", "CKV_SECRET_37", "DroneCI"],
            rationale: "A Drone token acts as its user on the Drone server: reading and writing repository \
                        secrets, promoting builds to deployment targets, and for admins managing the server.",
            remediation: "Rotate the user's token (Drone user settings, or drone user update --token) and keep \
                          the new one in the caller's secret store.",
            bad_example: "DRONE_TOKEN=3zTXD09lq9oC26U6j6mfVGMIQ02LbFzB\n",
            good_example: "DRONE_TOKEN=${DRONE_TOKEN}\n",
            ..META
        },
        keywords: &["drone"],
        pattern: r#"(?i:drone)[\w.-]{0,30}?["']?\s*(?::=|=>|[:=])\s*["']?(?P<secret>[A-Za-z0-9]{32})(?:$|[^A-Za-z0-9])"#,
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC063",
            name: "jenkins-api-token",
            title: "Jenkins API token",
            severity: Severity::High,
            aliases: &["np-jenkins-01"],
            rationale: "A Jenkins API token authenticates as its user on the controller's API and CLI: running and \
                        configuring jobs, reading credentials bound to builds, and for admins running scripts \
                        on the controller.",
            remediation: "Revoke the token in the user's Security settings (API Token) and keep its replacement in \
                          the calling system's secret store.",
            bad_example: "curl -u deployer:1139a4d824aebf9c5ec6211d3d1d09155e -X POST https://jenkins.acme.example/job/deploy/build\n",
            good_example: "curl -u \"deployer:$JENKINS_API_TOKEN\" -X POST https://jenkins.acme.example/job/deploy/build\n",
            ..META
        },
        keywords: &["jenkins"],
        pattern: r#"(?:(?i:jenkins)[\w.-]{0,30}?["']?\s*(?::=|=>|[:=])\s*["']?|[\w.@-]+:)(?P<secret>11[0-9a-f]{32})(?:$|[^A-Za-z0-9])"#,
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC064",
            name: "terraform-cloud-api-token",
            title: "HCP Terraform (Terraform Cloud) API token",
            severity: Severity::Critical,
            aliases: &["hashicorp-tf-api-token", "CKV_SECRET_47", "TerraformCloudPersonalToken"],
            rationale: "A user, team or organization token for HCP Terraform or Terraform Enterprise reads \
                        workspace state (which holds every managed secret) and variables, and queues applies \
                        with the workspaces' cloud credentials.",
            remediation: "Revoke the token in User settings or the organization's API tokens, and use dynamic \
                          provider credentials and short-lived team tokens from a secret store.",
            bad_example: "credentials \"app.terraform.io\" {\n  token = \"cyA7LOTsBb65SJ.atlasv1.d4u2dDGqt1NvVeIWmQmcVFzbjcoP95wL0rKA53zmg7srxirfu19Ac-kKd2Lq1D595WX\"\n}\n",
            good_example: "credentials \"app.terraform.io\" {\n  token = var.tfc_token\n}\n",
            ..META
        },
        keywords: &["atlasv1"],
        pattern: r"\b(?P<secret>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?:$|[^A-Za-z0-9_=-])",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC065",
            name: "hashicorp-vault-token",
            title: "HashiCorp Vault token",
            severity: Severity::Critical,
            aliases: &["vault-service-token", "vault-batch-token", "CKV_SECRET_71"],
            rationale: "A Vault token carries its policies: reading every secret path they allow, and often \
                        issuing dynamic database and cloud credentials, until its TTL runs out.",
            remediation: "Revoke the token (vault token revoke, or its accessor) and have workloads log in with an \
                          auth method (Kubernetes, AppRole, OIDC) for short-lived tokens.",
            bad_example: "VAULT_TOKEN=hvs.CAESIjjOt6v3rzKE4RNo88yLVvlwEpgnR74KLO10yZ2ChVIHNaQzlMKYdILjCZO4uEHrIxdNb9UixrXkOKKjOwTTozq\n",
            good_example: "VAULT_TOKEN=$(vault login -method=oidc -token-only)\n",
            ..META
        },
        keywords: &["hvs.", "hvb.", "hvr.", "vault"],
        pattern: r"(?:^|[^A-Za-z0-9_.-])(?P<secret>hv[sbr]\.[A-Za-z0-9_-]{90,300}|s\.[A-Za-z0-9]{24})(?:$|[^A-Za-z0-9_.-])",
        min_entropy: 3.5,
        // Legacy `s.` tokens are only looked for on lines that mention Vault;
        // a letters-only `s.Name` is an identifier there.
        allow_regexes: &[r"^s\.[A-Za-z]{24}$"],
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC066",
            name: "doppler-token",
            title: "Doppler token",
            severity: Severity::Critical,
            aliases: &["doppler-api-token", "CKV_SECRET_36", "Doppler"],
            rationale: "Doppler personal and CLI tokens read and write every secret of the workplace; service \
                        tokens and service account tokens the configs they were granted: all of them hand out \
                        the stored credentials.",
            remediation: "Revoke the token in the Doppler dashboard (Tokens, or the config's Access tab) and inject \
                          secrets with doppler run or an integration instead of storing tokens.",
            bad_example: "DOPPLER_TOKEN=dp.st.prd.THSRGUEBH74QzSwmiFgFbimHqCbSXKPnHHrHvfIt\n",
            good_example: "DOPPLER_TOKEN=${{ secrets.DOPPLER_TOKEN }}\n",
            ..META
        },
        keywords: &["dp.pt.", "dp.ct.", "dp.st.", "dp.sa.", "dp.scim.", "dp.audit."],
        pattern: r"\b(?P<secret>dp\.(?:pt|ct|sa|scim|audit|st(?:\.[a-z0-9_-]{2,35})?)\.[A-Za-z0-9]{40,44})\b",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC067",
            name: "pulumi-access-token",
            title: "Pulumi access token",
            severity: Severity::High,
            aliases: &["pulumi-api-token", "CKV_SECRET_60"],
            rationale: "A Pulumi Cloud access token reads and updates its user's, team's or organization's stacks: \
                        their state, decrypted configuration secrets and deployments.",
            remediation: "Delete the token in Pulumi Cloud (Access tokens) and use OIDC-issued tokens or a scoped \
                          team token from a secret store.",
            bad_example: "PULUMI_ACCESS_TOKEN=pul-301ffdb801678332777c027aaddbfe258b6736c8\n",
            good_example: "PULUMI_ACCESS_TOKEN=${{ secrets.PULUMI_ACCESS_TOKEN }}\n",
            ..META
        },
        keywords: &["pul-"],
        pattern: r"\b(?P<secret>pul-[a-f0-9]{40})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC068",
            name: "1password-service-account-token",
            title: "1Password service account token",
            severity: Severity::Critical,
            aliases: &["1password-service-account-token"],
            rationale: "A service account token reads (and, if allowed, writes) every item in the vaults the \
                        service account was granted, with no second factor.",
            remediation: "Revoke the token in 1Password (Developer, Service accounts) and keep the replacement in \
                          the CI provider's secret store or a Connect server.",
            bad_example: "OP_SERVICE_ACCOUNT_TOKEN=ops_eyJzaWduSW5BZGRyZXNzIjoiYWNtZS1jb3JwLjFwYXNzd29yZC5jb20iLCJ1c2VyQXV0aCI6eyJtZXRob2QiOiJTUlBnLTQwOTYiLCJhbGciOiJQQkVTMmctSFMyNTYiLCJpdGVyYXRpb25zIjo2NTAwMDAsInNhbHQiOiI4NFpTMFhNZ05xdnpOQnkyNjVWancwIn0sImVtYWlsIjoid3A0N3ljdGUxOWtsaEAxcGFzc3dvcmRzZXJ2aWNlYWNjb3VudHMuY29tIiwic3JwWCI6IjdmMmYyNmZmMjljMTAyNmJlNTVhYzk2NDEzMWI1MjUwZjA2N2I3NGM2OGJkMWVlMjc1MThlNGJkNmUxZTQ2NWEiLCJtdWsiOnsiYWxnIjoiQTI1NkdDTSIsImV4dCI6dHJ1ZSwiayI6IkZKaU43VVpwanhWMktLcmduZkhDemJ0NUc3X2VTZWlPSmNULUhIcW9kRXYiLCJrZXlfb3BzIjpbImVuY3J5cHQiLCJkZWNyeXB0Il0sImt0eSI6Im9jdCIsImtpZCI6Im1wIn0sInNlY3JldEtleSI6IkEzLVhQODBDNS1YTUhZQlUwR1NUTC1XMU1ZUy1ONDEyRC1QU1A4VSIsImRldmljZVV1aWQiOiJ4YXA0ZnhncmtjZGYyczhqMWVqYWRlYWtuNyJ9\n",
            good_example: "OP_SERVICE_ACCOUNT_TOKEN=${{ secrets.OP_SERVICE_ACCOUNT_TOKEN }}\n",
            ..META
        },
        keywords: &["ops_eyj"],
        pattern: r"\b(?P<secret>ops_eyJ[A-Za-z0-9+/_-]{100,}={0,3})",
        validate: Some(checksum::onepassword_service_account_token),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC069",
            name: "sonarqube-token",
            title: "SonarQube or SonarCloud token",
            severity: Severity::High,
            aliases: &["sonar-api-token", "np-sonarqube-01", "SonarCloud"],
            rationale: "A SonarQube user token (squ_) acts as its user, reading the source code and findings of \
                        every project they can see; analysis tokens (sqp_, sqa_) push analyses that can hide \
                        issues or fake a passing quality gate.",
            remediation: "Revoke the token in My Account, Security (or Administration for global tokens) and keep \
                          SONAR_TOKEN in the CI secret store.",
            bad_example: "sonar.token=sqp_2407bd8ecef4e670d262b1e23cc47c3ee38ae14e\n",
            good_example: "sonar.token=${env.SONAR_TOKEN}\n",
            ..META
        },
        keywords: &["sqp_", "squ_", "sqa_"],
        pattern: r"\b(?P<secret>sq[pua]_[a-f0-9]{40})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
];

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    const PATH: &str = "ci/settings.env";

    #[test]
    fn github_tokens_must_carry_their_checksum() {
        assert!(fires("SEC041", PATH, "token: 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"));
        assert!(!fires("SEC041", PATH, "token: gho_M0XvqZjxTW3xvboSRt5Mh3dAwVtRMf3LeZiA"));
        assert!(fires("SEC042", PATH, "Authorization: Bearer ghu_lhbmuaptt0Azn0DNRUQxA71p2Td8VK0CM5Qe"));
        assert!(!fires("SEC042", PATH, "xghu_lhbmuaptt0Azn0DNRUQxA71p2Td8VK0CM5Qe"), "inside a longer word");
        assert!(!fires("SEC042", PATH, "ghu_lhbmuaptt0Azn0DNRUQxA71p2Td8VK0CM5Qex"), "inside a longer word");
    }

    #[test]
    fn installation_tokens_in_both_formats() {
        assert!(fires("SEC043", PATH, "GITHUB_TOKEN=ghs_qxryo1nIj7BRd03Q2ybv097SHzxgQA25M1VZ"));
        assert!(fires("SEC043", PATH, "GITHUB_TOKEN=ghs_913842_eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJnaXRodWIiLCJhdWQiOiJpbnN0YWxsYXRpb24iLCJpaWQiOjQ4MTUxNjIzLCJhcHAiOjkxMzg0MiwiZXhwIjoxNzY3MjI1NjAwfQ.4akeO1wflKZqBasIeX-4vtoXSiaBhgXoh0UseqCy4O_AGCeTcVD80l9ekR0a5KskwL7UMpMBuGJVb6VL0CaxotmNKBXT85iYfdRTLZubcVjexL5i2OwNfgM2ukShsHno2gsfN-BeDhCOG9aRZwDlkV5dgsIVVDIDq0ySNaf-vbCBv29HyLNQiQX3oswjfM3dh5SRVe_37LelngU9JAFWA9YEms5bipguVA8-5xgmtER28qNIJv2WNc_krPom_vO5_TDtA7Nn7JyvsaNPVe3mYeOzxVd49UVYlwRpTxXqE_UKPnGCYATK9i2Yr-I_alpsPdyDvGHUpiBcokM7roBEbA"));
        assert!(!fires("SEC043", PATH, "GITHUB_TOKEN=ghs_qxryo1nIj7BRd03Q2ybv097SHzxgQA25M1VA"));
        assert!(
            !fires("SEC043", PATH, "GITHUB_TOKEN=ghs_913842_eyJub3QiOiJhIEpXVCJ9.eyJ4IjoxfQ.c2ln"),
            "no alg"
        );
    }

    #[test]
    fn refresh_tokens_are_76_characters() {
        assert!(fires(
            "SEC044",
            PATH,
            "refresh=ghr_Cxh1Gd1CJoWD6W7vjmqz6mYjWc7izH9DsTNAveadCL8Sby90WIJSbUGWBOWWcuaA5zbWVb2FaCo7"
        ));
        let short = &"ghr_Cxh1Gd1CJoWD6W7vjmqz6mYjWc7izH9DsTNAveadCL8Sby90WIJSbUGWBOWWcuaA5zbWVb2FaCo7"[..40];
        assert!(!fires("SEC044", PATH, &format!("refresh={short}")));
    }

    #[test]
    fn gitlab_tokens_legacy_and_routable() {
        assert!(fires("SEC046", PATH, "PRIVATE-TOKEN: glpat-9oiVeZWJ9QyucS19AvMp"));
        assert!(fires("SEC046", PATH, "token=glpat-YzoxCm86MWIKdTo0ZjJrkfqHjp3i5KX_eXbu5guerxA.170r0vklh"));
        assert!(!fires(
            "SEC046",
            PATH,
            "token=glpat-YzoxCm86MWIKdTo0ZjJr2Bu4aRKzS7sVfRi4LvI6pBA.01.171uecv50"
        ));
        assert!(!fires("SEC046", PATH, "token=glpat-xxxxxxxxxxxxxxxxxxxx"), "placeholder");
        assert!(fires("SEC048", PATH, "token = \"glrt-YpQaxEN_cNljiRkV71kD\""));
        assert!(
            !fires("SEC048", PATH, "token = \"glrt-YpQaxEN_cNljiRkV71kDabc\""),
            "21+ characters without a routable suffix"
        );
    }

    #[test]
    fn atlassian_tokens_must_carry_their_checksum() {
        assert!(fires("SEC057", PATH, "BITBUCKET_TOKEN=ATCTT3xFfGN0E-1ds3vbgqMMvFuz4zf3ATNeY2Pseh093Fj9fOptqCWCsuZrJZaVLaPeAU5moHH5F-grANC-aBcnwDDOOAZvw6d3eK3pxFkhJA5uFyeUhwksU8dSaNrFWv5SRclfFhhqCmzhp59yZk4d6-GlThw_ZqyC85Nn7Jf30xIOdZh_NRw=2CD18525"));
        assert!(!fires("SEC057", PATH, "BITBUCKET_TOKEN=ATCTT3xFfGN0E-1ds3vbgqMMvFuz4zf3ATNeY2Pseh093Fj9fOptqCWCsuZrJZaVLaPeAU5moHH5F-grANC-aBcnwDDOOAZvw6d3eK3pxFkhJA5uFyeUhwksU8dSaNrFWv5SRclfFhhqCmzhp59yZk4d6-GlThw_ZqyC85Nn7Jf30xIOdZh_NRw=2CD18520"));
        assert!(fires("SEC057", PATH, "password: ATBBdxwK9kLWBsZFwJgO52MhEBDYA64C7857"));
        assert!(!fires("SEC056", PATH, "JIRA_API_TOKEN=ATATT3xFfGF0UTqr8aFvnKbnHFbDfj3u_ypO09RnKw1zW9-ohP46PbmT1TOkzfR1wKbPXTXx8TTx4XUMGmTtfc6y_xI25MTL3xzfMg5lJYj_loHI3Yhc1OxT-8QY4-3BMDogiSTRIiP9LJm7R04ZhbGSdGWoZ6axl7KBGgMVGOYn7B3_5SApYXf=04916200"));
    }

    #[test]
    fn legacy_vault_tokens_only_next_to_vault() {
        assert!(fires("SEC065", PATH, "export VAULT_TOKEN=s.k1Qog1VnsYejRKg955U3kgXQ"));
        assert!(!fires("SEC065", PATH, "session = s.k1Qog1VnsYejRKg955U3kgXQ"), "no Vault word on the line");
        assert!(!fires("SEC065", PATH, "vault: s.ServiceAccountNameForApp"), "an identifier");
        assert!(fires("SEC065", PATH, "token: hvs.CAESIjjOt6v3rzKE4RNo88yLVvlwEpgnR74KLO10yZ2ChVIHNaQzlMKYdILjCZO4uEHrIxdNb9UixrXkOKKjOwTTozq"));
    }

    #[test]
    fn doppler_tokens_of_every_kind() {
        assert!(fires("SEC066", PATH, "DOPPLER_TOKEN=dp.pt.MlO6UsBCho73EM2HPcNMZdV1CtPlpKoBoAlQW2v4Iw8"));
        assert!(fires("SEC066", PATH, "DOPPLER_TOKEN=dp.st.prd.THSRGUEBH74QzSwmiFgFbimHqCbSXKPnHHrHvfIt"));
        assert!(!fires("SEC066", PATH, "DOPPLER_TOKEN=dp.xx.MlO6UsBCho73EM2HPcNMZdV1CtPlpKoBoAlQW2v4Iw8"));
    }

    #[test]
    fn keyword_rules_need_their_context() {
        assert!(fires("SEC063", PATH, "JENKINS_API_TOKEN=1139a4d824aebf9c5ec6211d3d1d09155e"));
        assert!(
            !fires("SEC063", PATH, "checksum: 1139a4d824aebf9c5ec6211d3d1d09155e"),
            "no Jenkins word on the line"
        );
        assert!(
            !fires("SEC062", PATH, "drone_build_id = 0000000000000000000000000000aaaa"),
            "too little entropy"
        );
        assert!(fires("SEC060", PATH, "travis_token: \"ZZ6pgfRfnwOo0Te2eV9RmR\""));
        assert!(
            !fires("SEC060", PATH, "travis_token: \"ZZ6pgfRfnwOo0Te2eV9RmRZZ6pgfRfnwOo0Te2eV9RmR\""),
            "44 characters"
        );
    }
}
