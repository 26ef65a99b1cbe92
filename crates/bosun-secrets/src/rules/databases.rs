//! Database and message-broker credentials: connection URIs with a password in
//! their userinfo (`postgres://app:PASSWORD@db`), JDBC URLs, ADO.NET/ODBC
//! connection strings, and any other `scheme://user:pass@` URL. The password
//! is free-form, so the rules are generic: references (`${DB_PASS}`,
//! `{password}`), defaults (`postgres`, `guest`) and examples are filtered out
//! (after percent-decoding), a provider rule that recognises the password
//! (PlanetScale's `pscale_pw_`) reports it instead, and of two of these rules
//! on one URL the more specific (lower id) is kept.

use crate::placeholder;
use crate::rule::{SecretRule, META};
use bosun_core::{RuleMeta, Severity};

/// `user:PASSWORD@host` after `://`, up to the character that ends the host.
/// The password may contain `@`, `:` and `#` (the last `@` before the host
/// wins), not `,` (multi-host URIs); the user may be empty
/// (`redis://:PASSWORD@host`). A first alternative without a secret, which the
/// engine skips, takes URLs to documentation hosts (`example.com`, `*.test`,
/// `*.example`, RFC 2606).
macro_rules! userinfo {
    () => {
        concat!(
            "(?:",
            docs_userinfo!(),
            r#"|[^\s:/?#@"'`<>]*:(?P<secret>[^\s/?"'`<>,]+?)@[^\s/?#@"'`<>:,;)\\]+(?:[:/?#\s"'`<>,;)\\]|$))"#
        )
    };
}

/// `user:password@` before a documentation host: no secret.
macro_rules! docs_userinfo {
    () => {
        concat!(
            r#"[^\s:/?#@"'`<>]*:[^\s/?"'`<>,]+?@(?:[\w-]+\.)*"#,
            r#"(?i:example\.(?:com|org|net)|[\w-]+\.(?:example|test|invalid))(?:[:/?#\s"'`<>,;)\\]|$)"#
        )
    };
}

/// A URI with `scheme` (case-insensitive, optionally `+driver`) and a password.
/// The scheme must not follow `jdbc:` or another URI character.
macro_rules! uri {
    ($schemes:literal) => {
        concat!(r"(?:^|[^\w+.:-])(?i:", $schemes, r")(?:\+[A-Za-z0-9_]+)?://", userinfo!())
    };
}

const URL_ALIASES: &[&str] = &["CKV_SECRET_4"];

pub static RULES: &[SecretRule] = &[
    SecretRule {
        meta: RuleMeta {
            id: "SEC216",
            name: "postgres-connection-uri",
            title: "PostgreSQL connection URI with a password",
            severity: Severity::High,
            aliases: URL_ALIASES,
            rationale: "A `postgres://user:password@host/db` URI logs in to the database as that user: read \
                        and change the data its role can reach, often every table of the application.",
            remediation: "Change the role's password, and build the URI at run time from a secret \
                          (`DATABASE_URL` injected by the platform, or IAM/managed identity authentication).",
            bad_example: "DATABASE_URL=postgres://billing_app:Xk29vLq81mZpT4@db.acme.internal:5432/billing?sslmode=require\n",
            good_example: "DATABASE_URL=postgres://billing_app:${DB_PASSWORD}@db.acme.internal:5432/billing\n",
            ..META
        },
        keywords: &["postgres", "pgsql"],
        pattern: uri!("postgres(?:ql)?|pgsql"),
        validate: Some(literal_password),
        generic: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC217",
            name: "mysql-connection-uri",
            title: "MySQL or MariaDB connection URI with a password",
            severity: Severity::High,
            aliases: URL_ALIASES,
            rationale: "A `mysql://user:password@host/db` URI logs in to the database as that user, with its \
                        grants over the application's data.",
            remediation: "Change the user's password, and build the URI at run time from a secret store or \
                          the environment.",
            bad_example: "SQLALCHEMY_DATABASE_URI = \"mysql+pymysql://shop:q7Vz!Lm29xKr@mysql.acme.internal/shop\"\n",
            good_example: "SQLALCHEMY_DATABASE_URI = f\"mysql+pymysql://shop:{password}@mysql.acme.internal/shop\"\n",
            ..META
        },
        keywords: &["mysql", "mariadb"],
        pattern: uri!("mysqlx?|mariadb"),
        validate: Some(literal_password),
        generic: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC218",
            name: "mongodb-connection-uri",
            title: "MongoDB connection URI with a password",
            severity: Severity::High,
            aliases: URL_ALIASES,
            rationale: "A `mongodb://` or `mongodb+srv://` URI with a password logs in to the cluster as that \
                        user; Atlas URIs are reachable from the internet when the IP access list allows it.",
            remediation: "Rotate the database user's password (Atlas: Database Access), and inject the URI at \
                          run time.",
            bad_example: "MONGO_URL: mongodb+srv://api:Rk7vQ2mZ9xLp4TwN@cluster0.x1y2z.mongodb.net/prod?retryWrites=true\n",
            good_example: "MONGO_URL: mongodb+srv://api:<password>@cluster0.x1y2z.mongodb.net/prod?retryWrites=true\n",
            ..META
        },
        keywords: &["mongodb"],
        pattern: uri!("mongodb"),
        validate: Some(literal_password),
        generic: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC219",
            name: "redis-connection-uri",
            title: "Redis connection URI with a password",
            severity: Severity::High,
            aliases: URL_ALIASES,
            rationale: "A `redis://:password@host` URI authenticates to Redis: read and overwrite every key \
                        (sessions, caches, queues) and, unless commands are restricted, reconfigure the \
                        server.",
            remediation: "Change the password (`requirepass` or the ACL user), and inject the URI at run time.",
            bad_example: "CACHE_URL=rediss://:t4Kq9Vz2mLx7Rp1W@cache.acme.internal:6380/0\n",
            good_example: "CACHE_URL=rediss://:%24%7BREDIS_PASSWORD%7D@cache.acme.internal:6380/0\n",
            ..META
        },
        keywords: &["redis"],
        pattern: uri!("rediss?(?:\\+sentinel)?"),
        validate: Some(literal_password),
        generic: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC220",
            name: "amqp-connection-uri",
            title: "AMQP (RabbitMQ) connection URI with a password",
            severity: Severity::High,
            aliases: URL_ALIASES,
            rationale: "An `amqp://user:password@host/vhost` URI connects to the message broker as that user: \
                        read the queues' messages and publish forged ones that consumers will act on.",
            remediation: "Change the broker user's password (`rabbitmqctl change_password`), and inject the URI \
                          at run time.",
            bad_example: "CELERY_BROKER_URL=amqps://worker:Vn3xQ8rLz2Kp7mTw@mq.acme.internal:5671/jobs\n",
            good_example: "CELERY_BROKER_URL=amqp://guest:guest@localhost:5672//\n",
            ..META
        },
        keywords: &["amqp"],
        pattern: uri!("amqps?"),
        validate: Some(literal_password),
        generic: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC221",
            name: "sqlserver-connection-uri",
            title: "SQL Server connection URI with a password",
            severity: Severity::High,
            aliases: URL_ALIASES,
            rationale: "An `mssql://` or `sqlserver://` URI with a password logs in to SQL Server as that \
                        login; `sa` and other administrative logins control the whole instance.",
            remediation: "Change the login's password, or move to Entra ID (managed identity) authentication, \
                          and inject the URI at run time.",
            bad_example: "db: mssql+pyodbc://reporting:Hq8#vT2zLm5Kx9@sql.acme.internal:1433/sales?driver=ODBC+Driver+18\n",
            good_example: "db: mssql+pyodbc://@sql.acme.internal:1433/sales?trusted_connection=yes\n",
            ..META
        },
        keywords: &["mssql", "sqlserver"],
        pattern: uri!("mssql|sqlserver"),
        validate: Some(literal_password),
        generic: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC222",
            name: "database-connection-uri",
            title: "Database or broker connection URI with a password",
            severity: Severity::High,
            aliases: URL_ALIASES,
            rationale: "A connection URI with a password for ClickHouse, Cassandra, Neo4j, CouchDB, Couchbase, \
                        Oracle, Db2, Snowflake, CockroachDB, Redshift, Trino, Kafka, NATS, MQTT and similar \
                        stores and brokers logs in as that user, with its access to the data.",
            remediation: "Change the user's password on the server, and inject the URI at run time from a \
                          secret store.",
            bad_example: "NEO4J_URI=neo4j+s://neo4j:Wm4Rz8Qk2Lx7Tv9p@a1b2c3d4.databases.neo4j.io\n",
            good_example: "NEO4J_URI=neo4j+s://a1b2c3d4.databases.neo4j.io\n",
            ..META
        },
        keywords: &[
            "clickhouse",
            "cassandra",
            "scylla",
            "neo4j",
            "bolt",
            "couchdb",
            "couchbase",
            "oracle",
            "db2",
            "snowflake",
            "cockroachdb",
            "influxdb",
            "redshift",
            "trino",
            "presto",
            "hive",
            "vertica",
            "teradata",
            "firebird",
            "arangodb",
            "memcached",
            "nats",
            "kafka",
            "mqtt",
            "stomp",
            "databricks",
            "elasticsearch",
            "opensearch",
        ],
        pattern: uri!(
            "clickhouse|cassandra|scylla|neo4j(?:\\+s|\\+ssc)?|bolt(?:\\+s|\\+ssc)?|couchdb|couchbases?|oracle|db2|ibm_db_sa|snowflake|cockroachdb|influxdb|redshift|trino|presto|hive|vertica|teradata(?:sql)?|firebird|arangodb|memcached|nats|kafka|mqtts?|stomp|databricks|elasticsearch|opensearch"
        ),
        validate: Some(literal_password),
        generic: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC223",
            name: "http-database-uri",
            title: "Elasticsearch, OpenSearch or CouchDB URL with a password",
            severity: Severity::High,
            aliases: &["CKV_SECRET_4", "CKV_SECRET_5"],
            rationale: "Search engines and document stores speak HTTP: an `https://user:password@host:9200` URL \
                        (Elasticsearch, OpenSearch, CouchDB, Cloudant, ClickHouse's HTTP port, Solr) reads, \
                        changes and deletes their indices and documents as that user, `elastic` and \
                        `admin` included.",
            remediation: "Change the user's password (or use an API key with limited privileges, injected at \
                          run time), and keep credentials out of the URL.",
            bad_example: "ELASTICSEARCH_URL=https://elastic:N7vQ2kLz9xRm4TpW@logs-prod.es.us-east-1.aws.found.io:9243\n",
            good_example: "ELASTICSEARCH_URL=https://elastic:changeme@localhost:9200\n",
            ..META
        },
        keywords: &[
            "elastic",
            "opensearch",
            "couchdb",
            "cloudant",
            "clickhouse",
            "solr",
            "kibana",
            ".es.",
            ":9200",
            ":9243",
            ":5984",
            ":6984",
            ":8123",
            ":8983",
        ],
        pattern: concat!(
            r#"(?:^|[^\w+.:-])(?i:https?)://(?:"#,
            docs_userinfo!(),
            r#"|[^\s:/?#@"'`<>]*:(?P<secret>[^\s/?"'`<>,]+?)@"#,
            r#"(?:[^\s/?#@"'`<>:,;)]*?(?i:elastic|opensearch|couchdb|cloudant|clickhouse|solr|kibana|\bes\.)[^\s/?#@"'`<>:,;)]*(?::\d+)?"#,
            r#"|[^\s/?#@"'`<>:,;)]+:(?:9200|9243|5984|6984|8123|8983))(?:[/?#\s"'`<>,;)]|$))"#
        ),
        validate: Some(literal_password),
        generic: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC224",
            name: "jdbc-connection-password",
            title: "JDBC URL with a password",
            severity: Severity::High,
            aliases: &["CKV_SECRET_4", "database-password"],
            rationale: "A JDBC URL carrying a password (`?password=`, `//user:pass@`, Oracle's `user/pass@`) \
                        logs in to the database as that user. (SQL Server's `;password=` properties are \
                        reported as a connection string.)",
            remediation: "Change the user's password, and pass it to the driver separately, from a secret store \
                          or the environment (`spring.datasource.password=${DB_PASSWORD}`).",
            bad_example: "spring.datasource.url=jdbc:postgresql://db.acme.internal:5432/orders?user=orders&password=Lp9zR4tVx8kQ2m\n",
            good_example: "spring.datasource.url=jdbc:postgresql://db.acme.internal:5432/orders?user=orders&password=${DB_PASSWORD}\n",
            ..META
        },
        keywords: &["jdbc:"],
        pattern: concat!(
            r"\bjdbc:[A-Za-z0-9]+(?::[A-Za-z0-9]+)*:",
            r#"(?:[^\s"'`<>]*?[?&](?i:password|pwd)="#,
            r#"|//[^\s:/?#@"'`<>;]*:"#,
            r#"|[^\s/@:"'`<>;]+/)"#,
            r#"(?P<secret>[^\s&;@"'`<>/]+)(?:[@&;\s"'`<>]|$)"#
        ),
        validate: Some(literal_password),
        generic: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC225",
            name: "connection-string-password",
            title: "Database connection string with a password",
            severity: Severity::High,
            aliases: &["database-password", "CKV_SECRET_10"],
            rationale: "An ADO.NET or ODBC connection string (`Server=...;User ID=...;Password=...`) logs in to \
                        SQL Server, Azure SQL, PostgreSQL (Npgsql) or MySQL as that user.",
            remediation: "Change the login's password, or use integrated or managed-identity authentication; \
                          keep connection strings in a secret store or Key Vault reference.",
            bad_example: "\"Default\": \"Server=tcp:acme.database.windows.net,1433;Initial Catalog=billing;User ID=billing_app;Password=Xk29vLq81mZpT4;Encrypt=True;\"\n",
            good_example: "\"Default\": \"Server=tcp:acme.database.windows.net,1433;Initial Catalog=billing;Authentication=Active Directory Managed Identity;\"\n",
            ..META
        },
        keywords: &["password", "pwd"],
        pattern: concat!(
            r#"(?i)(?:(?:server|data\s+source|host|address|addr|network\s+address|hostname)\s*=[^;"'\n]*;(?:[^;"'\n]*;)*?"#,
            r#"|(?:user\s*id|uid|user(?:name)?)\s*=[^;"'\n]*;)"#,
            r#"\s*(?:password|pwd)\s*=\s*\{?(?P<secret>[^;"'\s{}]+)\}?(?:[;"'\s]|$)"#
        ),
        validate: Some(literal_password),
        generic: true,
        ..SecretRule::DEFAULT
    },
    SecretRule {
        meta: RuleMeta {
            id: "SEC226",
            name: "url-credentials",
            title: "URL with a password",
            severity: Severity::Medium,
            aliases: &["CKV_SECRET_4"],
            rationale: "A URL of the form `scheme://user:password@host` (HTTP, FTP, SMTP, LDAP, Git, proxies) \
                        carries a login in clear, and URLs travel: logs, error messages, browser history, \
                        Referer headers.",
            remediation: "Change the password on the service, and give the client its credentials separately \
                          (a header, a credential helper, or the environment).",
            bad_example: "HTTPS_PROXY=http://build:Qm7vT2xLz9Kp4RwN@proxy.acme.internal:3128\n",
            good_example: "HTTPS_PROXY=http://build:${PROXY_PASSWORD}@proxy.acme.internal:3128\n",
            ..META
        },
        keywords: &["://"],
        pattern: concat!(r"(?:^|[^\w+.:-])[A-Za-z][A-Za-z0-9+.-]{1,30}://", userinfo!()),
        validate: Some(literal_password),
        // `https://<token>:x-oauth-basic@github.com`: the token is the user.
        stopwords: &["x-oauth-basic"],
        generic: true,
        ..SecretRule::DEFAULT
    },
];

/// A literal password: not a reference, default or example once
/// percent-decoded (`%24%7BDB_PASS%7D` is `${DB_PASS}`), and not a port number
/// (`host:5432@...`).
fn literal_password(value: &str) -> bool {
    let decoded = percent_decoded(value);
    !decoded.bytes().all(|b| b.is_ascii_digit()) && !placeholder::is_placeholder(&decoded)
}

/// `%XX` escapes decoded; malformed ones are left as they are.
fn percent_decoded(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = value.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{family_ids, findings};
    use std::ops::RangeInclusive;

    const FAMILY: RangeInclusive<&str> = "SEC216"..="SEC226";
    const PATH: &str = "app.env";

    /// The first secret found, by any rule.
    fn secret(text: &str) -> Option<String> {
        findings(PATH, text).into_iter().find_map(|f| f.secret.map(|s| s.shown))
    }

    #[test]
    fn passwords_with_at_signs_and_empty_users() {
        assert_eq!(
            secret("REDIS=redis://:Kq9Vz2m@Lx7Rp1W@cache:6379/0\n").as_deref(),
            Some("Kq9Vz2m@Lx7Rp1W")
        );
        assert_eq!(
            family_ids(FAMILY, PATH, "url: postgresql+asyncpg://app:Tq8vN2xLm4KpR7@db/app\n"),
            ["SEC216"]
        );
        assert_eq!(
            family_ids(FAMILY, PATH, "mongodb://u1:Tq8vN2xLm4KpR7@h1:27017,h2:27017/db?replicaSet=rs0\n"),
            ["SEC218"]
        );
    }

    #[test]
    fn placeholders_defaults_and_ports_are_not_passwords() {
        for text in [
            "postgres://postgres:postgres@localhost:5432/app",
            "postgres://user:password@localhost/app",
            "postgres://${DB_USER}:${DB_PASS}@${DB_HOST}/app",
            "postgres://app:{password}@db/app",
            "postgres://app:<password>@db/app",
            "postgres://app:****@db/app",
            "mongodb://admin:changeme@mongo:27017",
            "amqp://guest:guest@rabbit:5672",
            "jdbc:sqlserver://sql.acme.internal:1433;databaseName=sales;integratedSecurity=true",
            "jdbc:mysql://db.acme.internal:3306/shop?useSSL=true",
            "https://elastic:changeme@localhost:9200",
            "http://proxy.acme.internal:3128",
            "postgres://app:Tq8vN2xLm4KpR7@db.example.com/app",
            "https://user:Tq8vN2xLm4KpR7@search.example.org:9200",
            "ftp://user:Tq8vN2xLm4KpR7@files.test/pub",
        ] {
            assert!(
                family_ids(FAMILY, PATH, text).is_empty(),
                "{text}: {:?}",
                family_ids(FAMILY, PATH, text)
            );
        }
    }

    #[test]
    fn one_finding_per_url_the_most_specific() {
        assert_eq!(
            family_ids(FAMILY, PATH, "jdbc:mysql://shop:q7VzLm29xKr3@mysql.acme.internal/shop\n"),
            ["SEC224"]
        );
        assert_eq!(
            family_ids(FAMILY, PATH, "jdbc:oracle:thin:erp/Wm4Rz8Qk2Lx7@//ora.acme.internal:1521/ERP\n"),
            ["SEC224"]
        );
        // SQL Server's `;key=value` properties are a connection string.
        assert_eq!(
            family_ids(
                FAMILY,
                PATH,
                "jdbc:sqlserver://sql:1433;databaseName=sales;user=sa;password=Hq8vT2zLm5Kx9;\n"
            ),
            ["SEC225"]
        );
        assert_eq!(
            family_ids(FAMILY, PATH, "DATABASE_URL=postgres://app:Tq8vN2xLm4KpR7@db/app\n"),
            ["SEC216"]
        );
        assert_eq!(
            family_ids(FAMILY, PATH, "ftp://backup:Tq8vN2xLm4KpR7@files.acme.internal/dumps\n"),
            ["SEC226"]
        );
        assert_eq!(
            family_ids(FAMILY, PATH, "COUCH=http://admin:Tq8vN2xLm4KpR7@couch.acme.internal:5984/\n"),
            ["SEC223"]
        );
    }

    #[test]
    fn connection_strings_in_either_order() {
        assert_eq!(
            family_ids(FAMILY, PATH, "Host=db;Database=app;Username=app;Password=Tq8vN2xLm4KpR7\n"),
            ["SEC225"]
        );
        assert_eq!(
            family_ids(FAMILY, PATH, "\"User ID=sa;Password=Tq8vN2xLm4KpR7;Server=sql;Database=app\"\n"),
            ["SEC225"]
        );
        assert_eq!(
            family_ids(FAMILY, PATH, "Driver={ODBC Driver 18};Server=sql;Uid=app;Pwd={Tq8vN2xLm4KpR7};\n"),
            ["SEC225"]
        );
        assert!(family_ids(FAMILY, PATH, "Server=sql;Database=app;Trusted_Connection=True;\n").is_empty());
        assert!(family_ids(FAMILY, PATH, "Server=sql;Database=app;User ID=app;Password=;\n").is_empty());
    }
}
