//! What security group rules and network ACL entries have in common: a protocol,
//! a port range and address ranges, read the same way whichever resource or
//! language declared them.

use crate::cloud::Attr;

/// The ports a rule opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ports {
    /// Every protocol, or every TCP/UDP port.
    All,
    /// TCP or UDP ports `from..=to`.
    Range(i64, i64),
    /// A protocol without ports (ICMP, ESP, ...).
    NoPorts,
    /// Not known before apply.
    Unknown,
}

impl Ports {
    /// Reads a protocol (`-1`, `all`, `tcp`, `6`, ...) and its port bounds.
    pub fn read(protocol: Option<&Attr>, from: Option<&Attr>, to: Option<&Attr>) -> Ports {
        let Some(protocol) = protocol else { return Ports::Unknown };
        let name = match (&protocol.as_str(), protocol.as_i64()) {
            (Some(text), _) => text.trim().to_ascii_lowercase(),
            (None, Some(number)) => number.to_string(),
            _ => return Ports::Unknown,
        };
        match name.as_str() {
            "-1" | "all" => Ports::All,
            "tcp" | "udp" | "6" | "17" => {
                let (Some(from), Some(to)) = (from.and_then(Attr::as_i64), to.and_then(Attr::as_i64)) else {
                    return Ports::Unknown;
                };
                if from < 0 || to < 0 || (from <= 1 && to >= 65535) {
                    Ports::All
                } else {
                    Ports::Range(from, to)
                }
            }
            _ => Ports::NoPorts,
        }
    }

    /// Opens `port` (a rule for every port does too).
    pub fn includes(self, port: i64) -> bool {
        match self {
            Ports::All => true,
            Ports::Range(from, to) => from <= port && port <= to,
            Ports::NoPorts | Ports::Unknown => false,
        }
    }

    /// The first of `ports` a rule limited to a range opens (a rule for every port
    /// is not counted: the all-ports rules report it).
    pub fn first_of(self, ports: &[(i64, &'static str)]) -> Option<(i64, &'static str)> {
        match self {
            Ports::Range(..) => ports.iter().copied().find(|(port, _)| self.includes(*port)),
            _ => None,
        }
    }

    pub fn describe(self) -> String {
        match self {
            Ports::All => "all ports".into(),
            Ports::Range(from, to) if from == to => format!("port {from}"),
            Ports::Range(from, to) => format!("ports {from}-{to}"),
            Ports::NoPorts => "a portless protocol".into(),
            Ports::Unknown => "unknown ports".into(),
        }
    }
}

/// An IPv4 or IPv6 range that covers every address: `0.0.0.0/0`, `::/0`.
pub fn is_anywhere(cidr: &Attr) -> bool {
    cidr.as_str().is_some_and(|text| {
        let text = text.trim();
        text.split_once('/')
            .is_some_and(|(address, prefix)| prefix == "0" && (address.parse::<std::net::IpAddr>().is_ok()))
    })
}

/// The address ranges among `attrs` (strings or lists of strings) that cover
/// every address.
pub fn anywhere<'a>(attrs: &[&'a Attr]) -> Vec<&'a Attr> {
    attrs.iter().flat_map(|attr| attr.items()).filter(|item| is_anywhere(item)).collect()
}

/// `ingress rule allows 0.0.0.0/0 to ports 0-1024, which include SSH (22)`.
pub fn exposure(label: &str, source: &Attr, ports: Ports, service: Option<(i64, &str)>) -> String {
    let cidr = source.as_str().unwrap_or("every address");
    let described = ports.describe();
    match service {
        Some((port, name)) if ports == Ports::Range(port, port) => {
            format!("{label} allows {cidr} to {described} ({name})")
        }
        Some((port, name)) => format!("{label} allows {cidr} to {described}, which include {name} ({port})"),
        None => format!("{label} allows {cidr} to {described}"),
    }
}

/// Ports people reach databases and caches on.
pub const DATABASE_PORTS: &[(i64, &str)] = &[
    (1433, "SQL Server"),
    (1521, "Oracle"),
    (2483, "Oracle"),
    (3306, "MySQL"),
    (5432, "PostgreSQL"),
    (5439, "Redshift"),
    (5984, "CouchDB"),
    (6379, "Redis"),
    (7000, "Cassandra"),
    (7474, "Neo4j"),
    (8086, "InfluxDB"),
    (9042, "Cassandra"),
    (9200, "Elasticsearch"),
    (9300, "Elasticsearch"),
    (11211, "Memcached"),
    (27017, "MongoDB"),
];

/// Remote administration and file-sharing ports (SSH and RDP have rules of their own).
pub const ADMIN_PORTS: &[(i64, &str)] = &[
    (20, "FTP data"),
    (21, "FTP"),
    (23, "Telnet"),
    (135, "Windows RPC"),
    (137, "NetBIOS"),
    (139, "NetBIOS"),
    (445, "SMB"),
    (2375, "Docker API"),
    (2376, "Docker API"),
    (2379, "etcd"),
    (5800, "VNC"),
    (5900, "VNC"),
    (5985, "WinRM"),
    (5986, "WinRM"),
    (6443, "Kubernetes API"),
    (10250, "kubelet"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::Value;
    use bosun_core::Span;

    fn attr(value: Value) -> Attr {
        Attr::new(value, Span::line(1), 0)
    }

    #[test]
    fn reads_protocols_and_ranges() {
        let tcp = attr(Value::String("tcp".into()));
        let all = attr(Value::String("-1".into()));
        let (p22, p0, p65535) =
            (attr(Value::Number(22.0)), attr(Value::Number(0.0)), attr(Value::Number(65535.0)));
        assert_eq!(Ports::read(Some(&tcp), Some(&p22), Some(&p22)), Ports::Range(22, 22));
        assert_eq!(Ports::read(Some(&tcp), Some(&p0), Some(&p65535)), Ports::All);
        assert_eq!(Ports::read(Some(&all), None, None), Ports::All);
        assert_eq!(Ports::read(Some(&attr(Value::Number(6.0))), Some(&p22), None), Ports::Unknown);
        assert_eq!(Ports::read(Some(&attr(Value::String("icmp".into()))), None, None), Ports::NoPorts);
        assert_eq!(Ports::read(Some(&attr(Value::Unknown)), None, None), Ports::Unknown);
    }

    #[test]
    fn anywhere_means_a_zero_prefix() {
        assert!(is_anywhere(&attr(Value::String("0.0.0.0/0".into()))));
        assert!(is_anywhere(&attr(Value::String("::/0".into()))));
        assert!(!is_anywhere(&attr(Value::String("10.0.0.0/8".into()))));
        assert!(!is_anywhere(&attr(Value::Unknown)));
    }
}
