//! Payments and commerce: Stripe, Square, PayPal/Braintree, Shopify and others.

use crate::checksum;
use crate::rule::{SecretRule, META};
use bosun_core::{RuleMeta, Severity};

const STRIPE_ALIASES: &[&str] = &["stripe-access-token", "stripe-secret-token", "CKV_SECRET_17"];

pub static RULES: &[SecretRule] = &[
    SecretRule {
        meta: RuleMeta {
            id: "SEC100",
            name: "stripe-live-secret-key",
            title: "Stripe live secret key",
            severity: Severity::Critical,
            aliases: STRIPE_ALIASES,
            rationale: "A live secret key (`sk_live_`) has every permission on the Stripe account: charges and \
                        refunds, payouts to bank accounts, and the customers' stored payment details.",
            remediation: "Roll the key in the Stripe Dashboard (Developers, API keys), review recent API activity, and \
                          load the new key from a secret store; prefer restricted keys.",
            bad_example: "STRIPE_SECRET_KEY=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\n",
            good_example: "STRIPE_PUBLISHABLE_KEY=pk_live_51SlI9bHtNWaENHxeliZ9yfNusZsePuI5lwwhmik1Qog1VnsYejRKg955U3kgXQMl\n",
            ..META
        },
        keywords: &["sk_live_"],
        pattern: r"\b(?P<secret>sk_live_[0-9A-Za-z]{24,247})(?:$|[^0-9A-Za-z_])",
        min_entropy: 3.0,
        stopwords: &["xxxxxxxx"],
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC101",
            name: "stripe-restricted-key",
            title: "Stripe live restricted key",
            severity: Severity::High,
            aliases: STRIPE_ALIASES,
            rationale: "A live restricted key (`rk_live_`) acts on the live Stripe account with the permissions chosen \
                        for it, often write access to charges, refunds or customers.",
            remediation: "Roll or delete the key in the Stripe Dashboard (Developers, API keys) and keep the new one in \
                          a secret store.",
            bad_example: "stripe.api_key = \"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\"\n",
            good_example: "stripe.api_key = os.environ[\"STRIPE_RESTRICTED_KEY\"]\n",
            ..META
        },
        keywords: &["rk_live_"],
        pattern: r"\b(?P<secret>rk_live_[0-9A-Za-z]{24,247})(?:$|[^0-9A-Za-z_])",
        min_entropy: 3.0,
        stopwords: &["xxxxxxxx"],
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC102",
            name: "stripe-test-secret-key",
            title: "Stripe test-mode secret key",
            severity: Severity::Medium,
            aliases: STRIPE_ALIASES,
            rationale: "A test-mode key (`sk_test_`, `rk_test_`) moves no money, but it reads and changes the \
                        account's test data and settings, and its presence shows where the live key is likely kept.",
            remediation: "Roll the test key in the Stripe Dashboard (test mode, API keys) and load it from the \
                          environment like the live one.",
            bad_example: "STRIPE_SECRET_KEY=sk_test_51EDGek47ZrV67xnHWph84nyQKq84ZS0XMgNqvzNBy265Vjw0wP47YCte19kLhMpE7fNXEemSEYEeQsKyK0ca9emxDlk3vGy8sM\n",
            good_example: "# The key from Stripe's API reference\nSTRIPE_SECRET_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc\n",
            ..META
        },
        keywords: &["sk_test_", "rk_test_"],
        pattern: r"\b(?P<secret>[rs]k_test_[0-9A-Za-z]{24,247})(?:$|[^0-9A-Za-z_])",
        min_entropy: 3.0,
        // Keys published in Stripe's documentation.
        stopwords: &["xxxxxxxx", "4ec39hqlyjwdarjtt1zdp7dc", "bqokikjovbii2hlwgh4olfq2", "26phem9ahjzvu623dfe1x4sd"],
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC103",
            name: "webhook-signing-secret",
            title: "Stripe or Standard Webhooks signing secret",
            severity: Severity::High,
            aliases: &["generic-api-key"],
            rationale: "A `whsec_` secret (Stripe, and Standard Webhooks senders such as Svix) is what the receiver \
                        verifies event signatures with: whoever has it forges events such as a completed payment, and \
                        the application acts on them.",
            remediation: "Roll the endpoint's signing secret at the sender (Stripe Dashboard, Webhooks, Roll secret) \
                          and read it from a secret store.",
            bad_example: "STRIPE_WEBHOOK_SECRET=whsec_Wnj1VcHUgIRdxNSJlJfSkaFamowpj9QO\n",
            good_example: "STRIPE_WEBHOOK_SECRET=whsec_...\n",
            ..META
        },
        keywords: &["whsec_"],
        pattern: r"\b(?P<secret>whsec_[A-Za-z0-9+/]{32,88}={0,2})(?:$|[^0-9A-Za-z_+/=])",
        min_entropy: 3.5,
        stopwords: &["xxxxxxxx"],
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC104",
            name: "square-access-token",
            title: "Square access token",
            severity: Severity::Critical,
            aliases: &["square-access-token", "CKV_SECRET_101"],
            rationale: "A Square access token (`EAAA`, formerly `sq0atp-`) calls the Square APIs for the seller: \
                        payments and refunds, payouts, customer records and card-on-file data, within its OAuth scopes.",
            remediation: "Revoke or replace the token in the Square Developer Dashboard (Credentials, or revoke the \
                          OAuth grant) and keep the new one in a secret store.",
            bad_example: "SQUARE_ACCESS_TOKEN=EAAAWAGU0g47kCxhG4rS2A5e7sAuPFJiN7UZpjxV2KKrgnfHCzbt5G7-eSeiOJcT\n",
            good_example: "image: amazon/aws-cli@sha256:eaaa7b11777babe28e6133a8b19ff71cea687e0d7f05158dee95a71f76ce3d00\n",
            ..META
        },
        keywords: &["eaaa", "sq0atp-"],
        pattern: r"\b(?P<secret>EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22})(?:$|[^0-9A-Za-z_-])",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC105",
            name: "square-oauth-secret",
            title: "Square application OAuth secret",
            severity: Severity::High,
            aliases: &["square-secret", "CKV_SECRET_16", "CKV_SECRET_102"],
            rationale: "The application secret (`sq0csp-`) exchanges OAuth authorization codes and refresh tokens for \
                        access tokens, so it lets an attacker mint tokens for every seller who authorized the app.",
            remediation: "Replace the application secret in the Square Developer Dashboard (OAuth page) and keep it in \
                          a secret store.",
            bad_example: "square:\n  client_secret: sq0csp-MwT3zWLA825gFKEOU0Ekm5h-Kt9sbg9bAjtbDV3J7Y5\n",
            good_example: "square:\n  client_secret: ${SQUARE_CLIENT_SECRET}\n",
            ..META
        },
        keywords: &["sq0csp-"],
        pattern: r"\b(?P<secret>sq0csp-[A-Za-z0-9_-]{43})(?:$|[^0-9A-Za-z_-])",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC106",
            name: "braintree-access-token",
            title: "Braintree (PayPal) production access token",
            severity: Severity::Critical,
            aliases: &["braintree-access-token", "CKV_SECRET_78"],
            rationale: "A production access token (`access_token$production$...`) authenticates a Braintree or PayPal \
                        SDK integration as the merchant: it creates transactions, issues refunds and reads customer \
                        payment data.",
            remediation: "Revoke the token (PayPal developer dashboard, or the Braintree Control Panel's API section) \
                          and load its replacement from a secret store.",
            bad_example: "gateway = braintree.BraintreeGateway(access_token=\"access_token$production$4i2mpa0fmfxd2fhz$c47c3ee38ae14e8496f2facd5ab3b46f\")\n",
            good_example: "gateway = braintree.BraintreeGateway(access_token=os.environ[\"BRAINTREE_ACCESS_TOKEN\"])\n",
            ..META
        },
        keywords: &["access_token$production$"],
        pattern: r"\b(?P<secret>access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})(?:$|[^0-9A-Za-z])",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC107",
            name: "braintree-private-key",
            title: "Braintree API private key",
            severity: Severity::High,
            aliases: &["CKV_SECRET_81"],
            rationale: "The private key, with the public key and merchant id, authenticates server-side Braintree API \
                        calls: transactions, refunds, vaulted payment methods and customer data.",
            remediation: "Delete the API key pair in the Braintree Control Panel (Settings, API), generate a new one \
                          and keep the private key in a secret store.",
            bad_example: "BRAINTREE_MERCHANT_ID=8x7kq2mzd3rw\nBRAINTREE_PRIVATE_KEY=9dda914c001dab552cf3c4b2fdd3a1ed\n",
            good_example: "BRAINTREE_MERCHANT_ID=8x7kq2mzd3rw\nBRAINTREE_PRIVATE_KEY=${BRAINTREE_PRIVATE_KEY}\n",
            ..META
        },
        keywords: &["braintree"],
        pattern: concat!(r"(?i:braintree)[\w.:-]{0,40}?(?i:private[_-]?key)", name_end_assign!(), r"(?P<secret>[0-9a-f]{32})", token_end!()),
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC108",
            name: "paypal-client-secret",
            title: "PayPal REST API client secret",
            severity: Severity::High,
            aliases: &["CKV_SECRET_84"],
            rationale: "The client secret, with the client id, obtains OAuth access tokens for the PayPal REST APIs: \
                        the app's payments, refunds, payouts and transaction history.",
            remediation: "Regenerate the secret for the app in the PayPal Developer Dashboard (Apps & Credentials) and \
                          keep it in a secret store.",
            bad_example: "PAYPAL_CLIENT_SECRET=EJZ_bYZ-w65no5VB180ACFa0qn6dQj_QKhCHD4__UjgjfXudzTQXGqi-x8PikL2t_yiRbiMdYN2fFq6o\n",
            good_example: "PAYPAL_CLIENT_SECRET=ELxxxxxxxx\n",
            ..META
        },
        keywords: &["paypal"],
        pattern: concat!(r"(?i:paypal)[\w.-]{0,30}?(?i:secret)", name_end_assign!(), r"(?P<secret>E[A-Za-z0-9_-]{79})", token_end!()),
        min_entropy: 4.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC109",
            name: "adyen-api-key",
            title: "Adyen API key",
            severity: Severity::Critical,
            aliases: &["adyen-api-key"],
            rationale: "An Adyen API key (`AQE...`) authenticates as a web-service user of the company or merchant \
                        account: with the usual roles it makes payments, refunds and payouts and manages stored \
                        payment details.",
            remediation: "Generate a new key for the API credential in the Adyen Customer Area (Developers, API \
                          credentials), delete the old one and keep the new one in a secret store.",
            bad_example: "ADYEN_API_KEY=AQE5WWrNyIxcvu0+Me2g4Z7RgF6gvhdlUOFO3Y4NPPhd9yRlLoKdj4dqg8WNhREPouquPQmAj4Tat0Bka3GYnRARTTA=-uTqthLhyub4/9k6qfRXtK6MVBuQMSMZ3PodEn2nKigI=-4iiLl3Ezom(r0odA\n",
            good_example: "ADYEN_API_KEY=AQE...\n",
            ..META
        },
        keywords: &["aqe"],
        pattern: r"(?:^|[^0-9A-Za-z+/])(?P<secret>AQE[A-Za-z0-9+/]{20,200}={0,2}-[A-Za-z0-9+/]{42,44}={0,2}-[^\s\x22'`]{8,40})",
        validate: Some(adyen_api_key),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC110",
            name: "shopify-admin-access-token",
            title: "Shopify Admin API access token",
            severity: Severity::High,
            aliases: &["shopify-access-token", "shopify-token", "CKV_SECRET_90"],
            rationale: "An Admin API access token (`shpat_`) calls the store's Admin API with the app's scopes: orders, \
                        customers' personal data, products, discounts and often the storefront's theme code.",
            remediation: "Uninstall and reinstall the app (or rotate the token in the app's settings) and keep the new \
                          token in a secret store.",
            bad_example: "SHOPIFY_ACCESS_TOKEN=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\n",
            good_example: "SHOPIFY_ACCESS_TOKEN=shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
            ..META
        },
        keywords: &["shpat_"],
        pattern: r"\b(?P<secret>shpat_[0-9a-fA-F]{32})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC111",
            name: "shopify-custom-app-token",
            title: "Shopify custom app access token",
            severity: Severity::High,
            aliases: &["shopify-custom-access-token", "shopify-token", "CKV_SECRET_90"],
            rationale: "A custom app token (`shpca_`) calls the store's Admin API with the scopes the merchant granted \
                        the app, typically orders, customers and products.",
            remediation: "Rotate the token in the store admin (Apps, Develop apps, API credentials) and keep it in a \
                          secret store.",
            bad_example: "const token = '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';\n",
            good_example: "const token = process.env.SHOPIFY_CUSTOM_APP_TOKEN;\n",
            ..META
        },
        keywords: &["shpca_"],
        pattern: r"\b(?P<secret>shpca_[0-9a-fA-F]{32})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC112",
            name: "shopify-private-app-token",
            title: "Shopify private app access token",
            severity: Severity::High,
            aliases: &["shopify-private-app-access-token", "shopify-token", "CKV_SECRET_97"],
            rationale: "A private app password (`shppa_`) is a permanent Admin API credential for the store, with \
                        whatever scopes the private app was given.",
            remediation: "Delete the private app in the store admin, recreate it as a custom app and keep the new token \
                          in a secret store.",
            bad_example: "shopify:\n  password: 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\n",
            good_example: "shopify:\n  password: \"{{ vault 'shopify/private_app' }}\"\n",
            ..META
        },
        keywords: &["shppa_"],
        pattern: r"\b(?P<secret>shppa_[0-9a-fA-F]{32})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC113",
            name: "shopify-shared-secret",
            title: "Shopify app shared secret",
            severity: Severity::High,
            aliases: &["shopify-shared-secret", "shopify-token"],
            rationale: "The app's shared secret (`shpss_`) signs webhooks, app proxy requests and session tokens: with \
                        it an attacker forges requests that the app trusts as coming from Shopify.",
            remediation: "Rotate the client secret in the Shopify Partner Dashboard (or the custom app's credentials) \
                          and keep it in a secret store.",
            bad_example: "SHOPIFY_API_SECRET=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\n",
            good_example: "SHOPIFY_API_SECRET=${SHOPIFY_API_SECRET}\n",
            ..META
        },
        keywords: &["shpss_"],
        pattern: r"\b(?P<secret>shpss_[0-9a-fA-F]{32})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC114",
            name: "plaid-access-token",
            title: "Plaid access token",
            severity: Severity::High,
            aliases: &["plaid-api-token"],
            rationale: "A Plaid access token, with the client id and secret, reads the linked bank account: balances, \
                        transactions, account and routing numbers and the owner's identity.",
            remediation: "Remove the Item (/item/remove) or rotate the token (/item/access_token/invalidate) and store \
                          access tokens encrypted, never in source.",
            bad_example: "PLAID_ACCESS_TOKEN=access-production-756d4fdc-93e3-4252-ac43-ea2110b639f8\n",
            good_example: "PLAID_ACCESS_TOKEN=access-sandbox-756d4fdc-93e3-4252-ac43-ea2110b639f8\n",
            ..META
        },
        keywords: &["access-production-", "access-development-"],
        pattern: concat!(r"\b(?P<secret>access-(?:production|development)-", uuid!(), r")", token_end!()),
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC115",
            name: "plaid-secret-key",
            title: "Plaid API secret",
            severity: Severity::High,
            aliases: &["plaid-secret-key"],
            rationale: "The Plaid secret, with the public client id, authenticates every server call of the \
                        integration: with stored access tokens it reads the linked bank accounts' data.",
            remediation: "Rotate the secret in the Plaid Dashboard (Team settings, Keys) and keep it in a secret store.",
            bad_example: "PLAID_SECRET=4c82d972a25c246144734cb16d7b75\n",
            good_example: "PLAID_SECRET=${PLAID_SECRET}\n",
            ..META
        },
        keywords: &["plaid"],
        pattern: concat!(r"(?i:plaid)[\w.-]{0,20}?(?i:secret)", name_end_assign!(), r"(?P<secret>[0-9a-f]{30})", token_end!()),
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC116",
            name: "coinbase-api-secret",
            title: "Coinbase API secret",
            severity: Severity::High,
            aliases: &["coinbase-access-token", "CKV_SECRET_31"],
            rationale: "A Coinbase API secret signs requests for its key: depending on the key's permissions it reads \
                        balances, trades and sends cryptocurrency, which cannot be reversed.",
            remediation: "Delete the API key in Coinbase (Settings, API, or the Developer Platform portal), create one \
                          with the fewest permissions and an IP allowlist, and keep its secret in a secret store.",
            bad_example: "COINBASE_API_SECRET=\"aS3fUadpJVFmy4wMEpT4UE59+TAnImw/D+MPlUif8qknpJmShabf8r0a6/SUPL2gSscmwnOhgsj0QhcjTOWrkQ==\"\n",
            good_example: "COINBASE_API_KEY=\"organizations/8c2a4b12-5d31-4e0f-9a7b-2f6e1c3d4b5a/apiKeys/1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b\"\n",
            ..META
        },
        keywords: &["coinbase"],
        pattern: concat!(
            r"(?i:coinbase)[\w.-]{0,30}?(?i:secret|private[_-]?key)",
            name_end_assign!(),
            r"(?P<secret>[A-Za-z0-9+/_-]{32,88}={0,2})(?:$|[^0-9A-Za-z+/=_-])"
        ),
        min_entropy: 4.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC117",
            name: "razorpay-key-secret",
            title: "Razorpay API key secret",
            severity: Severity::High,
            aliases: &["generic-api-key"],
            rationale: "The key secret, with the public `rzp_` key id, authenticates Razorpay API calls: capturing and \
                        refunding payments, creating payment links and reading customers and settlements.",
            remediation: "Regenerate the API key in the Razorpay Dashboard (Account & Settings, API keys) and keep the \
                          secret in a secret store.",
            bad_example: "client = razorpay.Client(auth=(\"rzp_live_Kc7Qm2Xw9LpT4v\", \"xdE5P7Z2qs1cYYvj8lB38Kfd\"))\n",
            good_example: "client = razorpay.Client(auth=(\"rzp_live_Kc7Qm2Xw9LpT4v\", os.environ[\"RAZORPAY_KEY_SECRET\"]))\n",
            ..META
        },
        keywords: &["razorpay", "rzp"],
        pattern: concat!(
            r"(?:(?i:razorpay|rzp)[\w.-]{0,20}?(?i:secret)",
            name_end_assign!(),
            r#"|\brzp_(?:live|test)_[A-Za-z0-9]{14}["'`][ \t]*,[ \t]*["'`])"#,
            r"(?P<secret>[A-Za-z0-9]{24})",
            token_end!()
        ),
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC118",
            name: "flutterwave-live-secret-key",
            title: "Flutterwave live secret key",
            severity: Severity::Critical,
            aliases: &["flutterwave-secret-key", "CKV_SECRET_98"],
            rationale: "A live secret key (`FLWSECK-`) authenticates the merchant's Flutterwave API calls: charges, \
                        refunds, and transfers of the account balance to any bank account or wallet.",
            remediation: "Regenerate the API keys in the Flutterwave Dashboard (Settings, API) and keep the secret key \
                          in a secret store.",
            bad_example: "FLW_SECRET_KEY=FLWSECK-8bafcbbaa49132982769100a24a6514c-X\n",
            good_example: "FLW_PUBLIC_KEY=FLWPUBK-8bafcbbaa49132982769100a24a6514c-X\n",
            ..META
        },
        keywords: &["flwseck-"],
        pattern: r"\b(?P<secret>FLWSECK-[0-9a-fA-F]{32}-X)(?:$|[^0-9A-Za-z_-])",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC119",
            name: "flutterwave-test-secret-key",
            title: "Flutterwave test secret key",
            severity: Severity::Medium,
            aliases: &["flutterwave-secret-key", "flutterwave-public-key", "CKV_SECRET_98"],
            rationale: "A test-mode secret key (`FLWSECK_TEST-`) moves no money but controls the account's test \
                        integration and webhooks, and shows where the live key is likely kept.",
            remediation: "Regenerate the test keys in the Flutterwave Dashboard and load them from the environment.",
            bad_example: "FLW_SECRET_KEY=FLWSECK_TEST-bb7928ac4d8b505ff3a5c241f7e19d98-X\n",
            good_example: "FLW_SECRET_KEY=FLWSECK_TEST-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX-X\n",
            ..META
        },
        keywords: &["flwseck_test-"],
        pattern: r"\b(?P<secret>FLWSECK_TEST-[0-9a-fA-F]{32}-X)(?:$|[^0-9A-Za-z_-])",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC120",
            name: "gocardless-access-token",
            title: "GoCardless live access token",
            severity: Severity::High,
            aliases: &["gocardless-api-token"],
            rationale: "A live access token calls the GoCardless API for the creditor: it collects payments from \
                        customers' bank accounts under their mandates, issues refunds and reads customer bank details.",
            remediation: "Revoke the token in the GoCardless Dashboard (Developers, Access tokens), create a new one and \
                          keep it in a secret store.",
            bad_example: "client = GoCardlessPro::Client.new(access_token: \"live_6zuksypSMP9B2TzB-ihe_41leYv6eN6hO9Xc9gcB\", environment: :live)\n",
            good_example: "client = GoCardlessPro::Client.new(access_token: ENV[\"GOCARDLESS_ACCESS_TOKEN\"], environment: :live)\n",
            ..META
        },
        keywords: &["gocardless"],
        pattern: concat!(r#"(?i:gocardless)[^\n]{0,80}?["'`= :](?P<secret>live_[A-Za-z0-9_=-]{40})"#, token_end!()),
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC121",
            name: "wise-api-token",
            title: "Wise (TransferWise) API token",
            severity: Severity::High,
            aliases: &["generic-api-key"],
            rationale: "A Wise personal or business API token reads the account's balances, statements and \
                        recipients; a full-access token also creates and funds transfers.",
            remediation: "Delete the token in Wise (Settings, Developer tools, API tokens), create a read-only one \
                          where possible and keep it in a secret store.",
            bad_example: "WISE_API_TOKEN=ed5d3ded-d454-4e3a-9ed1-5a8ba1e123c4\n",
            good_example: "# Otherwise the token: ${WISE_API_TOKEN}\nOTHERWISE_KEY=ed5d3ded-d454-4e3a-9ed1-5a8ba1e123c4\n",
            ..META
        },
        keywords: &["wise"],
        pattern: concat!(
            r"(?:\b|_)(?i:transfer[_-]?wise|wise)[\w.-]{0,20}?(?i:token|key)",
            name_end_assign!(),
            r"(?P<secret>",
            uuid!(),
            r")",
            token_end!()
        ),
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC122",
            name: "paddle-api-key",
            title: "Paddle Billing live API key",
            severity: Severity::High,
            aliases: &["generic-api-key"],
            rationale: "A live Paddle API key (`pdl_live_apikey_`) calls the Paddle Billing API with its permissions: \
                        customers, subscriptions, transactions, refunds and discounts.",
            remediation: "Revoke the key in Paddle (Developer tools, Authentication), create one with only the needed \
                          permissions and keep it in a secret store.",
            bad_example: "PADDLE_API_KEY=pdl_live_apikey_4bwbqrt8v56vpkfkwx9rcs2qh7_2Bkw3iXp2X1EBKdcWZhDg7_W7p\n",
            good_example: "Authorization: Bearer pdl_live_apikey_01gtgztp8f4kek3yd4g1wrksa3_q6TGTJyvoIz7LDtXT65bX7_AQO\n",
            ..META
        },
        keywords: &["pdl_live_apikey_"],
        pattern: r"\b(?P<secret>pdl_live_apikey_[0-9a-z]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3})(?:$|[^0-9A-Za-z_-])",
        min_entropy: 3.5,
        // The key in Paddle's own authentication documentation.
        stopwords: &["01gtgztp8f4kek3yd4g1wrksa3"],
        ..SecretRule::DEFAULT
    },
];

/// `AQE<base64>-<base64 of 32 bytes>-<suffix>`: the middle part is a 256-bit value.
fn adyen_api_key(key: &str) -> bool {
    let mut parts = key.splitn(3, '-');
    let (Some(first), Some(middle), Some(_)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    checksum::decode_base64(first).is_some() && checksum::base64_of_len(middle, 32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::fires;

    const PATH: &str = "example.txt";

    #[test]
    fn stripe_keys_by_mode() {
        let live = "sk_live_51SlI9bHtNWaENHxeliZ9yfNusZsePuI5lwwhmik1Qog1Vns";
        assert!(fires("SEC100", PATH, live) && !fires("SEC102", PATH, live));
        let test = "rk_test_51EDGek47ZrV67xnHWph84nyQKq84ZS0XMgNqvzNBy26";
        assert!(fires("SEC102", PATH, test) && !fires("SEC101", PATH, test));
        assert!(!fires("SEC100", PATH, "sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
        assert!(!fires("SEC100", PATH, "key = my_sk_live_51SlI9bHtNWaENHxeliZ9yfNusZsePuI5lwwhmik1Qog1Vns"));
    }

    #[test]
    fn square_tokens_have_exact_lengths() {
        assert!(fires("SEC104", PATH, "token=sq0atp-_HHqodEvUF0f-UzpWcP1mL"));
        // A Facebook token also starts with EAAA, but is far longer.
        let facebook = format!("token=EAAAAUaZA8jlABA{}", "Zx9Qm2Lp".repeat(14));
        assert!(!fires("SEC104", PATH, &facebook));
    }

    #[test]
    fn adyen_keys_are_checked_for_structure() {
        let key = "AQE5WWrNyIxcvu0+Me2g4Z7RgF6gvhdlUOFO3Y4NPPhd9yRlLoKdj4dqg8WNhREPouquPQmAj4Tat0Bka3GYnRARTTA=-uTqthLhyub4/9k6qfRXtK6MVBuQMSMZ3PodEn2nKigI=-4iiLl3Ezom(r0odA";
        assert!(adyen_api_key(key));
        assert!(fires("SEC109", PATH, &format!("\"X-API-Key: {key}\",")));
        // The middle part must be 32 bytes.
        let short = key.replace(
            "uTqthLhyub4/9k6qfRXtK6MVBuQMSMZ3PodEn2nKigI=",
            "uTqthLhyub4/9k6qfRXtK6MVBuQMSMZ3PodEn2nKigIA",
        );
        assert!(!adyen_api_key(&short));
    }

    #[test]
    fn braintree_sandbox_tokens_are_not_production() {
        assert!(!fires(
            "SEC106",
            PATH,
            "access_token$sandbox$4i2mpa0fmfxd2fhz$c47c3ee38ae14e8496f2facd5ab3b46f"
        ));
    }

    #[test]
    fn shopify_tokens_need_32_hex() {
        assert!(!fires("SEC110", PATH, "shpat_f5ef11798d409eb75962fd301a84cc8"), "31 characters");
        assert!(!fires("SEC110", PATH, "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a"), "33 characters");
        assert!(fires("SEC113", PATH, "secret: \"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\""));
    }

    #[test]
    fn coinbase_key_names_are_not_secrets() {
        assert!(fires("SEC116", PATH, "coinbase_private_key: aS3fUadpJVFmy4wMEpT4UE59+TAnImw/D+MPlUif8qknpJmShabf8r0a6/SUPL2gSscmwnOhgsj0QhcjTOWrkQ=="));
        assert!(!fires("SEC116", PATH, "COINBASE_API_SECRET=\"-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEE\""));
    }

    #[test]
    fn razorpay_secrets_in_assignments() {
        assert!(fires("SEC117", PATH, "RAZORPAY_KEY_SECRET=xdE5P7Z2qs1cYYvj8lB38Kfd"));
        assert!(!fires("SEC117", PATH, "RAZORPAY_KEY_ID=rzp_live_Kc7Qm2Xw9LpT4v"), "the key id is public");
    }

    #[test]
    fn wise_is_a_word_not_a_suffix() {
        assert!(fires("SEC121", PATH, "transferwise.api_token: ed5d3ded-d454-4e3a-9ed1-5a8ba1e123c4"));
        assert!(!fires("SEC121", PATH, "LIKEWISE_TOKEN=ed5d3ded-d454-4e3a-9ed1-5a8ba1e123c4"));
    }

    #[test]
    fn gocardless_sandbox_tokens_are_left_alone() {
        assert!(!fires(
            "SEC120",
            PATH,
            "GOCARDLESS_ACCESS_TOKEN=sandbox_6zuksypSMP9B2TzB-ihe_41leYv6eN6hO9Xc9gcB"
        ));
        assert!(fires(
            "SEC120",
            PATH,
            "GOCARDLESS_ACCESS_TOKEN=live_6zuksypSMP9B2TzB-ihe_41leYv6eN6hO9Xc9gcB"
        ));
    }
}
