use crate::compose::ports::HostIp;
use crate::compose::ComposeService;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC013",
        name: "compose-database-port-published",
        title: "Compose service publishes a database port on all interfaces",
        severity: Severity::Medium,
        domain: Domain::Compose,
        checklist: &["img.minimal-ports", "run.network-segregation"],
        aliases: &[],
        rationale: "Other services of the project reach a database over the Compose network by its service \
                    name; publishing its port makes it reachable from every network the host is on. Docker \
                    writes its own iptables rules for published ports, so a host firewall such as ufw does \
                    not block them. Exposed Redis, MongoDB, Elasticsearch and PostgreSQL instances with weak \
                    or no passwords are among the most common causes of data leaks and cryptominer \
                    infections. Ports bound to one specific address or to loopback are not reported.",
        remediation: "Remove the `ports` entry, or bind it to loopback for local tools: \
                      `\"127.0.0.1:5432:5432\"`.",
        bad_example: "services:\n  db:\n    image: postgres:16.3\n    ports:\n      - \"5432:5432\"\n",
        good_example:
            "services:\n  db:\n    image: postgres:16.3\n    ports:\n      - \"127.0.0.1:5432:5432\"\n",
    },
    check: Check::ComposeService(check),
};

/// Default container ports of databases and data stores.
const DATABASE_PORTS: &[(u16, &str)] = &[
    (1433, "SQL Server"),
    (1521, "Oracle"),
    (2379, "etcd"),
    (3306, "MySQL/MariaDB"),
    (5432, "PostgreSQL"),
    (5984, "CouchDB"),
    (6379, "Redis"),
    (7687, "Neo4j"),
    (8086, "InfluxDB"),
    (9042, "Cassandra"),
    (9200, "Elasticsearch/OpenSearch"),
    (11211, "Memcached"),
    (26257, "CockroachDB"),
    (27017, "MongoDB"),
];

fn check(service: &ComposeService, hits: &mut Hits) {
    for port in service.ports().into_iter().filter(|p| p.host_ip == HostIp::All) {
        if let Some((number, what)) = DATABASE_PORTS.iter().find(|(number, _)| port.targets(*number)) {
            hits.push(
                port.node.span,
                format!(
                    "{} publishes {what} (container port {number}) as {}",
                    service.label(),
                    port.describe_host_side()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn count(ports: &str) -> usize {
        run_on_example(&RULE, &format!("services:\n  db:\n    image: redis:7.2\n    ports:\n{ports}")).len()
    }

    #[test]
    fn all_interfaces_in_any_syntax() {
        assert_eq!(
            count(
                "      - 6379\n      - \"16379:6379\"\n      - target: 6379\n        published: \"6380\"\n"
            ),
            3
        );
        assert_eq!(count("      - \"0.0.0.0:27017:27017\"\n      - \"[::]:3306:3306\"\n"), 2);
    }

    #[test]
    fn bound_addresses_and_other_ports_are_fine() {
        assert_eq!(
            count("      - \"127.0.0.1:6379:6379\"\n      - \"10.0.0.4:5432:5432\"\n      - \"6379:8080\"\n"),
            0
        );
    }
}
