//! Chat, messaging and email services: Slack, Discord, Teams, Telegram, Twilio, SendGrid, Mailgun, Mailchimp and others.

use crate::checksum;
use crate::rule::{SecretRule, META};
use bosun_core::{RuleMeta, Severity};

pub static RULES: &[SecretRule] = &[
    SecretRule {
        meta: RuleMeta {
            id: "SEC070",
            name: "slack-bot-token",
            title: "Slack bot token",
            severity: Severity::High,
            aliases: &["slack-bot-token", "slack-legacy-bot-token", "slack-access-token", "CKV_SECRET_14"],
            rationale: "A bot token (`xoxb-`) calls the Slack Web API as the app's bot user: it reads every channel \
                        the bot was added to, posts messages that look like they come from a trusted integration, \
                        and uploads or downloads files, within the scopes the app was granted.",
            remediation: "Revoke the token under the app's OAuth & Permissions page (or reinstall the app) and load the \
                          new one from a secret store or the environment.",
            bad_example: "SLACK_BOT_TOKEN=xoxb-954255503491-0654912103503-tt0Azn0DNRUQxA71p2Td8VKq\n",
            good_example: "SLACK_BOT_TOKEN=${SLACK_BOT_TOKEN}\n",
            ..META
        },
        keywords: &["xoxb-"],
        pattern: r"\b(?P<secret>xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,34})(?:$|[^0-9A-Za-z-])",
        min_entropy: 3.0,
        stopwords: &["xxxxxxxx", "abcdefghij"],
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC071",
            name: "slack-user-token",
            title: "Slack user token",
            severity: Severity::High,
            aliases: &["slack-user-token", "slack-access-token", "CKV_SECRET_14"],
            rationale: "A user token (`xoxp-`) acts as the person who installed the app: it can read their private \
                        channels and direct messages, search the workspace's history and post as them.",
            remediation: "Revoke the token (auth.revoke, or remove the app from the workspace) and keep its replacement \
                          in a secret store.",
            bad_example: "slack:\n  user_token: \"xoxp-453805803355-860821440974-9921355776014-75fd55911ea2cbd390b656a4d2bad821\"\n",
            good_example: "slack:\n  user_token: \"xoxp-1234-1234-1234-4ddbc191d40ee098cbaae6f3523ada2d\"\n",
            ..META
        },
        keywords: &["xoxp-", "xoxe-"],
        pattern: r"\b(?P<secret>xox[pe]-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{28,34})(?:$|[^0-9A-Za-z-])",
        min_entropy: 3.0,
        stopwords: &["xxxxxxxx"],
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC072",
            name: "slack-app-token",
            title: "Slack app-level token",
            severity: Severity::High,
            aliases: &["slack-app-token"],
            rationale: "An app-level token (`xapp-`) opens Socket Mode connections for the app: whoever holds it \
                        receives the workspace events, slash commands and interactive payloads meant for the app.",
            remediation: "Revoke the token on the app's Basic Information page, generate a new one and keep it in a \
                          secret store.",
            bad_example: "SLACK_APP_TOKEN=xapp-1-AQUYJJFQYA5-4483266536703-03b4ab7ed013e50181d960e9558c1530a493afbb8b64cb580fac27cd8995efeb\n",
            good_example: "SLACK_APP_TOKEN=xapp-1-A0000000000-0000000000000-your-token-here\n",
            ..META
        },
        keywords: &["xapp-"],
        pattern: r"\b(?P<secret>xapp-[0-9]{1,2}-[A-Z0-9]{9,14}-[0-9]{10,16}-[0-9a-f]{64})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC073",
            name: "slack-config-access-token",
            title: "Slack app configuration access token",
            severity: Severity::High,
            aliases: &["slack-config-access-token"],
            rationale: "A configuration token (`xoxe.xoxp-`, `xoxe.xoxb-`) calls the App Manifest API: it can create \
                        apps in the workspace and rewrite existing ones, including their scopes and redirect URLs.",
            remediation: "Revoke the configuration token at api.slack.com/apps (Your App Configuration Tokens) and \
                          generate new ones only where they are needed.",
            bad_example: "export SLACK_CONFIG_TOKEN=xoxe.xoxp-1-u1JOSNta0PKhe37ak1aSJARa7717tzNlIrTtfkbSh2Cde2wioVMEuUYMjPeFXsRgZzCYTHY2IvGYF0eYF2ExFJgKLDL36awmUDt8QvwTH6Iuj2OkDCJ23VmCwykTp4EilsS2aQnjUHc6LZQ9SMDcEVV8bOhUVXoqmaQ\n",
            good_example: "export SLACK_CONFIG_TOKEN=xoxe.xoxp-1-SlackAppConfigurationAccessTokenHere\n",
            ..META
        },
        keywords: &["xoxe.xox"],
        pattern: r"\b(?P<secret>xoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{155,175})(?:$|[^0-9A-Za-z])",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC074",
            name: "slack-config-refresh-token",
            title: "Slack app configuration refresh token",
            severity: Severity::High,
            aliases: &["slack-config-refresh-token"],
            rationale: "A configuration refresh token (`xoxe-`) mints new configuration access tokens whenever the old \
                        ones expire, so it gives lasting control over the workspace's app manifests.",
            remediation: "Revoke the token pair at api.slack.com/apps and keep the new refresh token in a secret store.",
            bad_example: "refresh_token: xoxe-1-zE4ftUvXQIChPnlnhG2BqxLHmAuMe57l9JuO4iIhOvqiZnCxh1Gd1CJoWD6W7vjmqz6mYjWc7izH9DsTNAveadCL8Sby90WIJSbUGWBOWWcuaA5zbWVb2FaCo7du45pKcP753ivdSmDrUd7z14\n",
            good_example: "refresh_token: xoxe-1-xxx\n",
            ..META
        },
        keywords: &["xoxe-"],
        pattern: r"\b(?P<secret>xoxe-[0-9]-[A-Za-z0-9]{140,150})(?:$|[^0-9A-Za-z])",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC075",
            name: "slack-legacy-token",
            title: "Slack legacy or workspace token",
            severity: Severity::High,
            aliases: &["slack-legacy-token", "slack-legacy-workspace-token", "slack-access-token", "CKV_SECRET_14"],
            rationale: "Legacy test tokens and session tokens (`xoxs-`, `xoxo-`) carry the full rights of the user \
                        who created them, with no scopes; workspace-app tokens (`xoxa-`, `xoxr-`) act for the whole \
                        workspace installation.",
            remediation: "Revoke the token (legacy tokens at api.slack.com/legacy, app tokens by uninstalling the app) \
                          and move the integration to a scoped bot token kept in a secret store.",
            bad_example: "token = \"xoxs-095569113610-867705461441-980125382551-adf32b1cc8fa650bdf6593d1b61b4b171b2f3a9f889eeaf77ee09a4496e0ed7a\"\n",
            good_example: "<img src=\"https://indieweb.org/images/3/35/2018-250-xoxo-indieweb-1.jpg\">\n",
            ..META
        },
        keywords: &["xoxs-", "xoxo-", "xoxa-", "xoxr-"],
        pattern: r"\b(?P<secret>xox[os]-[0-9]{6,14}-[0-9]{6,14}-[0-9]{6,14}-[0-9a-f]{10,64}|xox[ar]-(?:[0-9]-)?[0-9A-Za-z]{8,48}(?:-[0-9A-Za-z]{6,64}){0,4})(?:$|[^0-9A-Za-z-])",
        min_entropy: 3.3,
        stopwords: &["xxxxxxxx"],
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC076",
            name: "slack-webhook-url",
            title: "Slack incoming webhook or workflow URL",
            severity: Severity::Medium,
            aliases: &["slack-webhook-url", "slack-web-hook", "CKV_SECRET_14"],
            rationale: "The URL is the whole credential: anyone who has it can post messages into the channel, with \
                        links and formatting that look like the team's own alerts, or start the workflow it triggers.",
            remediation: "Remove the webhook in the app's Incoming Webhooks page (or the workflow's trigger) and read \
                          the new URL from a secret store.",
            bad_example: "alertmanager:\n  slack_api_url: https://hooks.slack.com/services/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\n",
            good_example: "alertmanager:\n  slack_api_url: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n",
            ..META
        },
        keywords: &["hooks.slack.com"],
        pattern: r"(?P<secret>(?:https?://)?hooks\.slack\.com/(?:services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}|workflows/T[A-Z0-9]{8,12}/A[A-Z0-9]{8,12}/[0-9]{8,20}/[A-Za-z0-9]{24,40}|triggers/T[A-Z0-9]{8,12}/[0-9]{8,20}/[A-Za-z0-9]{24,40}))(?:$|[^0-9A-Za-z])",
        stopwords: &["xxxxxxxx", "t00000000/b00000000"],
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC077",
            name: "discord-bot-token",
            title: "Discord bot token",
            severity: Severity::High,
            aliases: &["discord-api-token", "CKV_SECRET_35"],
            rationale: "A bot token logs in as the bot on every server that added it: it reads the channels the bot \
                        can see, sends messages and, with the usual moderation permissions, kicks, bans and deletes.",
            remediation: "Reset the token in the Discord developer portal (Bot, Reset Token) and load the new one from \
                          the environment or a secret store.",
            bad_example: "DISCORD_TOKEN=NDA2Mjc5OTQ2MzIzNjQ1NDA3Nw.wp_vaQ.cT7xl2cwC6dT0ctPVnaawqrczLJWImKMG4hEbu\n",
            good_example: "DISCORD_TOKEN=MWEyYjNjNGQ1ZTZmN2c4aDk.wp_vaQ.cT7xl2cwC6dT0ctPVnaawqrczLJWImKMG4hEbu\n",
            ..META
        },
        keywords: &["discord"],
        pattern: r"(?:^|[^0-9A-Za-z_.-])(?P<secret>[MNO][A-Za-z0-9_-]{22,26}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?:$|[^0-9A-Za-z_.-])",
        validate: Some(discord_bot_token),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC078",
            name: "discord-webhook-url",
            title: "Discord webhook URL",
            severity: Severity::Medium,
            aliases: &["CKV_SECRET_35"],
            rationale: "A webhook URL carries its own token: anyone who has it can post into the channel under any \
                        name and avatar, or delete the webhook.",
            remediation: "Delete the webhook in the channel's Integrations settings, create a new one and read its URL \
                          from a secret store.",
            bad_example: "const hook = new Webhook('https://discord.com/api/webhooks/4381676112704906707/VDPDR_m0k5iqkwUONAIifEcLav-q5ZvQmLL8ZrF8w50SR2Qugs4lIFVRdxtDyKUOtfZU');\n",
            good_example: "const hook = new Webhook(process.env.DISCORD_WEBHOOK_URL); // https://discord.com/api/webhooks/<id>/<token>\n",
            ..META
        },
        keywords: &["discord"],
        pattern: r"(?P<secret>https://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api/(?:v[0-9]{1,2}/)?webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,72})(?:$|[^0-9A-Za-z_-])",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC079",
            name: "microsoft-teams-webhook-url",
            title: "Microsoft Teams incoming webhook URL",
            severity: Severity::Medium,
            aliases: &["microsoft-teams-webhook", "CKV_SECRET_111"],
            rationale: "An Office 365 connector URL lets anyone post cards into the Teams channel, which readers trust \
                        as coming from the team's own tooling (phishing links, fake alerts).",
            remediation: "Remove the connector from the channel, create a new one and read the URL from a secret store.",
            bad_example: "TEAMS_WEBHOOK=https://contoso.webhook.office.com/webhookb2/e38949d5-5b88-456a-bac7-2b05c27a731b@22fa5456-b848-4ab6-a1c0-13f8fc002219/IncomingWebhook/f0753903870712d5f63adfa395d6cff3/52f4ed36-0fd1-43b6-b778-dd88a2a5e0fc/V246PbmT1TOkzfR1wKbPXTXx8TTx4XUMGmTtfc6y-xI25\n",
            good_example: "TEAMS_WEBHOOK=https://contoso.webhook.office.com/webhookb2/<group>@<tenant>/IncomingWebhook/<id>/<owner>\n",
            ..META
        },
        keywords: &["webhook.office.com", "outlook.office.com/webhook", "outlook.office365.com/webhook"],
        pattern: r"(?P<secret>https://(?:[a-z0-9-]+\.webhook\.office\.com/webhookb2|outlook\.office(?:365)?\.com/webhook)/[0-9a-fA-F-]{36}@[0-9a-fA-F-]{36}/IncomingWebhook/[0-9a-fA-F]{32}/[0-9a-fA-F-]{36}(?:/[A-Za-z0-9_-]{20,80})?)(?:$|[^0-9A-Za-z_-])",
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC080",
            name: "power-automate-workflow-url",
            title: "Power Automate or Logic Apps workflow trigger URL",
            severity: Severity::Medium,
            aliases: &["microsoft-teams-webhook", "CKV_SECRET_111"],
            rationale: "The `sig` parameter of a workflow's HTTP trigger URL is a shared-access signature: anyone with \
                        the URL runs the workflow (the Teams \"Workflows\" webhooks that replace connectors, or any \
                        Logic App) with input of their choosing.",
            remediation: "Regenerate the trigger's access keys (Logic App access keys, or delete and recreate the \
                          Power Automate trigger) and keep the URL in a secret store.",
            bad_example: "webhook_url: \"https://prod-27.westeurope.logic.azure.com:443/workflows/9b9d56191e28c2f2388dc10da5bfface/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=_3BMDogiSTRIiP9LJm7R04ZhbGSdGWoZ6axl7KBGgMV\"\n",
            good_example: "webhook_url: \"https://prod-27.westeurope.logic.azure.com:443/workflows/9b9d56191e28c2f2388dc10da5bfface/triggers/manual/paths/invoke?api-version=2016-06-01\"\n",
            ..META
        },
        keywords: &["logic.azure.com", "powerplatform.com"],
        pattern: r"(?:logic\.azure\.com(?::443)?/workflows/[0-9a-f]{32}|api\.powerplatform\.com(?::443)?/powerautomate/automations/direct/workflows/[0-9a-f]{32})/triggers/[A-Za-z0-9_-]+/paths/invoke\?[^\s\x22'<>]*?\bsig=(?P<secret>[A-Za-z0-9_-]{43})(?:$|[^0-9A-Za-z_-])",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC081",
            name: "telegram-bot-token",
            title: "Telegram bot token",
            severity: Severity::High,
            aliases: &["telegram-bot-api-token", "CKV_SECRET_68"],
            rationale: "The token is the bot's whole identity in the Bot API: with it an attacker reads the messages \
                        users send to the bot, answers as the bot and can point its webhook at their own server.",
            remediation: "Revoke the token with @BotFather (/revoke) and load the new one from the environment or a \
                          secret store.",
            bad_example: "TELEGRAM_BOT_TOKEN=2103712948:AAOYn7B3-5SApYXfE_1ds3vbgqMMvFuz4zf\n",
            good_example: "TELEGRAM_BOT_TOKEN=110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw\n",
            ..META
        },
        keywords: &["telegram", "bot"],
        pattern: r"(?:^|[^0-9A-Za-z_:-]|/bot)(?P<secret>[0-9]{8,10}:A[A-Za-z0-9_-]{34})(?:$|[^0-9A-Za-z_-])",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC082",
            name: "mattermost-access-token",
            title: "Mattermost access token",
            severity: Severity::High,
            aliases: &["mattermost-access-token"],
            rationale: "A personal access or bot token authenticates to the Mattermost API as its user: it reads the \
                        channels and messages that user can read and posts as them.",
            remediation: "Revoke the token under Profile, Security, Personal Access Tokens (or the bot account's \
                          tokens) and keep the replacement in a secret store.",
            bad_example: "MATTERMOST_TOKEN=1nwtc9z17ujcd0471pe4cuhji7\n",
            good_example: "MATTERMOST_CHANNEL_ID=1nwtc9z17ujcd0471pe4cuhji7\nMATTERMOST_TOKEN=${MM_TOKEN}\n",
            ..META
        },
        keywords: &["mattermost"],
        pattern: concat!(
            r"(?i:mattermost)[\w.-]{0,30}?(?i:token|secret|pat\b|password)",
            name_end_assign!(),
            r"(?P<secret>[a-z0-9]{26})",
            token_end!()
        ),
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC083",
            name: "zulip-api-key",
            title: "Zulip API key",
            severity: Severity::High,
            aliases: &["generic-api-key"],
            rationale: "A Zulip API key, with the account's email, signs in to the Zulip REST API as that user or bot: \
                        reading the streams and private messages it can see and sending as it.",
            remediation: "Regenerate the key (Personal settings, Account & privacy, API key; or the bot's settings) and \
                          load it from the environment or a secret store.",
            bad_example: "ZULIP_API_KEY=\"oTyXPojkU1ziGrWzY786O6ax82ZsTSYN\"\n",
            good_example: "ZULIP_API_KEY=\"your-api-key\"\n",
            ..META
        },
        keywords: &["zulip"],
        pattern: concat!(r"(?i:zulip)[\w.-]{0,30}?(?i:key|token)", name_end_assign!(), r"(?P<secret>[A-Za-z0-9]{32})", token_end!()),
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC084",
            name: "zuliprc-api-key",
            title: "Zulip API key in a zuliprc file",
            severity: Severity::High,
            aliases: &["generic-api-key"],
            rationale: "A `zuliprc` file is the credential file Zulip hands out for bots and API clients: its `key` \
                        line, with the email beside it, signs in as that account.",
            remediation: "Regenerate the key in Zulip, keep the `zuliprc` out of the repository (ignore it) and point \
                          clients at a copy outside the source tree.",
            bad_example: "[api]\nemail=alert-bot@chat.example.com\nkey=oTyXPojkU1ziGrWzY786O6ax82ZsTSYN\nsite=https://chat.example.com\n",
            good_example: "[api]\nemail=alert-bot@chat.example.com\nsite=https://chat.example.com\n",
            ..META
        },
        keywords: &["key"],
        paths: &[r"(?:^|/)\.?zuliprc$"],
        example_path: "bots/zuliprc",
        pattern: r"(?m)^[ \t]*key[ \t]*=[ \t]*(?P<secret>[A-Za-z0-9]{32})[ \t]*$",
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC085",
            name: "twilio-auth-token",
            title: "Twilio account auth token",
            severity: Severity::High,
            aliases: &["twilio-api-key", "CKV_SECRET_18"],
            rationale: "The auth token, with the account SID, is the Twilio account's master API credential: it sends \
                        SMS and calls billed to the account (toll fraud), reads message logs and buys numbers.",
            remediation: "Rotate the auth token in the Twilio console (secondary token, then promote) and prefer API \
                          keys kept in a secret store.",
            bad_example: "TWILIO_ACCOUNT_SID=ACe0d19d3572186e5761b1524bf0b0947c\nTWILIO_AUTH_TOKEN=0a16be3388e7f14697f0603577aa6c55\n",
            good_example: "TWILIO_ACCOUNT_SID=ACe0d19d3572186e5761b1524bf0b0947c\nTWILIO_AUTH_TOKEN=${TWILIO_AUTH_TOKEN}\n",
            ..META
        },
        keywords: &["twilio"],
        pattern: concat!(
            r"(?:(?i:twilio)[\w.-]{0,20}?(?i:auth[_-]?token)",
            name_end_assign!(),
            r#"|\bAC[0-9a-f]{32}:|\bAC[0-9a-f]{32}["'`][ \t]*,[ \t]*["'`])"#,
            r"(?P<secret>[0-9a-f]{32})",
            token_end!()
        ),
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC086",
            name: "twilio-api-key-secret",
            title: "Twilio API key secret",
            severity: Severity::High,
            aliases: &["twilio-api-key", "CKV_SECRET_18"],
            rationale: "An API key's secret, with its `SK` SID, calls the Twilio REST API for the account: standard \
                        keys send messages and calls billed to it and read its logs, main keys also manage the account.",
            remediation: "Delete the API key in the Twilio console, create a new one and keep its secret in a secret \
                          store.",
            bad_example: "curl -u SK5eba021711473613ef6c2e0ef82b15fc:im1oLECtgXDLUX0r27c4BAl3S56rZI0M https://api.twilio.com/2010-04-01/Accounts.json\n",
            good_example: "curl -u \"$TWILIO_API_KEY:$TWILIO_API_SECRET\" https://api.twilio.com/2010-04-01/Accounts.json\n",
            ..META
        },
        keywords: &["twilio"],
        pattern: concat!(
            r"(?:(?i:twilio)[\w.-]{0,20}?(?i:secret)",
            name_end_assign!(),
            r#"|\bSK[0-9a-f]{32}:|\bSK[0-9a-f]{32}["'`][ \t]*,[ \t]*["'`])"#,
            r"(?P<secret>[A-Za-z0-9]{32})",
            token_end!()
        ),
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC087",
            name: "sendgrid-api-key",
            title: "SendGrid API key",
            severity: Severity::High,
            aliases: &["sendgrid-api-token", "CKV_SECRET_87"],
            rationale: "A SendGrid key sends mail from the account's verified domains, which passes SPF and DKIM and so \
                        makes convincing phishing; full-access keys also read contacts and create more keys.",
            remediation: "Delete the key under Settings, API Keys in SendGrid, create a restricted replacement and keep \
                          it in a secret store.",
            bad_example: "SENDGRID_API_KEY='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'\n",
            good_example: "SENDGRID_API_KEY='SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n",
            ..META
        },
        keywords: &["sg."],
        pattern: r"\b(?P<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?:$|[^0-9A-Za-z_-])",
        min_entropy: 3.5,
        stopwords: &["xxxxxxxx"],
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC088",
            name: "mailgun-api-key",
            title: "Mailgun API key",
            severity: Severity::High,
            aliases: &["mailgun-private-api-token", "mailgun-token", "CKV_SECRET_94", "CKV_SECRET_104"],
            rationale: "A Mailgun private API key (or domain sending key) sends mail from the account's domains with \
                        valid DKIM signatures; the account key also reads logs and stored messages and manages routes.",
            remediation: "Delete or rotate the key in the Mailgun control panel (API Security) and keep the new one in \
                          a secret store.",
            bad_example: "MAILGUN_API_KEY=key-07d5bbd933e4a241d65099eec01407ec\n",
            good_example: "MAILGUN_API_KEY=key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
            ..META
        },
        keywords: &["mailgun"],
        pattern: concat!(
            r"(?:(?i:mailgun)(?:[_.-]?(?i:private|secret|sending|domain))?(?:[_.-]?(?i:api))?[_.-]?(?i:key)",
            name_end_assign!(),
            r"|\bapi:)",
            r"(?P<secret>key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})",
            token_end!()
        ),
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC089",
            name: "mailgun-webhook-signing-key",
            title: "Mailgun webhook signing key",
            severity: Severity::Medium,
            aliases: &["mailgun-signing-key"],
            rationale: "The signing key is what a webhook receiver checks Mailgun's signatures against: with it an \
                        attacker forges delivery, bounce or unsubscribe events that the application accepts.",
            remediation: "Rotate the HTTP webhook signing key in the Mailgun control panel and read it from a secret \
                          store.",
            bad_example: "MAILGUN_WEBHOOK_SIGNING_KEY=b488c6daa9b7fcd3ce2818f26ff6bff2-54199c97-3226b722\n",
            good_example: "MAILGUN_WEBHOOK_SIGNING_KEY=os.environ[\"MAILGUN_WEBHOOK_SIGNING_KEY\"]\n",
            ..META
        },
        keywords: &["mailgun"],
        pattern: concat!(
            r"(?i:mailgun)[\w.-]{0,20}?(?i:signing|webhook)[\w.-]{0,20}?(?i:key|secret)",
            name_end_assign!(),
            r"(?P<secret>[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}|key-[0-9a-f]{32}|[0-9a-f]{32})",
            token_end!()
        ),
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC090",
            name: "mailchimp-api-key",
            title: "Mailchimp API key",
            severity: Severity::High,
            aliases: &["mailchimp-api-key", "CKV_SECRET_11"],
            rationale: "A Mailchimp key (32 hex characters and the data-center suffix) has the rights of its user: it \
                        exports the audiences' personal data and sends campaigns to them.",
            remediation: "Disable the key under Profile, Extras, API keys in Mailchimp, create a new one and keep it \
                          in a secret store.",
            bad_example: "mailchimp:\n  api_key: 641b0e812e92776e2051ccb9b2baee44-us21\n",
            good_example: "mailchimp:\n  api_key: ${MAILCHIMP_API_KEY} # <32 hex>-us21\n",
            ..META
        },
        keywords: &["mailchimp", "-us"],
        pattern: r"\b(?P<secret>[0-9a-f]{32}-us[0-9]{1,2})\b",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC091",
            name: "mandrill-api-key",
            title: "Mandrill (Mailchimp Transactional) API key",
            severity: Severity::High,
            aliases: &["generic-api-key"],
            rationale: "A Mandrill key sends transactional mail from the account's verified domains and doubles as its \
                        SMTP password; it can also read the account's message history.",
            remediation: "Delete the key in Mailchimp Transactional (Settings, API keys), create a new one and keep it \
                          in a secret store.",
            bad_example: "MANDRILL_API_KEY=xG72VnY6wGD4tylc_Y3oLO\n",
            good_example: "MANDRILL_API_KEY=${MANDRILL_API_KEY}\n",
            ..META
        },
        keywords: &["mandrill"],
        pattern: concat!(
            r"(?i:mandrill)[\w.-]{0,30}?(?i:key|token|secret|password)",
            name_end_assign!(),
            r"(?P<secret>[A-Za-z0-9_-]{22})",
            token_end!()
        ),
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC092",
            name: "postmark-server-token",
            title: "Postmark server or account token",
            severity: Severity::High,
            aliases: &["generic-api-key"],
            rationale: "A Postmark server token sends email through the server's verified sender signatures and reads \
                        its message history; an account token manages every server and domain of the account.",
            remediation: "Regenerate the token in Postmark (the server's API Tokens tab, or Account, API Tokens) and \
                          keep it in a secret store.",
            bad_example: "POSTMARK_SERVER_TOKEN=\"bcdd5d84-b922-46f5-bc3b-94f722ab8ad7\"\n",
            good_example: "POSTMARK_SERVER_TOKEN=\"POSTMARK_API_TEST\"\n",
            ..META
        },
        keywords: &["postmark"],
        pattern: concat!(r"(?i:postmark)[\w.-]{0,30}?(?i:token|key|secret)", name_end_assign!(), r"(?P<secret>", uuid!(), r")", token_end!()),
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC093",
            name: "sparkpost-api-key",
            title: "SparkPost API key",
            severity: Severity::High,
            aliases: &["generic-api-key"],
            rationale: "A SparkPost key sends mail from the account's sending domains and, with the usual permissions, \
                        reads recipient lists, templates and event data.",
            remediation: "Delete the key in SparkPost (Configuration, API Keys), create one with only the permissions \
                          needed and keep it in a secret store.",
            bad_example: "SPARKPOST_API_KEY=d824aebf9c5ec6211d3d1d09155e1cd9d00e5d07\n",
            good_example: "SPARKPOST_API_KEY=${SPARKPOST_API_KEY}\n",
            ..META
        },
        keywords: &["sparkpost"],
        pattern: concat!(
            r"(?i:sparkpost)[\w.-]{0,30}?(?i:key|token|secret|password)",
            name_end_assign!(),
            r"(?P<secret>[0-9a-f]{40})",
            token_end!()
        ),
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC094",
            name: "vonage-api-secret",
            title: "Vonage (Nexmo) API secret",
            severity: Severity::High,
            aliases: &["generic-api-key"],
            rationale: "The API secret, with the 8-character API key, authenticates to the Vonage (Nexmo) APIs: SMS and \
                        voice billed to the account, number purchases and the account's message records.",
            remediation: "Rotate the secret in the Vonage API dashboard (Settings, API keys) and keep it in a secret \
                          store.",
            bad_example: "NEXMO_API_KEY=3f9c1a7e\nNEXMO_API_SECRET=SqXPTijG86AKZtUk\n",
            good_example: "NEXMO_API_KEY=3f9c1a7e\nNEXMO_API_SECRET=${NEXMO_API_SECRET}\n",
            ..META
        },
        keywords: &["nexmo", "vonage"],
        pattern: concat!(r"(?i:nexmo|vonage)[\w.-]{0,20}?(?i:secret)", name_end_assign!(), r"(?P<secret>[A-Za-z0-9]{16,64})", token_end!()),
        min_entropy: 3.2,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC095",
            name: "messagebird-api-key",
            title: "MessageBird (Bird) API access key",
            severity: Severity::High,
            aliases: &["messagebird-api-token"],
            rationale: "A live access key sends SMS, voice and WhatsApp messages billed to the MessageBird account and \
                        reads its contacts and message history.",
            remediation: "Delete the access key in the MessageBird dashboard (Developers, API access), create a new one \
                          and keep it in a secret store.",
            bad_example: "MESSAGEBIRD_ACCESS_KEY=KU9xTIcrQQy0gvgIJIbNxpmaI\n",
            good_example: "MESSAGEBIRD_ACCESS_KEY=${MESSAGEBIRD_ACCESS_KEY}\n",
            ..META
        },
        keywords: &["messagebird", "message_bird", "message-bird", "accesskey"],
        pattern: concat!(
            r"(?:(?i:message[_-]?bird)[\w.-]{0,20}?(?i:key|token|access)",
            name_end_assign!(),
            r"|\bAccessKey[ \t]+)",
            r"(?P<secret>[A-Za-z0-9]{25})",
            token_end!()
        ),
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC096",
            name: "brevo-api-key",
            title: "Brevo (Sendinblue) API or SMTP key",
            severity: Severity::High,
            aliases: &["sendinblue-api-token", "CKV_SECRET_95"],
            rationale: "A Brevo API key (`xkeysib-`) sends email and SMS from the account and exports its contact \
                        lists; an SMTP key (`xsmtpsib-`) sends mail through its relay from the verified senders.",
            remediation: "Delete the key in Brevo (SMTP & API settings), create a new one and keep it in a secret store.",
            bad_example: "BREVO_API_KEY=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\n",
            good_example: "BREVO_API_KEY=xkeysib-your-api-key\n",
            ..META
        },
        keywords: &["xkeysib-", "xsmtpsib-"],
        pattern: r"\b(?P<secret>x(?:keysib|smtpsib)-[0-9a-f]{64}-[A-Za-z0-9]{16})(?:$|[^0-9A-Za-z_-])",
        min_entropy: 3.0,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC097",
            name: "intercom-access-token",
            title: "Intercom access token",
            severity: Severity::High,
            aliases: &["intercom-api-key", "intercom-api-token", "CKV_SECRET_50"],
            rationale: "An Intercom access token reads the workspace's contacts, companies and conversations (customer \
                        personal data and support history) and can message users as the workspace.",
            remediation: "Regenerate the token in the Intercom Developer Hub (the app's Authentication page) and keep \
                          it in a secret store.",
            bad_example: "INTERCOM_ACCESS_TOKEN=dG9rOmE4ZjBmNTVlX2I4YjhfNGY3ZF85MDU1X2U3ZWU0YmVhNzlhYToxOjA=\n",
            good_example: "INTERCOM_ACCESS_TOKEN=dG9rOjEyMzQ1Njc4...\n",
            ..META
        },
        keywords: &["dg9ro"],
        pattern: r"(?:^|[^0-9A-Za-z+/])(?P<secret>dG9rO[A-Za-z0-9+/]{40,80}={0,2})(?:$|[^0-9A-Za-z+/=])",
        validate: Some(intercom_access_token),
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC098",
            name: "zendesk-api-token",
            title: "Zendesk API token",
            severity: Severity::High,
            aliases: &["zendesk-secret-key"],
            rationale: "A Zendesk API token, with any agent's email, authenticates as that agent (admins included): \
                        tickets, customer records and attachments can be read and changed.",
            remediation: "Delete the token in Zendesk Admin Center (Apps and integrations, Zendesk API) and keep its \
                          replacement in a secret store.",
            bad_example: "zendesk_api_token = \"AAKmzBoZdxRZrqPta3vYNmf143Ht3WszHXbrWLIs\"\n",
            good_example: "zendesk_api_token = ENV.fetch(\"ZENDESK_API_TOKEN\")\n",
            ..META
        },
        keywords: &["zendesk", "/token:"],
        pattern: concat!(
            r"(?:(?i:zendesk)[\w.-]{0,30}?(?i:token|key|secret|password)",
            name_end_assign!(),
            r"|/token:)",
            r"(?P<secret>[A-Za-z0-9]{40})",
            token_end!()
        ),
        min_entropy: 3.5,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC099",
            name: "freshdesk-api-key",
            title: "Freshdesk API key",
            severity: Severity::High,
            aliases: &["generic-api-key"],
            rationale: "A Freshdesk API key authenticates as the agent it belongs to: tickets, contacts and their \
                        conversations can be read, changed and deleted.",
            remediation: "Reset the key on the agent's Profile settings page in Freshdesk and keep the new one in a \
                          secret store.",
            bad_example: "FRESHDESK_API_KEY=57e6ozOPuC5k64LUpqir\n",
            good_example: "FRESHDESK_API_KEY=your_freshdesk_api_key_here\n",
            ..META
        },
        keywords: &["freshdesk"],
        pattern: concat!(
            r"(?i:freshdesk)[\w.-]{0,30}?(?i:key|token|secret)",
            name_end_assign!(),
            r"(?P<secret>[A-Za-z0-9]{16,32})",
            token_end!()
        ),
        min_entropy: 3.2,
        ..SecretRule::DEFAULT
    },
];

/// A Discord bot token's first part is the bot's user id (a snowflake of
/// 17 to 20 digits) in base64url.
fn discord_bot_token(token: &str) -> bool {
    let Some(id) = token.split('.').next() else { return false };
    checksum::decode_base64url(id)
        .is_some_and(|digits| (17..=20).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit))
}

/// Intercom access tokens are `tok:<uuid with underscores>:<n>:<n>` in base64.
fn intercom_access_token(token: &str) -> bool {
    let Some(text) = checksum::decode_base64_text(token) else { return false };
    let mut parts = text.split(':');
    let (Some("tok"), Some(id)) = (parts.next(), parts.next()) else { return false };
    id.len() >= 32 && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{fires, ids};

    const PATH: &str = "example.txt";

    #[test]
    fn slack_tokens_need_their_full_shape() {
        assert!(
            fires("SEC070", PATH, "token: xoxb-546338260605-097SHzxgQA6TCvY4dhKMlRdZ"),
            "legacy two-part bot token"
        );
        assert!(!fires("SEC070", PATH, "token: xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx"));
        assert!(!fires("SEC070", PATH, "token: xoxb-12345-abcd234"));
        assert!(!fires("SEC070", PATH, "token: my_xoxb-954255503491-0654912103503-tt0Azn0DNRUQxA71p2Td8VKq"));
        // A file link's `t=xoxe-...` is a user-scoped token too.
        assert!(fires("SEC071", PATH, "url_private: https://files.slack.com/files-pri/T04-F04/image.png?t=xoxe-4726837507825-4848681849303-4856614048758-e0b1f3d4cb371f92260edb0d9444d206"));
        assert!(!fires(
            "SEC074",
            PATH,
            "xoxe.xoxp-1-u1JOSNta0PKhe37ak1aSJARa7717tzNlIrTtfkbSh2Cde2wioVMEuUYMjPeFXs"
        ));
    }

    #[test]
    fn slack_legacy_tokens_skip_words_that_merely_start_like_them() {
        assert!(fires("SEC075", PATH, "\"access_token\": \"xoxa-2-767554396618-712324284542-2608973619502-79f09222a2bed27a584d21b54fa89733\""));
        assert!(!fires(
            "SEC075",
            PATH,
            "https://github.com/xoxa-nyc/xoxa-nyc.github.io/blob/master/README.md"
        ));
        assert!(!fires("SEC075", PATH, "XOXO-teaser-exo-k-3452109"));
    }

    #[test]
    fn slack_workflow_webhooks_are_webhooks_too() {
        assert!(fires("SEC076", PATH, "url = \"https://hooks.slack.com/workflows/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\""));
        assert!(!fires("SEC076", PATH, "url = \"https://hooks.slack.com/services/T00/B00/xxx\""));
    }

    #[test]
    fn discord_tokens_must_start_with_a_user_id() {
        assert!(discord_bot_token(
            "NDA2Mjc5OTQ2MzIzNjQ1NDA3Nw.wp_vaQ.cT7xl2cwC6dT0ctPVnaawqrczLJWImKMG4hEbu"
        ));
        assert!(
            !discord_bot_token("MWEyYjNjNGQ1ZTZmN2c4aDk.wp_vaQ.cT7xl2cwC6dT0ctPVnaawqrczLJWImKMG4hEbu"),
            "not all digits"
        );
        assert!(!discord_bot_token("MTIz.abcdef.ghijkl"), "an id of 3 digits");
        // A token without the word "discord" on its line is left alone: the shape alone is too common.
        assert!(!fires(
            "SEC077",
            PATH,
            "TOKEN=NDA2Mjc5OTQ2MzIzNjQ1NDA3Nw.wp_vaQ.cT7xl2cwC6dT0ctPVnaawqrczLJWImKMG4hEbu"
        ));
        assert!(fires("SEC077", PATH, "client.run('NDA2Mjc5OTQ2MzIzNjQ1NDA3Nw.wp_vaQ.cT7xl2cwC6dT0ctPVnaawqrczLJWImKMG4hEbu') # discord"));
    }

    #[test]
    fn teams_and_workflow_urls() {
        let legacy = "https://outlook.office.com/webhook/e38949d5-5b88-456a-bac7-2b05c27a731b@22fa5456-b848-4ab6-a1c0-13f8fc002219/IncomingWebhook/f0753903870712d5f63adfa395d6cff3/52f4ed36-0fd1-43b6-b778-dd88a2a5e0fc";
        assert!(fires("SEC079", PATH, legacy));
        let power = "https://default1234.56.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/9b9d56191e28c2f2388dc10da5bfface/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=_3BMDogiSTRIiP9LJm7R04ZhbGSdGWoZ6axl7KBGgMV";
        assert!(fires("SEC080", PATH, power));
    }

    #[test]
    fn telegram_tokens_in_urls_and_near_misses() {
        assert!(fires("SEC081", PATH, "requests.get('https://api.telegram.org/bot2103712948:AAOYn7B3-5SApYXfE_1ds3vbgqMMvFuz4zf/getMe')"));
        // Not a bot id: letters run into the digits.
        assert!(!fires(
            "SEC081",
            PATH,
            "telegram: <xsd:element type=\"clm12345678:AgencyIdentificationCodeContentType\"/>"
        ));
        assert!(!fires(
            "SEC081",
            PATH,
            "telegram_token = \"21037129:AAOYn7B3-5SApYXfE_1ds3vbgqMMvFuz4zfhello\""
        ));
        assert!(
            !fires("SEC081", PATH, "TOKEN=2103712948:AAOYn7B3-5SApYXfE_1ds3vbgqMMvFuz4zf"),
            "no telegram or bot on the line"
        );
    }

    #[test]
    fn twilio_pairs_in_code() {
        assert!(fires("SEC085", PATH, "client = Client('ACe0d19d3572186e5761b1524bf0b0947c', '0a16be3388e7f14697f0603577aa6c55')  # twilio"));
        assert!(
            !fires("SEC085", PATH, "TWILIO_ACCOUNT_SID=ACe0d19d3572186e5761b1524bf0b0947c"),
            "the SID alone is an identifier"
        );
        assert!(fires("SEC086", PATH, "TWILIO_API_SECRET=im1oLECtgXDLUX0r27c4BAl3S56rZI0M"));
    }

    #[test]
    fn mailgun_keys_and_signing_keys_do_not_overlap() {
        let sign = "MAILGUN_WEBHOOK_SIGNING_KEY=b488c6daa9b7fcd3ce2818f26ff6bff2-54199c97-3226b722";
        assert!(fires("SEC089", PATH, sign) && !fires("SEC088", PATH, sign));
        let api = "MAILGUN_API_KEY=6a1b044da05ca4ed81004c1dec8ee162-646ffa92-04c1c9ee";
        assert!(fires("SEC088", PATH, api) && !fires("SEC089", PATH, api));
        assert!(fires(
            "SEC088",
            PATH,
            "curl -s --user 'api:key-07d5bbd933e4a241d65099eec01407ec' https://api.mailgun.net/v3/x/messages"
        ));
    }

    #[test]
    fn mailchimp_keys_are_found_without_the_word_mailchimp() {
        assert!(fires("SEC090", PATH, "MC_KEY = \"641b0e812e92776e2051ccb9b2baee44-us21\""));
        assert!(!fires("SEC090", PATH, "<html lang=\"en-us\">"));
        assert!(!fires("SEC090", PATH, "MC_KEY = \"00000000000000000000000000000000-us21\""));
    }

    #[test]
    fn zuliprc_only_in_zuliprc_files() {
        let text = "[api]\nkey=oTyXPojkU1ziGrWzY786O6ax82ZsTSYN\n";
        assert!(ids(".zuliprc", text).iter().any(|r| r == "SEC084"));
        assert!(!ids("settings.ini", text).iter().any(|r| r == "SEC084"));
    }

    #[test]
    fn intercom_tokens_decode_to_tok() {
        assert!(intercom_access_token("dG9rOmE4ZjBmNTVlX2I4YjhfNGY3ZF85MDU1X2U3ZWU0YmVhNzlhYToxOjA="));
        assert!(!intercom_access_token("dG9rOmFiY2RlZmdoaQ=="), "tok:abcdefghi is no token");
        assert!(!intercom_access_token("dG9rOnot base64"));
    }

    #[test]
    fn messagebird_authorization_header() {
        assert!(fires("SEC095", PATH, "Authorization: AccessKey KU9xTIcrQQy0gvgIJIbNxpmaI"));
        assert!(!fires("SEC095", PATH, "accessKey: config.accessKey"));
    }
}
