//! Cloud providers: AWS, Google Cloud, Azure, DigitalOcean, Alibaba, IBM and others.

use crate::checksum;
use crate::rule::{SecretRule, META};
use bosun_core::{RuleMeta, Severity};

/// Azure storage and Cosmos DB account keys are 64 random bytes in base64.
fn base64_64_bytes(text: &str) -> bool {
    checksum::base64_of_len(text, 64)
}

/// The storage emulator (Azurite) and Cosmos DB emulator keys, published in
/// Microsoft's documentation: the same for everyone, so not secrets.
const AZURE_EMULATOR_KEYS: &[&str] = &[
    r"^Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==$",
    r"^C2y6yDjf5/R\+ob0N8A7Cgv30VRDJIWEHLM\+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==$",
];

pub static RULES: &[SecretRule] = &[
    SecretRule {
        meta: RuleMeta {
            id: "SEC001",
            name: "aws-access-key-id",
            title: "AWS access key ID",
            severity: Severity::High,
            aliases: &["aws-access-token", "aws-access-key-id", "CKV_SECRET_2"],
            rationale: "An AWS access key ID names an IAM user's or role session's key pair and the account it \
                        belongs to; the secret access key is almost always stored next to it, and together they \
                        act as that principal on every AWS API it is allowed to call.",
            remediation: "Deactivate and delete the key in IAM (Security credentials), then use roles: instance \
                          profiles, IRSA or OIDC federation from CI instead of long-lived keys.",
            bad_example: "[default]\naws_access_key_id = AKIARJSM6F7VZ2KUWHWI\nregion = eu-west-1\n",
            good_example: "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\nregion = eu-west-1\n",
            ..META
        },
        keywords: &["akia", "asia", "abia", "acca"],
        pattern: r"\b(?P<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b",
        min_entropy: 3.0,
        allow_regexes: &[r"EXAMPLE$"],
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC002",
            name: "aws-secret-key",
            title: "AWS secret access key",
            severity: Severity::Critical,
            aliases: &["aws-secret-access-key", "CKV_SECRET_2"],
            rationale: "The secret access key signs AWS API requests: with its key ID it gives full use of the \
                        IAM user's permissions (often administrator in practice), from anywhere, until the key \
                        is deleted.",
            remediation: "Delete the access key in IAM, review CloudTrail for its use, and switch to roles or \
                          short-lived credentials from AWS IAM Identity Center or OIDC.",
            bad_example: "[default]\naws_secret_access_key = y+L31PNgqWbch2QUxxjY/oXqUj/22nRe40JZ+bYZ\n",
            good_example: "[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
            ..META
        },
        keywords: &[
            "aws_secret",
            "aws-secret",
            "aws.secret",
            "awssecret",
            "secret_access_key",
            "secret-access-key",
            "secretaccesskey",
        ],
        pattern: r#"(?i:aws[_.-]?secret[_.-]?(?:access[_.-]?)?key|secret[_.-]?access[_.-]?key|aws[_.-]?secret)[\w.-]{0,20}?["']?\s*(?::=|=>|[:=])\s*["']?(?P<secret>[A-Za-z0-9/+]{40})(?:$|[^A-Za-z0-9/+=])"#,
        min_entropy: 3.5,
        stopwords: &["example"],
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC003",
            name: "aws-session-token",
            title: "AWS session token",
            severity: Severity::High,
            aliases: &["np.aws.4"],
            rationale: "A session token completes a temporary STS credential: with its ASIA key pair it acts as \
                        the assumed role until it expires, which can be up to 12 hours (36 for some sessions).",
            remediation: "Revoke the role's active sessions (IAM role, Revoke sessions) and fetch temporary \
                          credentials at run time instead of writing them to files.",
            bad_example: "aws_session_token = IQoJb3JpZ2luX2VjE/w65no5VB180ACFa0qn6dQj+QKhCHD4++UjgjfXudzTQXGqi/x8PikL2t+yiRbiMdYN2fFq6oCoS1UFyVlYONgEUsYx1ihEeGY14iiMyD5FN/kvkdgK7FI0b4iiLl3Ezomr0odA+v4/ffDNH0qdN7VExMzj83pcgPIrWZHt7OSGqx7KXM1InwJNRHaFa87XwMt1fDRDJnRdzQQWk8Hd+KFbfUwm5TQuZxLQZ35BqewvoSFxhfrEw0bVCTvmiaXcaAK9G0Wuiw6rWIj0LEiRlwYjqzertEmtWSgz3FSDw0wO0\n",
            good_example: "aws_session_token = ${AWS_SESSION_TOKEN}\n",
            ..META
        },
        keywords: &["session_token", "session-token", "sessiontoken", "security_token"],
        pattern: r#"(?i:aws[_.-]?session[_.-]?token|aws[_.-]?security[_.-]?token|sessiontoken)["']?\s*(?::=|=>|[:=])\s*["']?(?P<secret>[A-Za-z0-9/+]{100,}={0,2})(?:$|[^A-Za-z0-9/+=])"#,
        min_entropy: 4.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC004",
            name: "amazon-mws-auth-token",
            title: "Amazon MWS auth token",
            severity: Severity::High,
            aliases: &["np.aws.5", "AmazonMWS"],
            rationale: "An Amazon Marketplace Web Service auth token lets a developer application act for a \
                        seller: read orders and customer addresses, change listings, prices and inventory.",
            remediation: "Revoke the developer's access in Seller Central (User permissions, Third-party \
                          developer and apps) and move the integration to SP-API with credentials in a secret store.",
            bad_example: "MWS_AUTH_TOKEN=amzn.mws.cb41a6fd-662c-83ad-518a-06ab25362853\n",
            good_example: "MWS_AUTH_TOKEN=${MWS_AUTH_TOKEN}\n",
            ..META
        },
        keywords: &["amzn.mws."],
        pattern: r"\b(?P<secret>amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC005",
            name: "aws-bedrock-api-key",
            title: "Amazon Bedrock long-term API key",
            severity: Severity::High,
            aliases: &["aws-amazon-bedrock-api-key-long-lived"],
            rationale: "A long-term Bedrock API key is a service-specific credential of an IAM user: anyone \
                        holding it can invoke models on the account's bill, and read whatever the attached \
                        policy allows, until it expires or is deleted.",
            remediation: "Delete the service-specific credential in IAM (or the Bedrock console, API keys), and \
                          use short-term keys or IAM role credentials instead.",
            bad_example: "AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS1qZGVsLWF0LTU0NzMyMjYzMDA5NDpUelY0bFV6bmhTNUhtYjhmOVlHU0U2bFBXZDRzR0lXNnJQakF1N1Nrb2ttUg==\n",
            good_example: "AWS_BEARER_TOKEN_BEDROCK=${BEDROCK_API_KEY}\n",
            ..META
        },
        keywords: &["absk"],
        pattern: r"\b(?P<secret>ABSK[A-Za-z0-9+/]{100,400}={0,2})(?:$|[^A-Za-z0-9+/=])",
        validate: Some(checksum::aws_bedrock_api_key),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC006",
            name: "aws-bedrock-short-term-api-key",
            title: "Amazon Bedrock short-term API key",
            severity: Severity::Medium,
            aliases: &["aws-amazon-bedrock-api-key-short-lived"],
            rationale: "A short-term Bedrock API key is a presigned request of the creating identity: it invokes \
                        models as that identity for up to 12 hours.",
            remediation: "Revoke the creating role's sessions if the key is still valid, and generate keys at \
                          run time (aws-bedrock-token-generator) instead of storing them.",
            bad_example: "AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbiZYLUFtei1BbGdvcml0aG09QVdTNC1ITUFDLVNIQTI1NiZYLUFtei1DcmVkZW50aWFsPUFTSUFESEVUUkVPTlRDQkJWRklWJTJGMjAyNTA2MTElMkZ1cy1lYXN0LTElMkZiZWRyb2NrJTJGYXdzNF9yZXF1ZXN0JlgtQW16LURhdGU9MjAyNTA2MTFUMTIwMDAwWiZYLUFtei1FeHBpcmVzPTQzMjAwJlgtQW16LVNlY3VyaXR5LVRva2VuPW5HTThLbGNqendPNXhwUnRmcTJZT1l1emkwTUJYVXF3WFIzNjZsNGImWC1BbXotU2lnbmVkSGVhZGVycz1ob3N0JlgtQW16LVNpZ25hdHVyZT01ZmYzYTVjMjQxZjdlMTlkOThlNjUyNDYzYjlhZjZkYjY2ZjIxMWZlZDIxYzVlMTllMWFmYzBmMTA2ZDA5MDY3JlZlcnNpb249MQ==\n",
            good_example: "AWS_BEARER_TOKEN_BEDROCK=$(python -m aws_bedrock_token_generator)\n",
            ..META
        },
        keywords: &["bedrock-api-key-"],
        pattern: r"\b(?P<secret>bedrock-api-key-[A-Za-z0-9+/]{40,}={0,2})(?:$|[^A-Za-z0-9+/=])",
        validate: Some(checksum::aws_bedrock_short_term_key),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC007",
            name: "gcp-service-account-key",
            title: "Google Cloud service account key",
            severity: Severity::Critical,
            aliases: &["gcp-service-account"],
            rationale: "A service account key file holds the account's private key: it mints access tokens for \
                        every role the service account has, in every project that granted them, until the key \
                        is deleted (keys do not expire by default).",
            remediation: "Delete the key in IAM (Service accounts, Keys), audit its use in Cloud Logging, and use \
                          attached service accounts or Workload Identity Federation instead of key files.",
            bad_example: "{\n  \"type\": \"service_account\",\n  \"project_id\": \"acme-prod\",\n  \
                          \"private_key_id\": \"a4c123b1612dd272d1371c17149d439536b3216f\",\n  \"private_key\": \"-----BEGIN PRIVATE \
                          KEY-----\\n/qax/DMX1h2FxT2EP3SIvFiVvGGnvfk64EpUBvgRC2b1ABsdnEyULmjyzPaobgJ6pm1dX8CxZBqgXP9tX60fNUs/veNG2n1onegEJwBAlPS4DUxR0ufJ/XsXrtKXoI4oUq3cpS8K8XfBeRNYp1E5KEPi4VMj+MlecMh0s6t1ogUm7IGbUi4FQP3tSdXMBH1v/7Coejldk1gTrJhHLrTi3mJ2N0Ky487Ei4VqBou+EEZMtw20\\n-----END PRIVATE KEY-----\\n\",\n  \"client_email\": \
                          \"deployer@acme-prod.iam.gserviceaccount.com\"\n}\n",
            good_example: "{\n  \"type\": \"external_account\",\n  \"audience\": \
                           \"//iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/ci/providers/gh\",\n  \
                           \"subject_token_type\": \"urn:ietf:params:oauth:token-type:jwt\",\n  \"token_url\": \
                           \"https://sts.googleapis.com/v1/token\"\n}\n",
            ..META
        },
        keywords: &["service_account", "auth_provider_x509_cert_url"],
        pattern: r#"(?:"type"\s*:\s*"service_account"|"auth_provider_x509_cert_url")[^{}]{0,4000}?"private_key"\s*:\s*"(?P<secret>-----BEGIN (?:RSA )?PRIVATE KEY-----[^"]{40,}?-----END (?:RSA )?PRIVATE KEY-----(?:\\n)?)""#,
        multiline: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC008",
            name: "gcp-api-key",
            title: "Google Cloud API key",
            severity: Severity::High,
            aliases: &["gcp-api-key", "CKV_SECRET_45"],
            rationale: "A Google API key bills every call to its project: an unrestricted key can be used for \
                        Maps, Gemini and other paid APIs, and where the Generative Language API is enabled it \
                        reads the project's uploaded files and cached content.",
            remediation: "Delete or regenerate the key in APIs & Services, Credentials; restrict new keys to the \
                          APIs and referrers or apps that need them and load server-side keys from a secret store.",
            bad_example: "GOOGLE_API_KEY=AIzaG9I24JztksLN-CfEWAp72vSrE83heo7nE85\n",
            good_example: "GOOGLE_API_KEY=AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n",
            ..META
        },
        keywords: &["aiza"],
        pattern: r"(?:^|[^A-Za-z0-9_-])(?P<secret>AIza[A-Za-z0-9_-]{35})(?:$|[^A-Za-z0-9_-])",
        min_entropy: 4.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC009",
            name: "azure-storage-account-key",
            title: "Azure Storage account key",
            severity: Severity::Critical,
            aliases: &["azure-storage-account-key", "CKV_SECRET_3", "np-azure-01", "AzureStorage"],
            rationale: "A storage account key is the account's root credential: it reads, writes and deletes \
                        every blob, file share, queue and table in the account, and signs SAS tokens for \
                        anyone else.",
            remediation: "Rotate the key in the storage account (Access keys), then use Microsoft Entra ID with \
                          managed identities, or short-lived user-delegation SAS, instead of account keys.",
            bad_example: "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=acmeprodlogs;\
                          AccountKey=5Zd6a1ky4AnSHFlIKnKa3eXiGNRWnKmO000FPSPBvJbZVgJXmXZvFHOaFrs7UD6wGJUZ99YGuqvmUuhodLy3ng==;EndpointSuffix=core.windows.net\n",
            good_example: "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;\
                           AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/\
                           KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1\n",
            ..META
        },
        keywords: &[
            "accountname=",
            "azure_storage",
            "azure-storage",
            "azurestorage",
            "storage_account",
            "storage-account",
            "storageaccount",
            "account-key",
        ],
        pattern: r#"(?:(?i:AccountName)=[A-Za-z0-9]{3,24};\s*(?i:AccountKey)=|(?i:azure[_.-]?storage[_.-]?(?:account[_.-]?)?(?:access[_.-]?)?key|storage[_.-]?account[_.-]?(?:access[_.-]?)?key|--account-key)["']?\s*(?::=|=>|[:=\s])\s*["']?)(?P<secret>[A-Za-z0-9+/]{86}==)"#,
        validate: Some(base64_64_bytes),
        allow_regexes: AZURE_EMULATOR_KEYS,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC010",
            name: "azure-cosmos-db-key",
            title: "Azure Cosmos DB account key",
            severity: Severity::Critical,
            aliases: &["AzureCosmosDBKeyIdentifiable"],
            rationale: "A Cosmos DB primary (read-write) key is full control of the account's data plane: every \
                        database, container and item can be read, changed or deleted with it.",
            remediation: "Regenerate the key in the Cosmos DB account (Keys), then use Microsoft Entra ID with \
                          role-based access and managed identities, or disable key authentication.",
            bad_example: "COSMOS_CONNECTION=AccountEndpoint=https://acme-orders.documents.azure.com:443/;\
                          AccountKey=3C19UpMoOlqVPX+np1oxsL2aMXp5XMpSEzOoXISUDMReRunG4FmH7Kg5yvgsm+ETGTlvY+M5Zen5NSRFXbKpnw==;\n",
            good_example: "COSMOS_KEY=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==\n",
            ..META
        },
        keywords: &["documents.azure.com", "cosmos"],
        pattern: r#"(?:(?i:AccountEndpoint)=https://[a-z0-9-]{3,44}\.(?:documents|table\.cosmos)\.azure\.com(?::443)?/?;\s*(?i:AccountKey)=|(?i:cosmos[_.-]?(?:db[_.-]?)?(?:account[_.-]?)?(?:primary[_.-]?|secondary[_.-]?|master[_.-]?|auth[_.-]?)?key)["']?\s*(?::=|=>|[:=])\s*["']?)(?P<secret>[A-Za-z0-9+/]{86}==)"#,
        validate: Some(base64_64_bytes),
        allow_regexes: AZURE_EMULATOR_KEYS,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC011",
            name: "azure-sas-token",
            title: "Azure shared access signature",
            severity: Severity::High,
            aliases: &["AzureSasToken"],
            rationale: "A shared access signature URL is a bearer credential: whoever has it gets the permissions \
                        it lists (often read, write and list on a whole account) until its expiry, which is \
                        frequently years away.",
            remediation: "Rotate the account key that signed it (or revoke the stored access policy or user \
                          delegation key), and hand out short-lived, narrowly scoped SAS generated at run time.",
            bad_example: "BACKUP_URL=https://acmebackups.blob.core.windows.net/nightly?sv=2022-11-02&ss=b&srt=co\
                          &sp=rl&se=2026-12-31T23:59:59Z&st=2025-01-01T00:00:00Z&spr=https&sig=5KKcC%2FP%2F43Q%2BDcx1R92YmbX13%2BvYMlkzFQBz2UqfLfM%3D\n",
            good_example: "BACKUP_URL=https://acmebackups.blob.core.windows.net/nightly?${AZURE_SAS_TOKEN}\n",
            ..META
        },
        keywords: &["sig="],
        pattern: r#"(?:^|[?&;="'\s])sv=\d{4}-\d{2}-\d{2}(?:&[A-Za-z]{1,12}=[^&\s"'<>]*){0,15}?&sig=(?P<secret>[A-Za-z0-9%+/=]{43,70})(?:$|[&"'\s<>;#])"#,
        validate: Some(checksum::azure_sas_signature),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC012",
            name: "azure-entra-client-secret",
            title: "Microsoft Entra ID (Azure AD) client secret",
            severity: Severity::High,
            aliases: &["azure-ad-client-secret", "AzureActiveDirectoryApplicationSecret"],
            rationale: "An application's client secret signs it in as its service principal: the attacker gets \
                        every Microsoft Graph permission and Azure role assignment the application holds.",
            remediation: "Delete the secret in the app registration (Certificates & secrets), review sign-in logs, \
                          and use managed identities or workload identity federation instead of secrets.",
            bad_example: "AZURE_CLIENT_SECRET=Zz18Q~Zh4Ul4.1Evtj5n9CgkIWnvvvfiC5qvbDUx\n",
            good_example: "AZURE_CLIENT_SECRET=abc8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
            ..META
        },
        keywords: &["8q~", "7q~"],
        pattern: r"(?:^|[^A-Za-z0-9_~.-])(?P<secret>[A-Za-z0-9_~.]{3}[78]Q~[A-Za-z0-9_~.-]{31,34})(?:$|[^A-Za-z0-9_~.-])",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC013",
            name: "azure-devops-personal-access-token",
            title: "Azure DevOps personal access token",
            severity: Severity::Critical,
            aliases: &["AzureDevopsPersonalAccessToken"],
            rationale: "An Azure DevOps personal access token acts as its owner in the organization within its \
                        scopes: cloning and pushing to Repos, editing and running Pipelines, reading variable \
                        groups and service connections.",
            remediation: "Revoke the token in User settings, Personal access tokens (or as an administrator), and \
                          use System.AccessToken in pipelines or Entra ID service principals elsewhere.",
            bad_example: "AZURE_DEVOPS_EXT_PAT=bhzzxfzan4rylikkj6ezyiz7uzfwg7lfgbuzwv3qv6reepccdexp\n",
            good_example: "AZURE_DEVOPS_EXT_PAT=$(System.AccessToken)\n",
            ..META
        },
        keywords: &[
            "azure_devops",
            "azure-devops",
            "azuredevops",
            "azure devops",
            "azdo",
            "dev.azure.com",
            "visualstudio.com",
            "ado_pat",
            "ado_token",
        ],
        pattern: r"(?:^|[^A-Za-z0-9])(?P<secret>[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}|[a-z2-7]{52})(?:$|[^A-Za-z0-9])",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC014",
            name: "digitalocean-token",
            title: "DigitalOcean API token",
            severity: Severity::Critical,
            aliases: &[
                "digitalocean-pat",
                "digitalocean-access-token",
                "digitalocean-refresh-token",
                "CKV_SECRET_34",
            ],
            rationale: "DigitalOcean personal access tokens (dop_v1_) and OAuth tokens (doo_v1_, dor_v1_) manage \
                        the team's resources within their scopes: create and destroy Droplets, databases and \
                        Kubernetes clusters, read their credentials.",
            remediation: "Delete the token in the control panel (API, Tokens) or revoke the OAuth grant, and use a \
                          narrowly scoped token from a secret store.",
            bad_example: "DIGITALOCEAN_ACCESS_TOKEN=dop_v1_fb46551a6c77d72720101eca79bfde0765d3377e46c1e9771ac9f15330235059\n",
            good_example: "DIGITALOCEAN_ACCESS_TOKEN=${{ secrets.DIGITALOCEAN_ACCESS_TOKEN }}\n",
            ..META
        },
        keywords: &["dop_v1_", "doo_v1_", "dor_v1_"],
        pattern: r"\b(?P<secret>do[opr]_v1_[a-f0-9]{64})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC015",
            name: "alibaba-access-key-id",
            title: "Alibaba Cloud AccessKey ID",
            severity: Severity::High,
            aliases: &["alibaba-access-key-id", "CKV_SECRET_23"],
            rationale: "An AccessKey ID identifies a RAM user's key pair; its AccessKey secret is usually stored \
                        beside it, and the pair calls every Alibaba Cloud API the user may use.",
            remediation: "Disable and delete the AccessKey in the RAM console, and use RAM roles (instance RAM \
                          roles, OIDC) or STS tokens instead of long-lived keys.",
            bad_example: "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIICbuDMloyH269mMcb0l8\n",
            good_example: "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIxxxxxxxxxxxxxxxxxxxx\n",
            ..META
        },
        keywords: &["ltai"],
        pattern: r"\b(?P<secret>LTAI[A-Za-z0-9]{12,20})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC016",
            name: "alibaba-access-key-secret",
            title: "Alibaba Cloud AccessKey secret",
            severity: Severity::Critical,
            aliases: &["alibaba-secret-key", "CKV_SECRET_23"],
            rationale: "The AccessKey secret signs Alibaba Cloud API requests: with its ID it acts as the RAM user \
                        (or the root account) on ECS, OSS, RDS and every other service it may use.",
            remediation: "Delete the AccessKey in the RAM console, check ActionTrail for its use, and move to RAM \
                          roles or STS credentials.",
            bad_example: "ALIBABA_CLOUD_ACCESS_KEY_SECRET=LBs1pAOyg7oCcZB7PBBHWFgIDogFiU\n",
            good_example: "ALIBABA_CLOUD_ACCESS_KEY_SECRET=${ALIYUN_ACCESS_KEY_SECRET}\n",
            ..META
        },
        keywords: &["alibaba", "aliyun", "alicloud", "accesskeysecret", "access_key_secret", "access-key-secret"],
        pattern: r#"(?i:alibaba|aliyun|alicloud|access[_.-]?key[_.-]?secret)[\w.-]{0,30}?["']?\s*(?::=|=>|[:=])\s*["']?(?P<secret>[A-Za-z0-9]{30})(?:$|[^A-Za-z0-9])"#,
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC017",
            name: "ibm-cloud-api-key",
            title: "IBM Cloud API key",
            severity: Severity::Critical,
            aliases: &["CKV_SECRET_7", "ibm-cloud-user-api-key", "IbmCloudUserKey"],
            rationale: "An IBM Cloud API key logs in as its user or service ID: it obtains IAM tokens for every \
                        account resource the identity can reach, from Kubernetes clusters to Cloud Object Storage.",
            remediation: "Delete the key in IAM (API keys, or the service ID's keys), and use trusted profiles or \
                          compute-resource identities instead of stored keys.",
            bad_example: "IBMCLOUD_API_KEY=GkSTwz9cXQVh3ysmSvcdJaoWTMH2ZMmv26R5z0bbMoqw\n",
            good_example: "IBMCLOUD_API_KEY=${IBM_CLOUD_API_KEY}\n",
            ..META
        },
        keywords: &["ibm", "bluemix"],
        pattern: r#"(?:^|[^A-Za-z])(?i:ibm|bluemix)[\w.-]{0,30}?["']?\s*(?::=|=>|[:=])\s*["']?(?P<secret>[A-Za-z0-9_-]{44})(?:$|[^A-Za-z0-9_-])"#,
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC018",
            name: "tencent-cloud-secret-id",
            title: "Tencent Cloud SecretId",
            severity: Severity::High,
            aliases: &["TencentCloudKey"],
            rationale: "A SecretId names a Tencent Cloud API key pair; its SecretKey is usually beside it, and the \
                        pair calls every Tencent Cloud API the sub-user or root account may use.",
            remediation: "Disable and delete the key in CAM (API key management) and use CAM roles or temporary \
                          credentials from STS.",
            bad_example: "TENCENTCLOUD_SECRET_ID=AKIDtTwo1QIJs1N1N3w6Vfc2TNNZ0appsqtl\n",
            good_example: "TENCENTCLOUD_SECRET_ID=AKIDxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
            ..META
        },
        keywords: &["akid"],
        pattern: r"\b(?P<secret>AKID[A-Za-z0-9]{32})\b",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC019",
            name: "heroku-api-key",
            title: "Heroku API key",
            severity: Severity::Critical,
            aliases: &["heroku-api-key", "CKV_SECRET_48", "Heroku"],
            rationale: "A Heroku API key acts as the user on the Platform API: it deploys code, reads every app's \
                        config vars (database URLs and other secrets) and deletes apps.",
            remediation: "Regenerate the key in Account settings (API key) or revoke the authorization, and give \
                          CI a scoped OAuth authorization from a secret store.",
            bad_example: "HEROKU_API_KEY=a7d9bb05-756f-1db2-76ca-9065795bc2be\n",
            good_example: "HEROKU_APP_ID=a7d9bb05-756f-1db2-76ca-9065795bc2be\nHEROKU_API_KEY=${HEROKU_API_KEY}\n",
            ..META
        },
        keywords: &["heroku"],
        pattern: r#"(?i:heroku)[\w.-]{0,20}?(?i:api[_.-]?key|key|token|auth|password|secret)[\w.-]{0,10}?["']?\s*(?::=|=>|[:=])\s*["']?(?P<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\b"#,
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC020",
            name: "heroku-platform-api-token",
            title: "Heroku Platform API token (HRKU-)",
            severity: Severity::Critical,
            aliases: &["heroku-api-key-v2", "Heroku"],
            rationale: "Heroku's prefixed API tokens act as the user or authorization on the Platform API: deploys, \
                        config vars with the apps' secrets, add-ons and deletions.",
            remediation: "Revoke the authorization in Account settings (Applications, Authorizations) and keep the \
                          replacement in the CI provider's secret store.",
            bad_example: "HEROKU_API_KEY=HRKU-AA9UnFWMGAGtFhIkLcwSc4Bbb97ETYxWltz10nlNjQRfXpd2RJ2QJ2RqCg0F\n",
            good_example: "HEROKU_API_KEY=${{ secrets.HEROKU_API_KEY }}\n",
            ..META
        },
        keywords: &["hrku-"],
        pattern: r"\b(?P<secret>HRKU-AA[0-9A-Za-z_-]{58})(?:$|[^0-9A-Za-z_-])",
        min_entropy: 4.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC021",
            name: "cloudflare-api-token",
            title: "Cloudflare API token",
            severity: Severity::High,
            aliases: &["cloudflare-api-key", "CKV_SECRET_73", "CloudflareApiToken"],
            rationale: "A Cloudflare API token carries the permissions it was created with, commonly DNS and zone \
                        settings edit: enough to redirect a domain's traffic, disable the WAF or issue \
                        certificates.",
            remediation: "Roll or delete the token in My Profile, API Tokens, and keep its replacement, scoped to \
                          the zones it needs, in a secret store.",
            bad_example: "CLOUDFLARE_API_TOKEN=6Km2bz2V9KW53hpGYg15JSQkOZtHY94WA6LHHt1E\n",
            good_example: "CLOUDFLARE_API_TOKEN=${CLOUDFLARE_API_TOKEN}\n",
            ..META
        },
        keywords: &["cloudflare", "cf_api_token", "cf-api-token", "cf_token"],
        pattern: r#"(?:(?i:cloudflare[\w.-]{0,30}?|cf[_.-]?api[_.-]?token|cf[_.-]?token)["']?\s*(?::=|=>|[:=])\s*["']?|(?i:bearer)\s+)(?P<secret>[A-Za-z0-9_-]{40})(?:$|[^A-Za-z0-9_-])"#,
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC022",
            name: "cloudflare-global-api-key",
            title: "Cloudflare global API key",
            severity: Severity::Critical,
            aliases: &["cloudflare-global-api-key", "CKV_SECRET_73", "CloudflareGlobalApiKey"],
            rationale: "The global API key has all of its user's permissions on every account and zone they can \
                        reach, including DNS, certificates, Workers and member management; it cannot be scoped.",
            remediation: "View and roll the key in My Profile, API Tokens (Global API Key), and replace its uses \
                          with scoped API tokens.",
            bad_example: "CLOUDFLARE_API_KEY=da9412c63c662e27c8787288993d68ccfa4d1\nCLOUDFLARE_EMAIL=ops@acme.example\n",
            good_example: "CLOUDFLARE_API_TOKEN=${CLOUDFLARE_API_TOKEN}\n",
            ..META
        },
        keywords: &["cloudflare", "cf_api_key", "cf-api-key", "x-auth-key"],
        pattern: r#"(?i:cloudflare[\w.-]{0,30}?|cf[_.-]?api[_.-]?key|x-auth-key)["']?\s*(?::=|=>|[:=])\s*["']?(?P<secret>[a-f0-9]{37})(?:$|[^A-Za-z0-9])"#,
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC023",
            name: "cloudflare-origin-ca-key",
            title: "Cloudflare Origin CA key",
            severity: Severity::High,
            aliases: &["cloudflare-origin-ca-key", "CloudflareCaKey"],
            rationale: "The Origin CA key issues and revokes Origin CA certificates for the user's zones: an \
                        attacker can obtain certificates Cloudflare trusts for the origin, or revoke the real ones.",
            remediation: "Roll the key in My Profile, API Tokens (Origin CA Key), and use an API token with the \
                          SSL and Certificates permission instead.",
            bad_example: "origin_ca_key = \"v1.0-765d9c133d5975e3d1f92f00-49f6efb5ea7841cba6dcd9ed85c937eaff7584591de0ea22f2d04bee8051cf070b30b63e108337eb77e57f705b1bc410783176a4744f4b6b4a0cbaf7409cd529372426f55af0f8a589\"\n",
            good_example: "origin_ca_key = var.cloudflare_origin_ca_key\n",
            ..META
        },
        keywords: &["v1.0-"],
        pattern: r"\b(?P<secret>v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC024",
            name: "fastly-api-token",
            title: "Fastly API token",
            severity: Severity::High,
            aliases: &["fastly-api-token", "CKV_SECRET_41", "FastlyPersonalToken"],
            rationale: "A Fastly API token manages the services its scope allows: changing VCL, backends and TLS \
                        settings, or purging caches, which can redirect or take down a site.",
            remediation: "Revoke the token in Account, API tokens, and create a replacement limited to the needed \
                          services and scope, kept in a secret store.",
            bad_example: "FASTLY_API_TOKEN=i_WxD-HGa4kxw5G7kb6Z8GPs_bM2bkGw\n",
            good_example: "FASTLY_API_TOKEN=${FASTLY_API_TOKEN}\n",
            ..META
        },
        keywords: &["fastly"],
        pattern: r#"(?i:fastly)[\w.-]{0,30}?["']?\s*(?::=|=>|[:=])\s*["']?(?P<secret>[A-Za-z0-9_-]{32})(?:$|[^A-Za-z0-9_-])"#,
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC025",
            name: "yandex-cloud-api-key",
            title: "Yandex Cloud API key",
            severity: Severity::High,
            aliases: &["yandex-api-key", "CKV_SECRET_72", "Yandex"],
            rationale: "A Yandex Cloud API key authenticates as its service account on the APIs that accept API \
                        keys (SpeechKit, Vision, Foundation Models and others), billed to the cloud.",
            remediation: "Delete the key in the service account's page (API keys) and issue keys with scopes and \
                          expiry, or IAM tokens, at run time.",
            bad_example: "YC_API_KEY=AQVNZIVLDsYwwPTi7Ulu9eazcnoynKiCwb5XisxH\n",
            good_example: "YC_API_KEY=${YANDEX_API_KEY}\n",
            ..META
        },
        keywords: &["aqvn"],
        pattern: r"(?:^|[^A-Za-z0-9_-])(?P<secret>AQVN[A-Za-z0-9_-]{35,38})(?:$|[^A-Za-z0-9_-])",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC026",
            name: "yandex-cloud-static-access-key",
            title: "Yandex Cloud static access key secret",
            severity: Severity::High,
            aliases: &["yandex-aws-access-token", "CKV_SECRET_72"],
            rationale: "A static access key's secret signs S3- and SQS-compatible requests as its service account: \
                        reading and overwriting Object Storage buckets and message queues it can reach.",
            remediation: "Delete the static key in the service account's page and use short-lived IAM tokens or \
                          keys kept in Lockbox.",
            bad_example: "YC_STORAGE_SECRET_KEY=YCIDaEhvWJsLI5Wzl7XMJwsWW4ZhGnm-X9cHIfd1\n",
            good_example: "YC_STORAGE_SECRET_KEY=${YC_STORAGE_SECRET_KEY}\n",
            ..META
        },
        keywords: &["yandex", "yc_"],
        pattern: r#"(?:^|[^A-Za-z])(?i:yandex|yc)[\w.-]{0,30}?["']?\s*(?::=|=>|[:=])\s*["']?(?P<secret>YC[A-Za-z0-9_-]{38})(?:$|[^A-Za-z0-9_-])"#,
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC027",
            name: "flyio-access-token",
            title: "Fly.io access token",
            severity: Severity::High,
            aliases: &["flyio-access-token"],
            rationale: "Fly.io tokens (fo1_ and FlyV1 macaroons) act for a user, an organization or an app: \
                        deploying images, reading secrets through running machines, and destroying apps.",
            remediation: "Revoke the token (fly tokens revoke, or the dashboard's Tokens page) and issue deploy \
                          tokens limited to one app, kept in the CI secret store.",
            bad_example: "FLY_API_TOKEN=fo1_l0RQObgz_VA9Z2GmeKC5W4H60NN-lxCyZhxRHAISckl\n",
            good_example: "FLY_API_TOKEN=${{ secrets.FLY_API_TOKEN }}\n",
            ..META
        },
        keywords: &["fo1_", "fm1a_", "fm1r_", "fm2_"],
        pattern: r"(?:^|[^A-Za-z0-9_-])(?P<secret>fo1_[A-Za-z0-9_-]{43}|fm(?:1[ar]|2)_[A-Za-z0-9+/]{100,}={0,3})(?:$|[^A-Za-z0-9+/=_-])",
        min_entropy: 4.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC028",
            name: "scaleway-secret-key",
            title: "Scaleway API secret key",
            severity: Severity::Critical,
            aliases: &["scaleway-secret-key", "ScalewayKey"],
            rationale: "A Scaleway API key's secret acts as its IAM application or user on every project its \
                        policies cover: instances, Kubernetes, object storage and databases.",
            remediation: "Delete the API key in IAM (API keys) and give workloads keys bound to a narrow IAM \
                          policy, stored in Secret Manager.",
            bad_example: "SCW_SECRET_KEY=41b569f9-8903-1dea-2311-b16703137345\n",
            good_example: "SCW_DEFAULT_PROJECT_ID=41b569f9-8903-1dea-2311-b16703137345\nSCW_SECRET_KEY=${SCW_SECRET_KEY}\n",
            ..META
        },
        keywords: &["scw_secret", "scw-secret", "scwsecret", "scaleway"],
        pattern: r#"(?i:scw[_.-]?secret[_.-]?key|scaleway[\w.-]{0,20}?(?:secret|token)[\w.-]{0,15}?)["']?\s*(?::=|=>|[:=])\s*["']?(?P<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC029",
            name: "vultr-api-key",
            title: "Vultr API key",
            severity: Severity::Critical,
            aliases: &["vultr-api-key.1", "VultrApiKey"],
            rationale: "A Vultr API key has its user's access to the whole account: creating and destroying \
                        instances, reading their root passwords, and managing DNS and billing.",
            remediation: "Regenerate the key in Account, API, restrict it to the CI's IP addresses, and keep it \
                          in a secret store.",
            bad_example: "VULTR_API_KEY=6YCIK5POF1BC72F1KY4ASGZ2ASAHXQD6WQ93\n",
            good_example: "VULTR_API_KEY=${VULTR_API_KEY}\n",
            ..META
        },
        keywords: &["vultr"],
        pattern: r#"(?i:vultr)[\w.-]{0,30}?["']?\s*(?::=|=>|[:=])\s*["']?(?P<secret>[A-Z0-9]{36})(?:$|[^A-Za-z0-9])"#,
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC030",
            name: "linode-api-token",
            title: "Linode (Akamai Cloud) API token",
            severity: Severity::Critical,
            aliases: &["Linode"],
            rationale: "A Linode personal access token manages the account within its scopes, by default all of \
                        them: Linodes, volumes, LKE clusters and their kubeconfigs, DNS and users.",
            remediation: "Revoke the token in Cloud Manager (API Tokens) and create a replacement with only the \
                          scopes and expiry needed, kept in a secret store.",
            bad_example: "LINODE_TOKEN=e556436cdc8892711b041df3837aa39b66303b554b72f5109a3a04818919f8a7\n",
            good_example: "LINODE_TOKEN=${LINODE_TOKEN}\n",
            ..META
        },
        keywords: &["linode"],
        pattern: r#"(?i:linode)[\w.-]{0,30}?["']?\s*(?::=|=>|[:=])\s*["']?(?P<secret>[a-f0-9]{64})(?:$|[^A-Za-z0-9])"#,
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
];

#[cfg(test)]
mod tests {
    use crate::rules::testing::{fires, ids};

    const PATH: &str = "config.env";

    #[test]
    fn aws_key_ids_need_the_right_alphabet_and_length() {
        assert!(fires("SEC001", PATH, "key: AKIARJSM6F7VZ2KUWHWI"));
        assert!(fires("SEC001", PATH, "\"AccessKeyId\": \"ASIARJSM6F7VZ2KUWHWI\""));
        assert!(!fires("SEC001", PATH, "id = AKIARJSM6F7VZ2KUWHWIX"), "21 characters");
        assert!(!fires("SEC001", PATH, "id = AKIA0123456789ABCDEF"), "0, 1, 8 and 9 are not base32");
        assert!(!fires("SEC001", PATH, "Asia/Kolkata is a time zone; TODAYINASIAASACKOFRICEFELLOVER"));
    }

    #[test]
    fn aws_secret_keys_need_their_name_and_exact_length() {
        assert!(fires("SEC002", PATH, "\"SecretAccessKey\": \"y+L31PNgqWbch2QUxxjY/oXqUj/22nRe40JZ+bYZ\","));
        assert!(fires(
            "SEC002",
            PATH,
            "export AWS_SECRET_ACCESS_KEY=y+L31PNgqWbch2QUxxjY/oXqUj/22nRe40JZ+bYZ"
        ));
        assert!(fires("SEC002", PATH, "aws.secretKey=y+L31PNgqWbch2QUxxjY/oXqUj/22nRe40JZ+bYZ"));
        assert!(
            !fires("SEC002", PATH, "aws_secret_access_key = y+L31PNgqWbch2QUxxjY/oXqUj/22nRe40JZ+bYZA"),
            "41 characters"
        );
        assert!(!fires("SEC002", PATH, "token = y+L31PNgqWbch2QUxxjY/oXqUj/22nRe40JZ+bYZ"), "no AWS name");
        assert!(!fires("SEC002", PATH, "aws_secret_access_key = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    }

    #[test]
    fn gcp_service_account_keys_are_found_in_any_member_order() {
        let sorted = "{\n  \"auth_provider_x509_cert_url\": \"https://www.googleapis.com/oauth2/v1/certs\",\n  \
                      \"client_email\": \"ci@acme.iam.gserviceaccount.com\",\n  \"private_key\": \"-----BEGIN PRIVATE \
                      KEY-----\\n/qax/DMX1h2FxT2EP3SIvFiVvGGnvfk64EpUBvgRC2b1ABsdnEyULmjyzPaobgJ6pm1dX8CxZBqgXP9tX60fNUs/veNG2n1onegEJwBAlPS4DUxR0ufJ/XsXrtKXoI4oUq3cpS8K8XfBeRNYp1E5KEPi4VMj+MlecMh0s6t1ogUm7IGbUi4FQP3tSdXMBH1v/7Coejldk1gTrJhHLrTi3mJ2N0Ky487Ei4VqBou+EEZMtw20\\n-----END PRIVATE KEY-----\\n\",\n  \"type\": \"service_account\"\n}\n";
        assert!(ids("sa.json", sorted).iter().any(|id| id == "SEC007"));
        let schema = "{\"type\": \"service_account\", \"private_key\": \"<the key>\"}";
        assert!(!ids("sa.json", schema).iter().any(|id| id == "SEC007"));
    }

    #[test]
    fn azure_account_keys_must_decode_to_64_bytes() {
        let conn = "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=5Zd6a1ky4AnSHFlIKnKa3eXiGNRWnKmO000FPSPBvJbZVgJXmXZvFHOaFrs7UD6wGJUZ99YGuqvmUuhodLy3ng==;EndpointSuffix=core.windows.net";
        assert!(fires("SEC009", PATH, conn));
        assert!(fires("SEC009", PATH, "az storage blob list --account-name acme --account-key 5Zd6a1ky4AnSHFlIKnKa3eXiGNRWnKmO000FPSPBvJbZVgJXmXZvFHOaFrs7UD6wGJUZ99YGuqvmUuhodLy3ng=="));
        let wrong = conn.replace(
            "5Zd6a1ky4AnSHFlIKnKa3eXiGNRWnKmO000FPSPBvJbZVgJXmXZvFHOaFrs7UD6wGJUZ99YGuqvmUuhodLy3ng==",
            &format!("{}==", "Ab".repeat(43)),
        );
        assert!(
            !fires("SEC009", PATH, &wrong),
            "not canonical base64: a generated key never has trailing bits"
        );
        assert!(!fires("SEC010", PATH, conn), "a storage string is not a Cosmos DB one");
        assert!(fires("SEC010", PATH, "COSMOS_DB_PRIMARY_KEY=3C19UpMoOlqVPX+np1oxsL2aMXp5XMpSEzOoXISUDMReRunG4FmH7Kg5yvgsm+ETGTlvY+M5Zen5NSRFXbKpnw=="));
    }

    #[test]
    fn sas_signatures_need_a_service_version_before_them() {
        let url =
            "https://acme.blob.core.windows.net/c/b.txt?sp=r&st=2025-01-01T00:00:00Z&se=2025-02-01T00:00:00Z\
                   &spr=https&sv=2022-11-02&sr=b&sig=5KKcC%2FP%2F43Q%2BDcx1R92YmbX13%2BvYMlkzFQBz2UqfLfM%3D";
        assert!(fires("SEC011", PATH, url));
        assert!(!fires("SEC011", PATH, &url.replace("sv=2022-11-02&", "")));
        assert!(!fires(
            "SEC011",
            PATH,
            "https://example.com/x?sv=2022-11-02&sig=dGhpcyBpcyBub3QgYSBzaWduYXR1cmUgb2YgYW55IGtpbmQ%3D"
        ));
    }

    #[test]
    fn entra_secrets_are_recognised_by_their_marker() {
        assert!(fires("SEC012", PATH, "ClientSecret 'Zz18Q~Zh4Ul4.1Evtj5n9CgkIWnvvvfiC5qvbDUx'"));
        assert!(!fires("SEC012", PATH, "path/a~b/c8Q~d"), "too short");
        assert!(!fires("SEC012", PATH, "xZz18Q~Zh4Ul4.1Evtj5n9CgkIWnvvvfiC5qvbDUx"), "part of a longer word");
    }

    #[test]
    fn azure_devops_tokens_need_azure_devops_context() {
        assert!(fires("SEC013", PATH, "git clone https://build:bhzzxfzan4rylikkj6ezyiz7uzfwg7lfgbuzwv3qv6reepccdexp@dev.azure.com/acme/app/_git/app"));
        assert!(
            !fires("SEC013", PATH, "hash = bhzzxfzan4rylikkj6ezyiz7uzfwg7lfgbuzwv3qv6reepccdexp"),
            "no Azure DevOps word on the line"
        );
    }

    #[test]
    fn keyword_rules_ignore_identifiers_that_are_not_secrets() {
        assert!(!fires("SEC019", PATH, "HEROKU_APP_ID=a7d9bb05-756f-1db2-76ca-9065795bc2be"));
        assert!(fires("SEC019", PATH, "heroku_auth_token: \"a7d9bb05-756f-1db2-76ca-9065795bc2be\""));
        assert!(!fires("SEC028", PATH, "SCW_DEFAULT_ORGANIZATION_ID=41b569f9-8903-1dea-2311-b16703137345"));
        assert!(
            !fires("SEC017", PATH, "LIBM_SECRET=GkSTwz9cXQVh3ysmSvcdJaoWTMH2ZMmv26R5z0bbMoqw"),
            "libm is not IBM"
        );
        assert!(fires("SEC021", PATH, "curl -H \"Authorization: Bearer 6Km2bz2V9KW53hpGYg15JSQkOZtHY94WA6LHHt1E\" https://api.cloudflare.com/client/v4/zones"));
        assert!(fires(
            "SEC022",
            PATH,
            "-H \"X-Auth-Key: da9412c63c662e27c8787288993d68ccfa4d1\" -H \"X-Auth-Email: ops@acme.example\""
        ));
    }
}
