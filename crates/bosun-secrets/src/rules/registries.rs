//! Package registries and developer tools: npm, PyPI, RubyGems, NuGet, Docker Hub, crates.io and others.

use crate::checksum;
use crate::placeholder;
use crate::rule::{SecretRule, META};
use bosun_core::{RuleMeta, Severity};

pub static RULES: &[SecretRule] = &[
    SecretRule {
        meta: RuleMeta {
            id: "SEC130",
            name: "npm-token",
            title: "npm access token",
            severity: Severity::Critical,
            aliases: &["npm-access-token", "CKV_SECRET_12"],
            rationale: "An npm token (`npm_`) publishes new versions of every package its owner maintains (unless it \
                        is read-only or scoped): one malicious release reaches every project that installs them.",
            remediation: "Revoke the token at npmjs.com (Access Tokens) or with `npm token revoke`, and publish from CI \
                          with trusted publishing or a granular token kept in a secret store.",
            bad_example: "NPM_TOKEN=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\n",
            good_example: "NPM_TOKEN=npm_YECCQMspnTTlgUCbAdlVjGfot6GYTB3AWznA\n",
            ..META
        },
        keywords: &["npm_"],
        pattern: r"\b(?P<secret>npm_[A-Za-z0-9]{36})(?:$|[^0-9A-Za-z_])",
        validate: Some(checksum::crc32_base62_suffix),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC131",
            name: "pypi-api-token",
            title: "PyPI API token",
            severity: Severity::Critical,
            aliases: &["pypi-upload-token", "CKV_SECRET_61"],
            rationale: "A PyPI API token uploads releases of the projects in its scope (every project of the account \
                        for user-scoped tokens): a malicious release is installed by everyone who depends on them.",
            remediation: "Remove the token at pypi.org (Account settings, API tokens) and publish from CI with trusted \
                          publishing, or a project-scoped token kept in a secret store.",
            bad_example: "[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmcCHnLicaAMaiuxTlRHaSbbAh6b4RHyYF7ES-DObLwrASuoTDvENwo51k0L6l3foB0ot_AfWNzQDJf66vr-jErq1gx7vGuyA12qVaascymadDToOl65rFuAvvzX9NdP8v1uoccWhuLG_z4pSePyFO8dLUrRq5MeP1ObUy3OGIxYXqfVvE0YPcnD_zwuZSkJGVQuQkqk1PMGsw\n",
            good_example: "[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmc...\n",
            ..META
        },
        keywords: &["pypi-ageichlwas5vcmc"],
        pattern: r"\b(?P<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})(?:$|[^0-9A-Za-z_-])",
        validate: Some(pypi_macaroon),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC132",
            name: "testpypi-upload-token",
            title: "TestPyPI API token",
            severity: Severity::Medium,
            aliases: &["pypi-upload-token"],
            rationale: "A TestPyPI token only uploads to the test index, which nobody installs from in production, \
                        but it often sits next to the real PyPI token and can plant confusing test releases.",
            remediation: "Remove the token at test.pypi.org (Account settings, API tokens) and load it from a secret \
                          store like the real one.",
            bad_example: "TWINE_PASSWORD=pypi-AgENdGVzdC5weXBpLm9yZwIeYrbW9y-FI9p0x9ljcLiT3Cz6Q3al1VQcZfai5nysFsxN-txw3_QJDBw35pPBMYNxyRz3MnSExoXM4MJ8GhIiLllUT6tyvoRRr_xO9ILZBYt5f61xOr_6H6wG-GacOiNu1EyZ_Ez9WtV63W91bBnMLBn6twqoADlsJU_9FnnOZtVnyQ-c7nFcFrZxgWv9Pev2rJgrJhJz\n",
            good_example: "TWINE_PASSWORD=${{ secrets.TEST_PYPI_TOKEN }}\n",
            ..META
        },
        keywords: &["pypi-agendgvzdc5wexbplm9yzw"],
        pattern: r"\b(?P<secret>pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_-]{50,})(?:$|[^0-9A-Za-z_-])",
        validate: Some(pypi_macaroon),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC133",
            name: "rubygems-api-key",
            title: "RubyGems API key",
            severity: Severity::Critical,
            aliases: &["rubygems-api-token", "CKV_SECRET_64"],
            rationale: "A RubyGems key (`rubygems_`) pushes and yanks versions of the owner's gems, within its scopes: \
                        a malicious version is installed by every application that depends on them.",
            remediation: "Delete the key at rubygems.org (Settings, API keys), publish with trusted publishing or a \
                          gem-scoped key, and keep it in a secret store.",
            bad_example: "---\n:rubygems_api_key: rubygems_3f7128c3555127e4507b503ccb2c06e8c54554f2cc4cfac2\n",
            good_example: "---\n:rubygems_api_key: <%= ENV['GEM_HOST_API_KEY'] %>\n",
            ..META
        },
        keywords: &["rubygems_"],
        pattern: r"\b(?P<secret>rubygems_[0-9a-f]{48})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC134",
            name: "nuget-api-key",
            title: "NuGet.org API key",
            severity: Severity::Critical,
            aliases: &["CKV_SECRET_99"],
            rationale: "A nuget.org API key (`oy2`) pushes or unlists packages matching its glob: a malicious version \
                        of a package is restored by every project that references it.",
            remediation: "Delete or regenerate the key at nuget.org (API Keys) and publish from CI with trusted \
                          publishing or a key kept in a secret store.",
            bad_example: "dotnet nuget push pkg.nupkg -k oy2wg5lfgb87uz6w8v1qv4reepccdexp4wjnl78k8cvmzp -s https://api.nuget.org/v3/index.json\n",
            good_example: "dotnet nuget push pkg.nupkg -k $NUGET_API_KEY -s https://api.nuget.org/v3/index.json\n",
            ..META
        },
        keywords: &["oy2"],
        pattern: r"\b(?P<secret>oy2[a-z0-9]{43})\b",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC135",
            name: "docker-hub-personal-access-token",
            title: "Docker Hub personal access token",
            severity: Severity::High,
            aliases: &["generic-api-key"],
            rationale: "A Docker Hub personal access token (`dckr_pat_`) logs in as its user: with read-write scope it \
                        pushes images over the tags that deployments pull, and it reads the user's private repositories.",
            remediation: "Delete the token in Docker Hub (Account settings, Personal access tokens) and log in from CI \
                          with a token kept in the CI's secret store.",
            bad_example: "echo dckr_pat_E1DkEkcebg4YPEKT905bFzu0onF | docker login -u builder --password-stdin\n",
            good_example: "echo \"$DOCKERHUB_TOKEN\" | docker login -u builder --password-stdin\n",
            ..META
        },
        keywords: &["dckr_pat_"],
        pattern: r"\b(?P<secret>dckr_pat_[A-Za-z0-9_-]{27,40})(?:$|[^0-9A-Za-z_-])",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC136",
            name: "docker-hub-organization-access-token",
            title: "Docker Hub organization access token",
            severity: Severity::High,
            aliases: &["generic-api-key"],
            rationale: "An organization access token (`dckr_oat_`) pulls and, when allowed, pushes the repositories it \
                        was granted in the organization, independently of any user account.",
            remediation: "Deactivate the token in the organization's Docker Hub settings (Access tokens) and keep its \
                          replacement in a secret store.",
            bad_example: "DOCKERHUB_TOKEN=dckr_oat_C6rAZg7KDDfRWN-gunnbjmwbwM4cO6wC\n",
            good_example: "DOCKERHUB_TOKEN=dckr_oat_...\n",
            ..META
        },
        keywords: &["dckr_oat_"],
        pattern: r"\b(?P<secret>dckr_oat_[A-Za-z0-9_-]{27,40})(?:$|[^0-9A-Za-z_-])",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC137",
            name: "crates-io-api-token",
            title: "crates.io API token",
            severity: Severity::Critical,
            aliases: &["CKV_SECRET_96"],
            rationale: "A crates.io token (`cio`) publishes and yanks versions of its owner's crates, within its \
                        scopes: a malicious version reaches every project that depends on them.",
            remediation: "Revoke the token at crates.io (Account settings, API Tokens) and publish with trusted \
                          publishing or a crate-scoped token kept in a secret store.",
            bad_example: "[registry]\ntoken = \"cioyH269mMcb0l8LBs1pAOyg7oCcZB7PBBH\"\n",
            good_example: "[registry]\ntoken = \"${CARGO_REGISTRY_TOKEN}\"\n",
            ..META
        },
        keywords: &["cio"],
        pattern: r"\b(?P<secret>cio[A-Za-z0-9]{32})\b",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC138",
            name: "artifactory-api-key",
            title: "JFrog Artifactory API key",
            severity: Severity::High,
            aliases: &["artifactory-api-key", "jfrog-api-key", "CKV_SECRET_1"],
            rationale: "An Artifactory API key (`AKCp`) authenticates as its user to the repository manager: it \
                        downloads private artifacts and, with deploy rights, replaces the ones builds consume.",
            remediation: "Revoke the key in the JFrog Platform (Edit Profile, API key) and move to scoped access tokens \
                          kept in a secret store.",
            bad_example: "ARTIFACTORY_API_KEY=AKCpWFgIDogFiUGqLURfw9MNOwlmEbNWMyvRYJIOxd0RBmj8gwNkRUGMMb2LGW9TKbrSahNNy\n",
            good_example: "ARTIFACTORY_API_KEY=${ARTIFACTORY_API_KEY}\n",
            ..META
        },
        keywords: &["akcp"],
        pattern: r"\b(?P<secret>AKCp[A-Za-z0-9]{69})\b",
        min_entropy: 4.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC139",
            name: "artifactory-reference-token",
            title: "JFrog Artifactory reference token",
            severity: Severity::High,
            aliases: &["artifactory-reference-token", "jfrog-identity-token", "CKV_SECRET_1"],
            rationale: "A reference token (`cmVmdGtu`, base64 of `reftkn`) stands for a JFrog access token: it reads \
                        and deploys artifacts with the rights of the user or scope it was issued for.",
            remediation: "Revoke the token in the JFrog Platform (Identity and Access, Access Tokens) and keep its \
                          replacement in a secret store.",
            bad_example: "jfrog config add ci --url=https://acme.jfrog.io --access-token=cmVmdGtuOjAxOjE3NDMwODQxNzg6TnhXbVc0aE8xZFpXMjNqYVBMc0gwZXNqT1JI\n",
            good_example: "jfrog config add ci --url=https://acme.jfrog.io --access-token=\"$JF_ACCESS_TOKEN\"\n",
            ..META
        },
        keywords: &["cmvmdgtu"],
        pattern: r"\b(?P<secret>cmVmdGtu[A-Za-z0-9]{56})\b",
        validate: Some(jfrog_reference_token),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC140",
            name: "private-packagist-token",
            title: "Private Packagist token",
            severity: Severity::High,
            aliases: &["private-packagist-token"],
            rationale: "A Private Packagist token (`packagist_ort_`, `packagist_out_`, `packagist_uut_`) downloads the \
                        organization's private PHP packages, and update tokens also change their sources and mirrors.",
            remediation: "Revoke the token in Private Packagist (Settings, Authentication tokens) and keep its \
                          replacement in the CI's secret store or Composer's auth.json outside the repository.",
            bad_example: "COMPOSER_AUTH='{\"http-basic\":{\"repo.packagist.com\":{\"username\":\"token\",\"password\":\"packagist_out_d0093459b79b210779895feefb37c986847182905b0e600fe7bc5c246dd3292aa1c3\"}}}'\n",
            good_example: "COMPOSER_AUTH=\"$PACKAGIST_AUTH\"\n",
            ..META
        },
        keywords: &["packagist_"],
        pattern: r"\b(?P<secret>packagist_[ou][ru]t_[0-9a-f]{68})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC141",
            name: "postman-api-key",
            title: "Postman API key",
            severity: Severity::High,
            aliases: &["postman-api-token", "CKV_SECRET_59"],
            rationale: "A Postman API key (`PMAK-`) reads and edits its user's workspaces: collections, and the \
                        environments that commonly hold other API credentials.",
            remediation: "Revoke the key in Postman (Settings, API keys) and keep the new one in a secret store.",
            bad_example: "POSTMAN_API_KEY=PMAK-0da8da8da471d7e93d06dbf9-ced138c1de8ba2ac48cfec6e9884d7da94\n",
            good_example: "POSTMAN_API_KEY={{postman_api_key}}\n",
            ..META
        },
        keywords: &["pmak-"],
        pattern: r"\b(?P<secret>PMAK-[0-9a-f]{24}-[0-9a-f]{34})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC142",
            name: "snyk-api-token",
            title: "Snyk API token",
            severity: Severity::High,
            aliases: &["snyk-api-token"],
            rationale: "A Snyk token acts as its user or service account: it reads the organizations' projects and \
                        their unfixed vulnerabilities (a map for attackers), and changes settings and integrations.",
            remediation: "Revoke the token in Snyk (Account settings, or the service account) and keep its replacement \
                          in the CI's secret store.",
            bad_example: "env:\n  SNYK_TOKEN: 66f567ef-1083-4631-8ec9-fc82f599da6d\n",
            good_example: "env:\n  SNYK_TOKEN: ${{ secrets.SNYK_TOKEN }}\n  SNYK_ORG_ID: 66f567ef-1083-4631-8ec9-fc82f599da6d\n",
            ..META
        },
        keywords: &["snyk"],
        pattern: concat!(
            r"(?:(?i:snyk)[\w.-]{0,20}?(?i:token|key|auth)",
            name_end_assign!(),
            r"|\bsnyk[ \t]+auth[ \t]+)",
            r"(?P<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})",
            token_end!()
        ),
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC143",
            name: "sourcegraph-access-token",
            title: "Sourcegraph access token",
            severity: Severity::High,
            aliases: &["sourcegraph-access-token"],
            rationale: "A Sourcegraph access token (`sgp_`) searches and reads all the code its user can see on the \
                        instance, usually every private repository of the company.",
            remediation: "Delete the token in Sourcegraph (User settings, Access tokens) and keep its replacement in a \
                          secret store.",
            bad_example: "SRC_ACCESS_TOKEN=sgp_63c662e27c878728_8993d68ccfa4d1765d9c133d5975e3d1f92f0049\n",
            good_example: "SRC_ACCESS_TOKEN=$(op read op://ci/sourcegraph/token)\n",
            ..META
        },
        keywords: &["sgp_"],
        pattern: r"\b(?P<secret>sgp_(?:[0-9a-f]{16}|local)_[0-9a-f]{40}|sgp_[0-9a-f]{40})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC144",
            name: "clojars-deploy-token",
            title: "Clojars deploy token",
            severity: Severity::Critical,
            aliases: &["clojars-api-token", "CKV_SECRET_106"],
            rationale: "A Clojars deploy token (`CLOJARS_`) deploys new versions of its user's or group's libraries, \
                        within its scope: a malicious version reaches every project that depends on them.",
            remediation: "Disable the token at clojars.org (Deploy Tokens) and keep its replacement in the CI's secret \
                          store.",
            bad_example: ":repositories [[\"clojars\" {:url \"https://repo.clojars.org\" :username \"acme\" :password \"CLOJARS_5n34wl3vpqidywun91z17s31rlytho3u44plrjksd0682a93ufe4f0ajw22r\"}]]\n",
            good_example: ":repositories [[\"clojars\" {:url \"https://repo.clojars.org\" :username \"acme\" :password :env/clojars_token}]]\n",
            ..META
        },
        keywords: &["clojars_"],
        pattern: r"\b(?P<secret>CLOJARS_[A-Za-z0-9]{60})\b",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC145",
            name: "gradle-plugin-portal-secret",
            title: "Gradle Plugin Portal publishing secret",
            severity: Severity::Critical,
            aliases: &["generic-api-key"],
            rationale: "The `gradle.publish.secret`, with its key, publishes new versions of the account's plugins to \
                        the Gradle Plugin Portal, which builds download and run with full rights.",
            remediation: "Regenerate the API key at plugins.gradle.org (your account's API Keys) and pass it from the \
                          CI's secret store (`-Pgradle.publish.secret=...` or `GRADLE_PUBLISH_SECRET`).",
            bad_example: "gradle.publish.key=4akI64cyFapQHWa9P8wgLRax3WPVmMPh\ngradle.publish.secret=Dd9aTqThgpWDWwOYNRopI5CIloFpb5US\n",
            good_example: "./gradlew publishPlugins -Pgradle.publish.key=$GRADLE_PUBLISH_KEY -Pgradle.publish.secret=$GRADLE_PUBLISH_SECRET\n",
            ..META
        },
        keywords: &["gradle.publish.secret", "gradle_publish_secret"],
        pattern: concat!(
            r#"(?i:gradle[._]publish[._]secret)["'`]?[ \t]*(?:=|:)[ \t]*["'`]?(?P<secret>[A-Za-z0-9]{20,64})"#,
            token_end!()
        ),
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC146",
            name: "maven-repository-password",
            title: "Sonatype (OSSRH, Maven Central, Nexus) repository password or token",
            severity: Severity::High,
            aliases: &["generic-api-key"],
            rationale: "OSSRH and Maven Central portal user tokens publish the project's artifacts to Maven Central, \
                        and Nexus credentials deploy to the company's own repositories: either way builds that depend \
                        on the artifacts can be given malicious ones.",
            remediation: "Regenerate the user token (central.sonatype.com, or the Nexus user's token), and pass it from \
                          the CI's secret store (`ORG_GRADLE_PROJECT_...` variables, `${env.X}` in settings.xml).",
            bad_example: "ossrhUsername=acme-release\nossrhPassword=7fQ2xLp9Wm4ZtR8vKc3N\n",
            good_example: "ossrhPassword=${OSSRH_PASSWORD}\nsigning.password=findProperty(\"ossrhPassword\")\n",
            ..META
        },
        keywords: &["ossrh", "sonatype", "nexus", "central"],
        pattern: concat!(
            r"(?i:ossrh|sonatype|nexus|maven[_.-]?central|central[_.-]?portal)[\w.-]{0,20}?(?i:password|passwd|token|secret)",
            name_end_assign!(),
            r#"(?P<secret>[^\s"'`$(){}\[\]<>,;]{8,100})(?:["'`]|[ \t]*$|[ \t]+#)"#
        ),
        min_entropy: 3.0,
        validate: Some(password_value),
        ..SecretRule::DEFAULT
    },
];

/// PyPI tokens are macaroons in unpadded base64url: a copy that does not
/// decode is truncated or altered.
fn pypi_macaroon(token: &str) -> bool {
    use base64::Engine as _;
    token
        .strip_prefix("pypi-")
        .is_some_and(|body| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(body).is_ok())
}

/// Artifactory reference tokens are `reftkn:<version>:<expiry>:<random>` in base64.
fn jfrog_reference_token(token: &str) -> bool {
    checksum::decode_base64(token).is_some_and(|bytes| bytes.starts_with(b"reftkn:"))
}

/// A password value that is written out: not a reference or a stand-in, and
/// not a bare identifier (`password = sonatypePassword` in a build script
/// names a variable).
fn password_value(value: &str) -> bool {
    let identifier = value.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_' || b == b'.');
    !identifier && !placeholder::is_placeholder(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::fires;

    const PATH: &str = "example.txt";

    #[test]
    fn npm_tokens_need_a_valid_checksum() {
        assert!(fires(
            "SEC130",
            PATH,
            "//registry.npmjs.org/:_authToken=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"
        ));
        assert!(!fires("SEC130", PATH, "token: npm_YECCQMspnTTlgUCbAdlVjGfot6GYTB3AWznZx"), "37 characters");
        assert!(!fires("SEC130", PATH, "token: npm_yeccqmspnttlgucbadlvjgfot6gytb3awznz"), "case changed");
    }

    #[test]
    fn pypi_tokens_must_decode() {
        let token = "pypi-AgEIcHlwaS5vcmcCHnLicaAMaiuxTlRHaSbbAh6b4RHyYF7ES-DObLwrASuoTDvENwo51k0L6l3foB0ot_AfWNzQDJf66vr-";
        assert!(pypi_macaroon(token));
        assert!(!pypi_macaroon(&format!("{token}A")), "a length base64 cannot have");
        assert!(!fires("SEC132", PATH, &format!("x={token}")), "PyPI tokens are not TestPyPI tokens");
    }

    #[test]
    fn nuget_and_crates_tokens_stand_alone() {
        assert!(!fires("SEC134", PATH, "oy2wg5lfgb87uz6w8v1qv4reepccdexp4wjnl78k8cvmzpq"), "47 characters");
        assert!(fires("SEC137", PATH, "CARGO_REGISTRY_TOKEN=cioyH269mMcb0l8LBs1pAOyg7oCcZB7PBBH"));
        assert!(!fires(
            "SEC137",
            PATH,
            "the word ciociaria is not a token, nor is cioooooooooooooooooooooooooooooooooo"
        ));
    }

    #[test]
    fn reference_tokens_decode_to_reftkn() {
        assert!(jfrog_reference_token("cmVmdGtuOjAxOjE3NDMwODQxNzg6TnhXbVc0aE8xZFpXMjNqYVBMc0gwZXNqT1JI"));
        assert!(!jfrog_reference_token("cmVmdGtuIGlzIG5vdCBoZXJlIGJ1dCB0aGlzIGlzIG5vdCBhIHRva2VuIGF0IGFsbA"));
    }

    #[test]
    fn snyk_org_ids_are_not_tokens() {
        assert!(fires("SEC142", PATH, "snyk auth 66f567ef-1083-4631-8ec9-fc82f599da6d"));
        assert!(!fires("SEC142", PATH, "SNYK_ORG=66f567ef-1083-4631-8ec9-fc82f599da6d"));
    }

    #[test]
    fn sourcegraph_token_forms() {
        assert!(fires("SEC143", PATH, "token: sgp_local_8993d68ccfa4d1765d9c133d5975e3d1f92f0049"));
        assert!(fires("SEC143", PATH, "token: sgp_8993d68ccfa4d1765d9c133d5975e3d1f92f0049"));
        assert!(
            !fires("SEC143", PATH, "token: sgp_8993d68ccfa4d1765d9c133d5975e3d1f92f004"),
            "39 hex digits"
        );
    }

    #[test]
    fn repository_passwords_skip_references_and_variables() {
        assert!(fires("SEC146", PATH, "export SONATYPE_TOKEN=\"Zx9q-Lm2vT8pWk4R\""));
        assert!(!fires("SEC146", PATH, "def ossrhPassword = sonatypePassword"));
        assert!(!fires("SEC146", PATH, "ossrhPassword=System.getenv(\"OSSRH_PASSWORD\")"));
        assert!(!fires("SEC146", PATH, "nexusPassword=changeme123"));
    }
}
