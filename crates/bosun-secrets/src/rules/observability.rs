//! Observability: Datadog, New Relic, Sentry, Grafana, Dynatrace, Sumo Logic,
//! PagerDuty and Elastic.

use crate::checksum;
use crate::rule::{SecretRule, META};
use bosun_core::{RuleMeta, Severity};

pub static RULES: &[SecretRule] = &[
    SecretRule {
        meta: RuleMeta {
            id: "SEC160",
            name: "datadog-api-key",
            title: "Datadog API key",
            severity: Severity::Medium,
            aliases: &["datadog-access-token"],
            rationale: "A Datadog API key submits metrics, logs, traces and events to the organization: an \
                        attacker can forge or flood monitoring data, hide an incident behind noise, and run up \
                        custom-metric and log-ingestion bills.",
            remediation: "Revoke the key under Organization Settings > API Keys in Datadog, create a new one and \
                          give it to the agent from a Kubernetes Secret or the environment (DD_API_KEY).",
            bad_example: "DD_API_KEY=a84bba07931db925306a0799dc6ebd71\n",
            good_example: "DD_API_KEY=${DD_API_KEY}\n",
            ..META
        },
        keywords: &["datadog", "dd_api", "dd-api", "ddapi"],
        // `DD_API_KEY=...`, `datadog.api_key: ...`, the `DD-API-KEY:` header, and
        // the Helm chart's `datadog:` block with an `apiKey:` child.
        pattern: r#"(?im)(?:(?:datadog|(?:^|[^a-z0-9])dd)[\w.-]{0,20}?api[_-]?key\w*|^[ \t]*datadog:[ \t]*\r?\n(?:[ \t]+[^\r\n]*\r?\n){0,30}?[ \t]+api_?key)["']?[ \t]*(?::|=|=>|:=)[ \t]*["']?(?P<secret>[a-f0-9]{32})\b"#,
        min_entropy: 3.0,
        multiline: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC161",
            name: "datadog-application-key",
            title: "Datadog application key",
            severity: Severity::High,
            aliases: &["datadog-access-token"],
            rationale: "A Datadog application key, used with any API key of the organization, calls the Datadog \
                        API with its owner's permissions: reading logs and traces (which often hold customer \
                        data), and changing monitors, dashboards, users and integrations.",
            remediation: "Revoke the key under Organization Settings > Application Keys (or the owner's personal \
                          settings), replace it with a scoped key kept in a secret store or the environment.",
            bad_example: "datadog:\n  apiKeyExistingSecret: datadog-secret\n  appKey: 8b8c764d1c0acb3dea13519a60a077bbd142880e\n",
            good_example: "datadog:\n  apiKeyExistingSecret: datadog-secret\n  appKeyExistingSecret: datadog-secret\n",
            ..META
        },
        keywords: &["datadog", "dd_app", "dd-app", "ddapp"],
        // The 40-hex key, or the newer `ddapp_` form, after a Datadog application
        // key name or under the Helm chart's `datadog:` block.
        pattern: r#"(?im)(?:(?:datadog|(?:^|[^a-z0-9])dd)[\w.-]{0,20}?app(?:lication)?[_-]?key\w*|^[ \t]*datadog:[ \t]*\r?\n(?:[ \t]+[^\r\n]*\r?\n){0,30}?[ \t]+app_?key)["']?[ \t]*(?::|=|=>|:=)[ \t]*["']?(?P<secret>[a-f0-9]{40}|ddapp_[a-z0-9_]{34})\b"#,
        min_entropy: 3.0,
        multiline: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC162",
            name: "new-relic-user-api-key",
            title: "New Relic user API key",
            severity: Severity::High,
            aliases: &["new-relic-user-api-key", "CKV_SECRET_54"],
            rationale: "A New Relic user key (`NRAK-`) calls NerdGraph as the user who created it: it reads all \
                        telemetry of the user's accounts and can change alerts, dashboards, synthetics and, for \
                        administrators, users and API keys.",
            remediation: "Delete the key in the New Relic API keys UI (or with NerdGraph), create a new one and \
                          load it from a secret store or the NEW_RELIC_API_KEY environment variable.",
            bad_example: "export NEW_RELIC_API_KEY=NRAK-QIFPUW23YDESOK50LLSD9D2VEYX\n",
            good_example: "export NEW_RELIC_API_KEY=\"$(vault kv get -field=key secret/newrelic)\"\n",
            ..META
        },
        keywords: &["nrak-"],
        pattern: r"\b(?P<secret>NRAK-[A-Za-z0-9]{27})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC163",
            name: "new-relic-ingest-key",
            title: "New Relic license or insert key",
            severity: Severity::Medium,
            aliases: &["new-relic-insert-key", "CKV_SECRET_54"],
            rationale: "A New Relic license key (ending in `NRAL`) or Insights insert key (`NRII-`) writes \
                        metrics, events, logs and traces into the account: an attacker can inject false data, \
                        bury real alerts and raise ingest costs.",
            remediation: "Rotate the ingest key in the New Relic API keys UI, update the agents, and pass the new \
                          key through NEW_RELIC_LICENSE_KEY from a secret store instead of a file.",
            bad_example: "common: &default_settings\n  license_key: 'd390b656a4d2bad821df997d529975dcb6deNRAL'\n",
            good_example: "common: &default_settings\n  license_key: '<%= ENV[\"NEW_RELIC_LICENSE_KEY\"] %>'\n",
            ..META
        },
        keywords: &["nral", "nrii-"],
        pattern: r"\b(?P<secret>[a-z0-9]{36}NRAL|NRII-[A-Za-z0-9_-]{32})(?:[^A-Za-z0-9_-]|$)",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC164",
            name: "sentry-auth-token",
            title: "Sentry auth token",
            severity: Severity::High,
            aliases: &["sentry-org-token", "sentry-user-token", "CKV_SECRET_65"],
            rationale: "A Sentry organization token (`sntrys_`) uploads source maps and releases, and a user token \
                        (`sntryu_`) acts as its user on the API: reading events with stack traces, request data and \
                        user details, and changing projects and alert rules.",
            remediation: "Revoke the token in Sentry (User Settings > Personal Tokens, or Settings > Developer \
                          Settings > Organization Tokens) and give its replacement to CI as a masked secret.",
            bad_example: "SENTRY_AUTH_TOKEN=sntrys_eyJpYXQiOiAxNzE4MDM2ODQzLjUyNDUxMSwgInVybCI6ICJodHRwczovL3NlbnRyeS5pbyIsICJyZWdpb25fdXJsIjogImh0dHBzOi8vdXMuc2VudHJ5LmlvIiwgIm9yZyI6ICJhY21lLXNob3AifQ==_nvMZAcPW8FUmSRqP0cNT8H9etVjHQF83I+5k95JZryg\n",
            // The payload part does not decode to Sentry's JSON: a truncated copy.
            good_example: "SENTRY_AUTH_TOKEN=sntrys_eyJpYXQiOiAxNzE4MDM2ODQzLjUyNDUxMSwgInVybCI6ICJodHRwczovL3Nl_nvMZAcPW8FUmSRqP0cNT8H9etVjHQF83I+5k95JZryg\n",
            ..META
        },
        keywords: &["sntrys_", "sntryu_"],
        pattern: r"\b(?P<secret>sntryu_[a-f0-9]{64}|sntrys_eyJ[A-Za-z0-9+/]{20,600}={0,2}_[A-Za-z0-9+/]{43})(?:[^A-Za-z0-9+/=_]|$)",
        min_entropy: 3.0,
        validate: Some(checksum::sentry_auth_token),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC165",
            name: "sentry-dsn-with-secret",
            title: "Sentry DSN with a secret key",
            severity: Severity::Medium,
            aliases: &["CKV_SECRET_65"],
            rationale: "A Sentry DSN of the old `https://public:secret@host/project` form carries the project \
                        key's secret, meant only for servers: with it anyone can submit events as the \
                        application, flooding the project, exhausting its quota and planting misleading errors.",
            remediation: "Revoke the client key in Sentry (Project Settings > Client Keys), create a new one and \
                          use its DSN without the secret part; servers read it from the SENTRY_DSN variable.",
            bad_example: "SENTRY_DSN=https://9aba45ee6ebc57f4590641e1f037860c:f29ae36563d8b6da25a43a846eb31e7e@o450123.ingest.sentry.io/5512345\n",
            // A current DSN has only the public key, which is meant to be shipped.
            good_example: "SENTRY_DSN=https://9aba45ee6ebc57f4590641e1f037860c@o450123.ingest.sentry.io/5512345\n",
            ..META
        },
        keywords: &["sentry"],
        pattern: r"(?i)https?://(?P<secret>[a-f0-9]{32}:[a-f0-9]{32})@[a-z0-9.-]+(?::\d{1,5})?/(?:[\w.-]+/)*\d+\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC166",
            name: "grafana-service-account-token",
            title: "Grafana service account token",
            severity: Severity::High,
            aliases: &["grafana-service-account-token", "CKV_SECRET_46"],
            rationale: "A Grafana service account token calls the Grafana API with the service account's role, \
                        often Editor or Admin: it reads every data source the instance can query, and changes \
                        dashboards, alerting, data source credentials and users.",
            remediation: "Delete the token under Administration > Users and access > Service accounts in Grafana, \
                          create a new one and pass it from a secret store (for example GRAFANA_AUTH).",
            bad_example: "provider \"grafana\" {\n  url  = \"https://grafana.acme.io\"\n  auth = \"glsa_6W7vjmqz6mYjWc7izH9DsTNAveadCL8S_6ddc932f\"\n}\n",
            // The CRC32 suffix does not match: a mistyped or invented token.
            good_example: "provider \"grafana\" {\n  url  = \"https://grafana.acme.io\"\n  auth = \"glsa_6W7vjmqz6mYjWc7izH9DsTNAveadCL8S_6ddc9320\"\n}\n",
            ..META
        },
        keywords: &["glsa_"],
        pattern: r"\b(?P<secret>glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\b",
        min_entropy: 3.0,
        validate: Some(checksum::grafana_service_account_token),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC167",
            name: "grafana-cloud-token",
            title: "Grafana Cloud access policy token",
            severity: Severity::High,
            aliases: &["grafana-cloud-api-token", "CKV_SECRET_46"],
            rationale: "A Grafana Cloud token (`glc_`) holds the scopes of its access policy: writing or reading \
                        the stack's metrics, logs and traces, and with broader scopes managing stacks, API keys \
                        and billing-relevant resources of the organization.",
            remediation: "Delete the token under Access Policies in the Grafana Cloud portal, create one with \
                          narrow scopes and give it to collectors from a secret store.",
            bad_example: "loki:\n  basic_auth:\n    username: 812345\n    password: glc_eyJvIjoiODEyMzQ1IiwibiI6InN0YWNrLTgxMjM0NS1obS13cml0ZS1sb2dzIiwiayI6ImJ5OTBXSUpTYlVHV0JPV1djdWFBNXpiVyIsIm0iOnsiciI6InByb2QtdXMtZWFzdC0wIn19\n",
            good_example: "loki:\n  basic_auth:\n    username: 812345\n    password_file: /run/secrets/grafana-cloud-token\n",
            ..META
        },
        keywords: &["glc_"],
        pattern: r"\b(?P<secret>glc_[A-Za-z0-9+/]{32,600}={0,2})(?:[^A-Za-z0-9+/=]|$)",
        min_entropy: 3.5,
        validate: Some(checksum::grafana_cloud_token),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC168",
            name: "grafana-api-key",
            title: "Grafana API key",
            severity: Severity::High,
            aliases: &["grafana-api-key", "grafana-api-token", "CKV_SECRET_46"],
            rationale: "A legacy Grafana API key carries an organization role (Viewer, Editor or Admin): it \
                        queries every data source of the organization and, above Viewer, changes dashboards, \
                        alert rules and data source settings.",
            remediation: "Delete the key in Grafana (API keys, or migrate it to a service account and delete the \
                          old key), then store the new service account token in a secret store.",
            bad_example: "GRAFANA_API_KEY=eyJrIjoiVmIyRmFDbzdkdTQ1cEtjUDc1M2l2ZFNtRHJVZDd6MTQiLCJuIjoiY2ktZGVwbG95IiwiaWQiOjF9\n",
            good_example: "GRAFANA_API_KEY=${GRAFANA_API_KEY:?set it in the CI secrets}\n",
            ..META
        },
        keywords: &["eyjrijoi"],
        pattern: r"\b(?P<secret>eyJrIjoi[A-Za-z0-9+/]{40,600}={0,2})(?:[^A-Za-z0-9+/=.]|$)",
        min_entropy: 3.5,
        validate: Some(checksum::grafana_api_key),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC169",
            name: "dynatrace-api-token",
            title: "Dynatrace API token",
            severity: Severity::High,
            aliases: &["dynatrace-api-token", "CKV_SECRET_39"],
            rationale: "A Dynatrace access token calls the environment's API with its scopes: reading entities, \
                        logs and problems, ingesting data, and with configuration scopes changing settings, \
                        OneAgent deployment and other tokens.",
            remediation: "Revoke the token under Access tokens in Dynatrace, create one with only the scopes it \
                          needs and keep it in a secret store (for example a Kubernetes Secret for the operator).",
            bad_example: "apiVersion: v1\nkind: ConfigMap\ndata:\n  apiToken: dt0c01.CUU1FGM1HD8035BXT1ETSH6D.HIWN6KVXHV04HEXCZYR4VMKB86W04NKTH169DXNCWJXCPDXF487HUS5QRT22U5PO\n",
            // The sample token from Dynatrace's documentation.
            good_example: "# e.g. Api-Token dt0c01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM\n",
            ..META
        },
        keywords: &["dt0c01."],
        pattern: r"\b(?P<secret>dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64})\b",
        min_entropy: 3.5,
        allow_regexes: &[r"^dt0c01\.ST2EY72KQINMH574WMNVI7YN\."],
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC170",
            name: "sumo-logic-access-key",
            title: "Sumo Logic access key",
            severity: Severity::High,
            aliases: &["sumologic-access-token", "CKV_SECRET_67"],
            rationale: "A Sumo Logic access key, with its access ID, calls the Sumo Logic API as the user or \
                        service account that created it: searching all logs it may read, exporting content, \
                        and changing collectors, sources and monitors.",
            remediation: "Delete the access key under Preferences > Access Keys (or Administration > Security) in \
                          Sumo Logic, create a new one and give it to tools through SUMOLOGIC_ACCESSKEY.",
            bad_example: "SUMOLOGIC_ACCESSID=suQ7mK2pX9vLwT\nSUMOLOGIC_ACCESSKEY=DCIb20W0tvi1jsmCaDAoZuSEyDvvWq03mSM9B8zhIPT2QFhQOjWmjriYGsu72rik\n",
            good_example: "SUMOLOGIC_ACCESSID=suQ7mK2pX9vLwT\nSUMOLOGIC_ACCESSKEY=${SUMOLOGIC_ACCESSKEY}\n",
            ..META
        },
        keywords: &["sumo"],
        pattern: r#"(?i)sumo[\w.-]{0,20}?(?:access)?[_-]?key\w*["']?\s*(?::|=|=>|:=)\s*["']?(?P<secret>[a-z0-9]{64})\b"#,
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC171",
            name: "pagerduty-api-key",
            title: "PagerDuty API key",
            severity: Severity::High,
            aliases: &["CKV_SECRET_57"],
            rationale: "A PagerDuty REST API key reads and changes the account's incidents, schedules, \
                        escalation policies and users; an integration key triggers and resolves incidents. An \
                        attacker can silence paging during an attack or page the on-call staff at will.",
            remediation: "Delete the key under Integrations > API Access Keys (or the user's or service's \
                          settings) in PagerDuty and keep the replacement in a secret store.",
            bad_example: "curl -H \"Authorization: Token token=3g-9DYpQaxEN_cNljiRk\" https://api.pagerduty.com/incidents\n",
            // The sample key from PagerDuty's API documentation.
            good_example: "curl -H \"Authorization: Token token=y_NbAkKc66ryYTWUXYEu\" https://api.pagerduty.com/incidents\n",
            ..META
        },
        keywords: &["pagerduty"],
        // An assignment to a PagerDuty key name (REST keys are 20 characters,
        // integration keys 32 hex), or PagerDuty's `Token token=` header on a
        // line that names PagerDuty.
        pattern: r#"(?i)(?:pagerduty[\w.-]{0,30}?(?:key|token)\w*["']?\s*(?::|=|=>|:=)\s*["']?|token\s+token=["']?)(?P<secret>[a-z0-9_+-]{20}|[a-f0-9]{32})(?:[^a-z0-9_+-]|$)"#,
        min_entropy: 3.0,
        allow_regexes: &["^y_NbAkKc66ryYTWUXYEu$"],
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC172",
            name: "elastic-api-key",
            title: "Elastic API key",
            severity: Severity::High,
            aliases: &["elastic-cloud-api-key"],
            rationale: "An Elasticsearch API key (the base64 `id:key` pair sent as `Authorization: ApiKey`) reads \
                        and writes the indices its role descriptors allow, and an Elastic Cloud key (`essu_`) \
                        manages the organization's deployments and projects.",
            remediation: "Invalidate the key in Kibana (Stack Management > API keys) or the Elastic Cloud console, \
                          create a narrowly scoped one and load it from a secret store or the environment.",
            bad_example: "output.elasticsearch:\n  hosts: [\"https://logs.es.us-east-1.aws.elastic.cloud:443\"]\n  api_key_encoded: Vjcxa0RSdUlyMmpoVHhzLU9IS0Q6cG5KaF9yZ2lPYVBxX045UnRsbm51ZA==\n",
            // The sample key from Elastic's documentation.
            good_example: "curl -H \"Authorization: ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==\" https://localhost:9200/_security/_authenticate\n",
            ..META
        },
        keywords: &["elastic", "apikey", "api_key_encoded", "essu_"],
        // Bare base64 is only accepted when it decodes to an `id:key` pair of
        // Elasticsearch's shape (checked by the validator).
        pattern: r"(?:^|[^A-Za-z0-9+/_-])(?P<secret>essu_[A-Za-z0-9_-]{60,200}={0,2}|[A-Za-z0-9+/]{40,120}={0,2})(?:[^A-Za-z0-9+/=_-]|$)",
        min_entropy: 3.5,
        validate: Some(checksum::elastic_api_key),
        allow_regexes: &["^VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==$"],
        ..SecretRule::DEFAULT
    },
];

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    const PATH: &str = "config.txt";

    #[test]
    fn datadog_keys_need_a_datadog_name_and_the_right_length() {
        assert!(fires("SEC160", PATH, "datadog_api_key: \"a84bba07931db925306a0799dc6ebd71\""));
        assert!(fires(
            "SEC160",
            PATH,
            "curl -H 'DD-API-KEY: a84bba07931db925306a0799dc6ebd71' https://api.datadoghq.eu"
        ));
        assert!(fires(
            "SEC160",
            PATH,
            "datadog:\n  site: datadoghq.eu\n  apiKey: a84bba07931db925306a0799dc6ebd71\n"
        ));
        // The 40-hex application key is not an API key, and vice versa.
        assert!(!fires("SEC160", PATH, "DD_APP_KEY=8b8c764d1c0acb3dea13519a60a077bbd142880e"));
        assert!(!fires("SEC161", PATH, "DD_API_KEY=a84bba07931db925306a0799dc6ebd71"));
        assert!(fires("SEC161", PATH, "DD_APP_KEY=8b8c764d1c0acb3dea13519a60a077bbd142880e"));
        assert!(fires("SEC161", PATH, "DD_APPLICATION_KEY=ddapp_Q2xWk9LmP4sTv8YbZ3cHd6FgJ1aR7nQ2xW"));
        // A hex value under some other name, or a placeholder, is not reported.
        assert!(!fires("SEC160", PATH, "ADD_API_KEY=a84bba07931db925306a0799dc6ebd71"));
        assert!(!fires("SEC160", PATH, "DD_API_KEY=00000000000000000000000000000000"));
        assert!(fires("SEC160", PATH, "MY_DD_API_KEY=a84bba07931db925306a0799dc6ebd71"));
    }

    #[test]
    fn new_relic_formats() {
        assert!(fires("SEC163", PATH, "NEW_RELIC_LICENSE_KEY=eu01xx56a4d2bad821df997d529975dcb6deNRAL"));
        assert!(fires("SEC163", PATH, "insertKey: NRII-dFanUrOSE62chn4xdeJg1Kza5KxxGWfv"));
        assert!(
            !fires("SEC163", PATH, "key: xd390b656a4d2bad821df997d529975dcb6deNRAL"),
            "37 characters before NRAL"
        );
        assert!(!fires("SEC162", PATH, "NRAK-QIFPUW23YDESOK50LLSD9D2VEY"), "26 characters");
    }

    #[test]
    fn sentry_tokens_and_dsns() {
        assert!(fires(
            "SEC164",
            PATH,
            "token: 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"
        ));
        assert!(!fires(
            "SEC164",
            PATH,
            "token: sntryu_80fac27cd8995efeba9032050d09c5892503e12b47fa42f93ceaf2ffbf3e0b6"
        ));
        // Base64 after the prefix that is not Sentry's JSON payload.
        assert!(!fires(
            "SEC164",
            PATH,
            "sntrys_eyJub3QiOiAic2VudHJ5IiwgInJlYWxseSI6ICJubyJ9_nvMZAcPW8FUmSRqP0cNT8H9etVjHQF83I+5k95JZryg"
        ));
        let dsn = "Sentry.init({ dsn: 'https://9aba45ee6ebc57f4590641e1f037860c:f29ae36563d8b6da25a43a846eb31e7e@sentry.acme.io/7' })";
        assert!(fires("SEC165", PATH, dsn));
        let public = "Sentry.init({ dsn: 'https://9aba45ee6ebc57f4590641e1f037860c@o450123.ingest.sentry.io/5512345' })";
        assert!(!fires("SEC165", PATH, public));
    }

    #[test]
    fn grafana_tokens_are_checked_structurally() {
        assert!(fires("SEC166", PATH, "GRAFANA_TOKEN=glsa_6W7vjmqz6mYjWc7izH9DsTNAveadCL8S_6ddc932f"));
        assert!(!fires("SEC166", PATH, "GRAFANA_TOKEN=glsa_6W7vjmqz6mYjWc7izH9DsTNAveadCL8T_6ddc932f"));
        // Random base64 after `glc_` (a C identifier, a hash) is not a token.
        assert!(!fires("SEC167", PATH, "glc_Q29tcGlsZUxpZ2h0bWFwVGV4dHVyZUFycmF5Rm9yVGVzdHM="));
        assert!(
            !fires("SEC168", PATH, "eyJrIjoiVmIyRmFDbzdkdTQ1cEtjUDc1M2l2ZFNtRHJVZDd6MTQifQ"),
            "no name or org id"
        );
    }

    #[test]
    fn pagerduty_and_sumo_need_their_names() {
        assert!(fires("SEC171", PATH, "PAGERDUTY_ROUTING_KEY=8c1f4e6a2b9d4f0e8a7c3b5d1e9f2a4c"));
        assert!(!fires(
            "SEC171",
            PATH,
            "curl -H 'Authorization: Token token=3g-9DYpQaxEN_cNljiRk' https://api.example.com"
        ));
        assert!(!fires(
            "SEC170",
            PATH,
            "ACCESS_KEY=DCIb20W0tvi1jsmCaDAoZuSEyDvvWq03mSM9B8zhIPT2QFhQOjWmjriYGsu72rik"
        ));
    }

    #[test]
    fn elastic_keys_must_decode_to_an_id_and_a_key() {
        let header =
            "curl -H 'Authorization: ApiKey Vjcxa0RSdUlyMmpoVHhzLU9IS0Q6cG5KaF9yZ2lPYVBxX045UnRsbm51ZA=='";
        assert!(fires("SEC172", PATH, header));
        // Basic-auth style `user:password` in base64 is not an API key.
        assert!(!fires("SEC172", PATH, "elastic_auth: ZWxhc3RpYzpjaGFuZ2VtZVBsZWFzZU5vdzEyMzQ1Njc4OTA="));
        assert!(fires(
            "SEC172",
            PATH,
            "EC_API_KEY=essu_UzJ4cWMyaDZNRFJSU1dGcGNrMTFOVzVFUzNSdldUcE5UVU5TYlVwWFNtSTFVa1pS"
        ));
    }
}
