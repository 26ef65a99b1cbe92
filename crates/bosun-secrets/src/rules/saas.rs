//! AI services and other SaaS APIs: OpenAI, Anthropic, Hugging Face and the
//! inference providers, Notion, Linear, Airtable, Okta, Mapbox, Supabase,
//! PlanetScale, Databricks, Facebook, and age encryption keys.

use crate::checksum;
use crate::rule::{SecretRule, META};
use bosun_core::{RuleMeta, Severity};

pub static RULES: &[SecretRule] = &[
    SecretRule {
        meta: RuleMeta {
            id: "SEC173",
            name: "openai-api-key",
            title: "OpenAI API key",
            severity: Severity::High,
            aliases: &["openai-api-key", "CKV_SECRET_107"],
            rationale: "An OpenAI key calls the API on the organization's bill: an attacker runs models at your \
                        expense up to the spending limit, and reads the project's files, assistants, vector \
                        stores and batch results; admin keys (`sk-admin-`) also manage users, projects and keys.",
            remediation: "Delete the key on the API keys page of the OpenAI platform (or the Admin keys page), \
                          create a project-scoped one and read it from OPENAI_API_KEY or a secret store.",
            bad_example: "client = OpenAI(api_key=\"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\")\n",
            good_example: "client = OpenAI(api_key=os.environ[\"OPENAI_API_KEY\"])\n",
            ..META
        },
        // Every OpenAI key carries `T3BlbkFJ`, base64 for "OpenAI".
        keywords: &["t3blbkfj"],
        pattern: r"\b(?P<secret>sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?:[^A-Za-z0-9_-]|$)",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC174",
            name: "anthropic-api-key",
            title: "Anthropic API key",
            severity: Severity::High,
            aliases: &["anthropic-api-key", "anthropic-admin-api-key", "CKV_SECRET_109"],
            rationale: "An Anthropic API key (`sk-ant-api03-`) runs Claude models on the workspace's bill and \
                        reaches its files and batches; an Admin API key (`sk-ant-admin01-`) also manages the \
                        organization's members, workspaces and API keys.",
            remediation: "Disable the key in the Claude Console (Settings > API keys, or Admin keys), create a new \
                          one and read it from ANTHROPIC_API_KEY or a secret store.",
            bad_example: "ANTHROPIC_API_KEY=sk-ant-api03-zfR1wKbPXTXx8TTx4XUMGmTtfc6y_xI25MTL3xzfMg5lJYj_loHI3Yhc1OxT-8QY4-3BMDogiSTRIiP9LJm7R04ZhbGSdAA\n",
            good_example: "ANTHROPIC_API_KEY=${{ secrets.ANTHROPIC_API_KEY }}\n",
            ..META
        },
        keywords: &["sk-ant-api03-", "sk-ant-admin01-"],
        pattern: r"\b(?P<secret>sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA)(?:[^A-Za-z0-9_-]|$)",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC175",
            name: "huggingface-access-token",
            title: "Hugging Face access token",
            severity: Severity::High,
            aliases: &[
                "huggingface-access-token",
                "huggingface-organization-api-token",
                "hugging-face-access-token",
                "CKV_SECRET_110",
            ],
            rationale: "A Hugging Face token reads its owner's private and gated models and datasets, and a \
                        write token pushes to them: an attacker can plant a poisoned model or pickle file in a \
                        repository your pipelines download, or run Inference Endpoints on your account.",
            remediation: "Invalidate the token under Settings > Access Tokens on huggingface.co, create a \
                          fine-grained read-only one where possible and read it from HF_TOKEN.",
            bad_example: "from huggingface_hub import login\nlogin(token=\"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\")\n",
            good_example: "from huggingface_hub import login\nlogin(token=os.environ[\"HF_TOKEN\"])\n",
            ..META
        },
        keywords: &["hf_", "api_org_"],
        pattern: r"\b(?P<secret>(?:hf|api_org)_[A-Za-z]{34})\b",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC176",
            name: "groq-api-key",
            title: "Groq API key",
            severity: Severity::High,
            aliases: &["groq-api-key"],
            rationale: "A Groq API key runs inference on the owner's Groq account: an attacker uses your rate \
                        limits and bill, and on paid tiers can run up charges until the key is revoked.",
            remediation: "Delete the key under API Keys in the GroqCloud console, create a new one and read it \
                          from GROQ_API_KEY or a secret store.",
            bad_example: "GROQ_API_KEY=gsk_VJwnh8S0z054LYyVc1pFRS8A2GY4bIjBkadI9itK27Vtkpk8\n",
            // A placeholder of the right shape has no entropy.
            good_example: "GROQ_API_KEY=gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
            ..META
        },
        keywords: &["gsk_"],
        pattern: r"\b(?P<secret>gsk_[A-Za-z0-9]{48})\b",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC177",
            name: "perplexity-api-key",
            title: "Perplexity API key",
            severity: Severity::High,
            aliases: &["perplexity-api-key"],
            rationale: "A Perplexity API key runs Sonar models and searches on the owner's prepaid credits: an \
                        attacker drains the balance, and auto top-up turns that into card charges.",
            remediation: "Revoke the key under Settings > API in Perplexity, create a new one and read it from \
                          PERPLEXITY_API_KEY or a secret store.",
            bad_example: "const client = new OpenAI({ apiKey: \"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\", baseURL: \"https://api.perplexity.ai\" });\n",
            good_example: "const client = new OpenAI({ apiKey: process.env.PERPLEXITY_API_KEY, baseURL: \"https://api.perplexity.ai\" });\n",
            ..META
        },
        keywords: &["pplx-"],
        pattern: r"\b(?P<secret>pplx-[A-Za-z0-9]{48})\b",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC178",
            name: "xai-api-key",
            title: "xAI API key",
            severity: Severity::High,
            aliases: &["xai-api-key"],
            rationale: "An xAI API key runs Grok models on the team's credits and, with its ACLs, reaches the \
                        team's files and collections; an attacker spends the balance and reads what was uploaded.",
            remediation: "Delete the key in the xAI console (API Keys), create one with narrow ACLs and read it \
                          from XAI_API_KEY or a secret store.",
            bad_example: "XAI_API_KEY=\"xai-TyXPojkU1ziGrWzY786O6ax82ZsTSYNSN7Gauc6nxICZ5g8Lh12qOq3CpS5Fd7YRin3to2F61aQ7nbgl\"\n",
            good_example: "XAI_API_KEY=\"$(pass show xai/api-key)\"\n",
            ..META
        },
        keywords: &["xai-"],
        pattern: r"\b(?P<secret>xai-[A-Za-z0-9]{80})\b",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC179",
            name: "replicate-api-token",
            title: "Replicate API token",
            severity: Severity::High,
            aliases: &["replicate-api-token"],
            rationale: "A Replicate API token runs models and deployments on the owner's account and billing, \
                        reads past predictions with their inputs and outputs, and can create or update models \
                        and deployments.",
            remediation: "Disable the token under Account settings > API tokens on replicate.com, create a new \
                          one and read it from REPLICATE_API_TOKEN or a secret store.",
            bad_example: "export REPLICATE_API_TOKEN=r8_oouNun91zkIRlDb9PBcsB1hJlNpfVdrnCYkWp\n",
            good_example: "export REPLICATE_API_TOKEN=\"$(op read op://ml/replicate/token)\"\n",
            ..META
        },
        keywords: &["r8_"],
        // 40 characters in all according to Replicate; some tools expect 40
        // after the prefix, so both are accepted.
        pattern: r"\b(?P<secret>r8_[A-Za-z0-9]{37,40})\b",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC180",
            name: "notion-integration-token",
            title: "Notion integration token",
            severity: Severity::High,
            aliases: &["notion-api-token", "CKV_SECRET_55"],
            rationale: "A Notion integration token (`ntn_`, formerly `secret_`) reads and, with its \
                        capabilities, edits every page and database shared with the integration, which is often \
                        a whole teamspace of internal documents.",
            remediation: "Refresh the integration's secret under Settings > Connections > Develop or manage \
                          integrations in Notion, and read the new one from NOTION_TOKEN or a secret store.",
            bad_example: "NOTION_TOKEN=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\n",
            good_example: "NOTION_TOKEN=${NOTION_TOKEN}\n",
            ..META
        },
        // Legacy `secret_` tokens are only looked for on lines that name Notion.
        keywords: &["ntn_", "notion"],
        pattern: r"\b(?P<secret>ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})\b",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC181",
            name: "linear-api-key",
            title: "Linear API key",
            severity: Severity::High,
            aliases: &["linear-api-key", "linear-api-token"],
            rationale: "A Linear personal API key acts as its user in the workspace: it reads every issue, \
                        project and comment the user can see, including private teams, and creates, edits or \
                        deletes them.",
            remediation: "Revoke the key under Settings > Security & access > Personal API keys in Linear, create \
                          a new one and keep it in the CI secret store.",
            bad_example: "env:\n  LINEAR_API_KEY: lin_api_oUgImdhCEImzQf6CKbD5FqWfX9MwHOQ62LdIl6GF\n",
            good_example: "env:\n  LINEAR_API_KEY: ${{ secrets.LINEAR_API_KEY }}\n",
            ..META
        },
        keywords: &["lin_api_"],
        pattern: r"\b(?P<secret>lin_api_[A-Za-z0-9]{40})\b",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC182",
            name: "airtable-personal-access-token",
            title: "Airtable personal access token",
            severity: Severity::High,
            aliases: &["airtable-personnal-access-token", "CKV_SECRET_21"],
            rationale: "An Airtable personal access token reads and writes the records of the bases in its \
                        scope, and with schema scopes changes tables and fields: often customer lists, orders or \
                        internal operations data.",
            remediation: "Delete the token on the Developer hub (airtable.com/create/tokens), create one limited to \
                          the bases and scopes it needs and read it from a secret store.",
            bad_example: "curl https://api.airtable.com/v0/meta/bases -H \"Authorization: Bearer patzim1oLECtgXDLU.81dd58a0c1f9a51bb5d9fb33fdebd0bd6ba93e3c411a056d753e37876d6dd9f9\"\n",
            good_example: "curl https://api.airtable.com/v0/meta/bases -H \"Authorization: Bearer $AIRTABLE_TOKEN\"\n",
            ..META
        },
        keywords: &["pat"],
        pattern: r"\b(?P<secret>pat[A-Za-z0-9]{14}\.[a-f0-9]{64})\b",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC183",
            name: "okta-api-token",
            title: "Okta API token",
            severity: Severity::Critical,
            aliases: &["okta-access-token", "CKV_SECRET_56"],
            rationale: "An Okta API token (`SSWS`) has the administrator roles of the user who created it, often \
                        super administrator: an attacker can create users, reset passwords and factors, and \
                        change sign-on policies for every application behind Okta.",
            remediation: "Revoke the token under Security > API > Tokens in the Okta admin console, and move the \
                          integration to an OAuth 2.0 service app with scoped access.",
            bad_example: "curl -H \"Authorization: SSWS 00VM_w8MDaD3vSS1Mmn7qOiqh1yudML66YbgqaD7XB\" https://acme.okta.com/api/v1/users\n",
            good_example: "curl -H \"Authorization: SSWS ${OKTA_API_TOKEN}\" https://acme.okta.com/api/v1/users\n",
            ..META
        },
        keywords: &["okta", "ssws"],
        // After Okta's own `SSWS` authorization scheme, or assigned to a name
        // that mentions Okta (`OKTA_API_TOKEN`, `okta.client.token`).
        pattern: r#"(?:(?i:ssws)[ \t]+|(?:[Oo]kta|OKTA)[\w.-]{0,30}?["']?\s*(?::|=|=>|:=)\s*["']?)(?P<secret>00[A-Za-z0-9_-]{40})(?:[^A-Za-z0-9_-]|$)"#,
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC184",
            name: "mapbox-secret-token",
            title: "Mapbox secret access token",
            severity: Severity::High,
            aliases: &["mapbox-api-token", "CKV_SECRET_91"],
            rationale: "A Mapbox secret token (`sk.`) carries secret scopes that public tokens cannot have: \
                        uploading and deleting tilesets and styles, downloading the SDKs, and creating or \
                        listing the account's other tokens.",
            remediation: "Delete the token on the Access tokens page of the Mapbox account, create one with only \
                          the scopes needed and keep it in ~/.gradle or ~/.netrc, not the repository.",
            bad_example: "MAPBOX_DOWNLOADS_TOKEN=sk.eyJ1IjoiYWNtZS1tYXBzIiwiYSI6ImNseDlxMnY3bjB1ZDl4YWk2aTF2YTdseXUifQ.q43IedbtWe27WH77hBlyqz\n",
            // A public token belongs in client code; only `sk.` tokens are secret.
            good_example: "MAPBOX_ACCESS_TOKEN=pk.eyJ1IjoiYWNtZS1tYXBzIiwiYSI6ImNseDlxMnY3bjB1ZDl4YWk2aTF2YTdseXUifQ.q43IedbtWe27WH77hBlyqz\n",
            ..META
        },
        keywords: &["sk.eyj"],
        pattern: r"\b(?P<secret>sk\.eyJ[A-Za-z0-9_-]{10,400}\.[A-Za-z0-9_-]{20,40})(?:[^A-Za-z0-9_.-]|$)",
        min_entropy: 3.5,
        validate: Some(checksum::mapbox_secret_token),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC185",
            name: "supabase-secret-key",
            title: "Supabase access token or secret key",
            severity: Severity::Critical,
            aliases: &["supabase-service-key"],
            rationale: "A Supabase personal access token (`sbp_`) manages every project of its user through the \
                        Management API, including database passwords, SQL and deletion; a secret API key \
                        (`sb_secret_`) bypasses row-level security and reads or writes all of a project's data.",
            remediation: "Revoke the access token under Account > Access Tokens, or delete the secret key under \
                          Project Settings > API Keys, and keep the replacement in the server's secret store.",
            bad_example: "SUPABASE_ACCESS_TOKEN=sbp_ffa9204c1c9eeb488c6daa9b7fcd3ce2818f26ff\n",
            good_example: "SUPABASE_ACCESS_TOKEN=${{ secrets.SUPABASE_ACCESS_TOKEN }}\n",
            ..META
        },
        keywords: &["sbp_", "sb_secret_"],
        pattern: r"\b(?P<secret>sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{22}_[A-Za-z0-9_-]{8})(?:[^A-Za-z0-9_-]|$)",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC186",
            name: "planetscale-token",
            title: "PlanetScale password or token",
            severity: Severity::High,
            aliases: &["planetscale-api-token", "planetscale-password", "planetscale-oauth-token", "CKV_SECRET_58"],
            rationale: "A PlanetScale password (`pscale_pw_`) reads and writes a database branch's data with its \
                        role; a service or OAuth token (`pscale_tkn_`, `pscale_oauth_`) manages the \
                        organization's databases, branches and deploy requests within its permissions.",
            remediation: "Delete the password or service token in the PlanetScale dashboard, create a new one and \
                          load it from the platform's secret store (DATABASE_URL, PLANETSCALE_SERVICE_TOKEN).",
            bad_example: "DATABASE_URL=mysql://x9k2qv1l8m3n:pscale_pw_I3k5flIphdRSgvSDCs0suUQAAKmzBoZdxRZrqPta3vY@aws.connect.psdb.cloud/shop?sslaccept=strict\n",
            good_example: "DATABASE_URL=${DATABASE_URL}\n",
            ..META
        },
        keywords: &["pscale_pw_", "pscale_tkn_", "pscale_oauth_"],
        pattern: r"\b(?P<secret>pscale_(?:pw|tkn|oauth)_[A-Za-z0-9_=.-]{32,64})(?:[^A-Za-z0-9_=.-]|$)",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC187",
            name: "databricks-access-token",
            title: "Databricks personal access token",
            severity: Severity::High,
            aliases: &["databricks-api-token", "CKV_SECRET_33"],
            rationale: "A Databricks personal access token acts as its user in the workspace: it reads tables and \
                        notebooks, runs jobs and code on clusters (with the clusters' cloud credentials), and \
                        reads the workspace's secret scopes the user can access.",
            remediation: "Revoke the token under Settings > Developer > Access tokens in the workspace, and use \
                          OAuth machine-to-machine credentials of a service principal instead.",
            bad_example: "[DEFAULT]\nhost  = https://adb-1234567890123456.7.azuredatabricks.net\ntoken = dapi4458edb3ce587e4620fcd39a4d824aeb\n",
            good_example: "[DEFAULT]\nhost      = https://adb-1234567890123456.7.azuredatabricks.net\nauth_type = databricks-cli\n",
            ..META
        },
        keywords: &["dapi"],
        pattern: r"\b(?P<secret>dapi[a-f0-9]{32}(?:-\d)?)\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC188",
            name: "facebook-access-token",
            title: "Facebook access token",
            severity: Severity::High,
            aliases: &["facebook-page-access-token", "facebook-access-token"],
            rationale: "A Facebook (Meta) user, page or system user access token calls the Graph API with its \
                        permissions: posting as the page, reading its messages and insights, and managing ad \
                        accounts and their spending.",
            remediation: "Invalidate the token (change the page or system user's tokens in Business Settings, or \
                          reset the app secret), and fetch tokens at run time from a secret store.",
            bad_example: "FB_PAGE_ACCESS_TOKEN=EAAGNFs15ykU41CzSJmNe4SdcTBhHAdAISasc5klDcyA7LOTsBb65SJbCkBboSqXPTijG86AKZtUkKU9xTIcrQQy0gvgIJIbNxpmaIebhVuG3LE37L6ClNsHAi7s7nCBm5gd6UDRjRileicO97Z5kAREInIMGbFUfW10\n",
            good_example: "FB_PAGE_ACCESS_TOKEN=${FB_PAGE_ACCESS_TOKEN}\n",
            ..META
        },
        keywords: &["eaa"],
        pattern: r"\b(?P<secret>EAA[A-Za-z0-9]{100,400})\b",
        min_entropy: 4.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC189",
            name: "age-secret-key",
            title: "age secret key",
            severity: Severity::Critical,
            aliases: &["age-secret-key"],
            rationale: "An age secret key decrypts every file encrypted to its recipient, such as SOPS-encrypted \
                        secrets committed next to it: whoever holds it reads all of them, in every past commit.",
            remediation: "Generate a new key with age-keygen, re-encrypt the files to the new recipient (sops \
                          updatekeys), rotate the secrets they held, and keep the key outside the repository.",
            bad_example: "# recipient: age12tezvedxpsfd9zgctk2sa6ypxcy3vmmtzy730rtvplfeq8lj8xss9qh84f\nSOPS_AGE_KEY=AGE-SECRET-KEY-1FZMMKPMD37G2AM4LFGS6T5Y5NF4RKUHU0DEXZCLSNWRTGY7ESUFQ89TUHH\n",
            good_example: "export SOPS_AGE_KEY_FILE=\"$HOME/.config/sops/age/keys.txt\"\n",
            ..META
        },
        keywords: &["age-secret-key-1"],
        pattern: r"\b(?P<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b",
        validate: Some(checksum::bech32),
        ..SecretRule::DEFAULT
    },
];

#[cfg(test)]
mod tests {
    use crate::rules::testing::fires;

    const PATH: &str = "config.txt";

    #[test]
    fn openai_keys_old_and_new() {
        assert!(fires("SEC173", PATH, "OPENAI_API_KEY=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"));
        let admin = "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";
        assert!(fires("SEC173", PATH, admin));
        // Without the `T3BlbkFJ` marker it is some other `sk-` key.
        assert!(!fires("SEC173", PATH, "key = sk-gUsWlY8A1myEVIR6LFYhT3BlbkFIOTduCDuaOHZgO3IwAwuf"));
    }

    #[test]
    fn anthropic_keys_need_the_full_length_and_suffix() {
        let body =
            "zfR1wKbPXTXx8TTx4XUMGmTtfc6y_xI25MTL3xzfMg5lJYj_loHI3Yhc1OxT-8QY4-3BMDogiSTRIiP9LJm7R04ZhbGSd";
        assert!(fires("SEC174", PATH, &format!("key: sk-ant-admin01-{body}AA")));
        assert!(!fires("SEC174", PATH, &format!("key: sk-ant-api03-{body}AB")));
        assert!(!fires("SEC174", PATH, &format!("key: sk-ant-api03-{}AA", &body[1..])));
    }

    #[test]
    fn prefixed_ai_tokens_are_bounded() {
        assert!(fires("SEC175", PATH, "HF_TOKEN=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"));
        // A 35th letter makes it something else (an identifier, a longer token).
        assert!(!fires("SEC175", PATH, "HF_TOKEN=hf_qyhPzDalfDsnqdVtxqRuzgODnNLBSQNJFCz"));
        assert!(
            !fires("SEC176", PATH, "gsk_VJwnh8S0z054LYyVc1pFRS8A2GY4bIjBkadI9itK27Vtkpk"),
            "47 characters"
        );
        assert!(fires("SEC179", PATH, "token: r8_oouNun91zkIRlDb9PBcsB1hJlNpfVdrnCYkWpQ2x"));
        assert!(!fires("SEC179", PATH, "token: r8_oouNun91zkIRlDb9PBcsB1hJlNpfVdrnCYkWpQ2xz"));
    }

    #[test]
    fn notion_legacy_tokens_need_notion_nearby() {
        let legacy = "secret_Q2xWk9LmP4sTv8YbZ3cHd6FgJ1aR7nQ2xWk9LmP4sTv";
        assert!(fires("SEC180", PATH, &format!("NOTION_API_KEY={legacy}")));
        assert!(!fires("SEC180", PATH, &format!("WEBHOOK_SIGNING={legacy}")));
    }

    #[test]
    fn okta_tokens_need_okta_or_ssws() {
        assert!(fires("SEC183", PATH, "okta.client.token: 00VM_w8MDaD3vSS1Mmn7qOiqh1yudML66YbgqaD7XB"));
        assert!(!fires("SEC183", PATH, "build_id: 00VM_w8MDaD3vSS1Mmn7qOiqh1yudML66YbgqaD7XB"));
    }

    #[test]
    fn mapbox_secret_tokens_decode_to_a_user() {
        assert!(!fires(
            "SEC184",
            PATH,
            "sk.eyJhIjoiY2x4OXEydjduMHVkOXhhaTZpMXZhN2x5dSJ9.q43IedbtWe27WH77hBlyqz"
        ));
    }

    #[test]
    fn supabase_and_planetscale_formats() {
        assert!(fires("SEC185", PATH, "SUPABASE_SECRET_KEY=sb_secret_BV8_luteLKWMFmkkBTDijy_sfSa5Jhl"));
        assert!(!fires("SEC185", PATH, "SUPABASE_SECRET_KEY=sb_secret_BV8_luteLKWMFmkkBTDijy_sfSa5Jhlx"));
        assert!(fires(
            "SEC186",
            PATH,
            "PLANETSCALE_SERVICE_TOKEN=pscale_tkn_MDsRMMepIO9onDfakNMYXc1RVLJ7yyHwSswQexv7CDU"
        ));
    }

    #[test]
    fn hex_bodies_must_have_their_exact_length() {
        let hex = "81dd58a0c1f9a51bb5d9fb33fdebd0bd6ba93e3c411a056d753e37876d6dd9f9";
        assert!(fires("SEC182", PATH, &format!("AIRTABLE_TOKEN=patzim1oLECtgXDLU.{hex}")));
        assert!(!fires("SEC182", PATH, &format!("AIRTABLE_TOKEN=patzim1oLECtgXDLU.{}", &hex[1..])));
        assert!(!fires("SEC182", PATH, &format!("path = patterns/patzim1oLECtgXDLU.{hex}x")));
        assert!(fires("SEC187", PATH, "DATABRICKS_TOKEN=dapi4458edb3ce587e4620fcd39a4d824aeb-2"));
        assert!(!fires("SEC187", PATH, "DATABRICKS_TOKEN=dapi4458edb3ce587e4620fcd39a4d824ae"));
        assert!(!fires("SEC185", PATH, "SUPABASE_ACCESS_TOKEN=sbp_ffa9204c1c9eeb488c6daa9b7fcd3ce2818f26f"));
    }

    #[test]
    fn age_keys_need_a_valid_bech32_checksum() {
        let key = "AGE-SECRET-KEY-1FZMMKPMD37G2AM4LFGS6T5Y5NF4RKUHU0DEXZCLSNWRTGY7ESUFQ89TUHH";
        assert!(fires("SEC189", PATH, key));
        assert!(!fires("SEC189", PATH, &key.replace("TUHH", "TUHG")));
    }

    #[test]
    fn facebook_tokens_are_long_and_random() {
        assert!(!fires("SEC188", PATH, &format!("EAAG{}", "ab".repeat(60))));
        assert!(
            !fires("SEC188", PATH, "EAAGNFs15ykU41CzSJmNe4SdcTBhHAdAISasc5klDcyA7LOTsBb65SJbCkBboSq"),
            "too short"
        );
    }
}
