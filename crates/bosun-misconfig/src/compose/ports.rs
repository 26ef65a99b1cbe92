//! `ports:` entries in every syntax Compose accepts.

use super::interpolate::{interpolate, UNRESOLVED};
use bosun_syntax::yaml::Node;

/// Which host addresses a published port listens on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostIp {
    /// No address, `0.0.0.0` or `::`: every interface of the host.
    All,
    /// 127.0.0.0/8, `::1` or `localhost`: not reachable from other machines.
    Loopback,
    /// One specific address.
    Address(String),
    /// Set by a variable without a default.
    Unknown,
}

/// One published port (or port range) of a service.
#[derive(Debug, Clone)]
pub struct Port<'a> {
    /// The entry as written, for findings.
    pub node: &'a Node,
    /// Container ports, first and last of the range (equal for one port).
    pub target: (u16, u16),
    /// The host port as written; `None` lets Docker pick one.
    pub published: Option<String>,
    pub host_ip: HostIp,
}

impl Port<'_> {
    pub fn targets(&self, port: u16) -> bool {
        self.target.0 <= port && port <= self.target.1
    }

    /// `on host port 2222 of all interfaces`, for messages.
    pub fn describe_host_side(&self) -> String {
        let port = match &self.published {
            Some(p) if p.contains(UNRESOLVED) => "a host port set by a variable".to_string(),
            Some(p) => format!("host port {p}"),
            None => "a random host port".to_string(),
        };
        match &self.host_ip {
            HostIp::All => format!("{port} on all interfaces"),
            HostIp::Loopback => format!("{port} on loopback"),
            HostIp::Address(ip) => format!("{port} on {ip}"),
            HostIp::Unknown => format!("{port} on an address set by a variable"),
        }
    }
}

/// Parses the `ports` list. Entries whose container port is set by a variable
/// cannot be judged and are left out.
pub fn parse(ports: Option<&Node>) -> Vec<Port<'_>> {
    ports.map(Node::as_seq).unwrap_or_default().iter().filter_map(parse_entry).collect()
}

fn parse_entry(node: &Node) -> Option<Port<'_>> {
    if node.is_map() {
        let target = parse_range(&interpolate(&node.get("target")?.scalar_text()?))?;
        let published = node.get("published").and_then(Node::scalar_text).map(|p| interpolate(&p));
        let host_ip = node.get("host_ip").and_then(Node::scalar_text).map(|ip| classify(&interpolate(&ip)));
        return Some(Port { node, target, published, host_ip: host_ip.unwrap_or(HostIp::All) });
    }
    let text = interpolate(&node.scalar_text()?);
    let spec = text.split_once('/').map_or(text.as_str(), |(spec, _protocol)| spec);
    let (host, container) = match spec.rsplit_once(':') {
        Some((host, container)) => (Some(host), container),
        None => (None, spec),
    };
    let target = parse_range(container)?;
    let (host_ip, published) = match host.map(split_host) {
        Some((ip, port)) => (ip.map_or(HostIp::All, classify), Some(port).filter(|p| !p.is_empty())),
        None => (HostIp::All, None),
    };
    Some(Port { node, target, published: published.map(str::to_string), host_ip })
}

/// `127.0.0.1:8080`, `[::1]:8080`, `::1:8080`, `8080` or `127.0.0.1:` into address and port.
fn split_host(host: &str) -> (Option<&str>, &str) {
    if let Some(bracketed) = host.strip_prefix('[') {
        if let Some((ip, port)) = bracketed.split_once(']') {
            return (Some(ip), port.trim_start_matches(':'));
        }
    }
    match host.rsplit_once(':') {
        Some((ip, port)) => (Some(ip), port),
        None => (None, host),
    }
}

fn classify(ip: &str) -> HostIp {
    let ip = ip.trim().trim_start_matches('[').trim_end_matches(']');
    if ip.contains(UNRESOLVED) {
        HostIp::Unknown
    } else if ip.is_empty() || ip == "0.0.0.0" || ip == "::" {
        HostIp::All
    } else if ip.starts_with("127.") || ip == "::1" || ip.eq_ignore_ascii_case("localhost") {
        HostIp::Loopback
    } else {
        HostIp::Address(ip.to_string())
    }
}

fn parse_range(text: &str) -> Option<(u16, u16)> {
    let text = text.trim();
    match text.split_once('-') {
        Some((first, last)) => Some((first.trim().parse().ok()?, last.trim().parse().ok()?)),
        None => {
            let port = text.parse().ok()?;
            Some((port, port))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bosun_syntax::yaml::parse_stream;

    fn ports(text: &str) -> Vec<(u16, u16, Option<String>, HostIp)> {
        let root = parse_stream(text).documents.remove(0).root;
        parse(Some(&root)).into_iter().map(|p| (p.target.0, p.target.1, p.published, p.host_ip)).collect()
    }

    #[test]
    fn reads_every_short_syntax() {
        let parsed = ports(
            "- 22\n- \"3000-3005\"\n- 8080:80\n- 127.0.0.1:2222:22\n- 127.0.0.1::5000\n- 6060:6060/udp\n\
             - \"[::1]:6001:6001\"\n- \"::1:6002:6002\"\n- 10.0.0.5:5432:5432\n- 0.0.0.0:80:80\n\
             - ${BIND:-127.0.0.1}:9000:9000\n- ${BIND}:9001:9001\n- ${PORT}:${PORT}\n",
        );
        let all = HostIp::All;
        let lo = HostIp::Loopback;
        assert_eq!(
            parsed,
            vec![
                (22, 22, None, all.clone()),
                (3000, 3005, None, all.clone()),
                (80, 80, Some("8080".into()), all.clone()),
                (22, 22, Some("2222".into()), lo.clone()),
                (5000, 5000, None, lo.clone()),
                (6060, 6060, Some("6060".into()), all.clone()),
                (6001, 6001, Some("6001".into()), lo.clone()),
                (6002, 6002, Some("6002".into()), lo.clone()),
                (5432, 5432, Some("5432".into()), HostIp::Address("10.0.0.5".into())),
                (80, 80, Some("80".into()), all),
                (9000, 9000, Some("9000".into()), lo),
                (9001, 9001, Some("9001".into()), HostIp::Unknown),
            ]
        );
    }

    #[test]
    fn reads_the_long_syntax() {
        let parsed = ports(
            "- target: 22\n  published: \"2222\"\n- target: 5432\n  host_ip: 127.0.0.1\n  published: 5432\n\
             - target: 80\n",
        );
        assert_eq!(
            parsed,
            vec![
                (22, 22, Some("2222".into()), HostIp::All),
                (5432, 5432, Some("5432".into()), HostIp::Loopback),
                (80, 80, None, HostIp::All),
            ]
        );
    }
}
