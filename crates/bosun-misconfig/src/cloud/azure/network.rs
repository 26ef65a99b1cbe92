//! Network security rules and flow logs: the `security_rule` blocks of
//! `azurerm_network_security_group`, separate `azurerm_network_security_rule`
//! resources, and `azurerm_network_watcher_flow_log`.

use super::common::{at, first, is_any_address};
use crate::cloud::{Attr, Deployment, Resource};

/// One security rule, inline or separate.
pub struct SecurityRule<'a> {
    /// The security group (for an inline rule) or the rule resource.
    pub resource: &'a Resource,
    /// The `security_rule` block, or the rule resource's body.
    pub body: &'a Attr,
}

impl<'a> SecurityRule<'a> {
    pub fn name(&self) -> &'a str {
        self.body.get("name").and_then(Attr::as_str).unwrap_or("security rule")
    }

    fn is(&self, key: &str, wanted: &str) -> bool {
        self.body.get(key).and_then(Attr::as_str).is_some_and(|value| value.eq_ignore_ascii_case(wanted))
    }

    /// Known to be an inbound rule that allows traffic.
    pub fn allows_inbound(&self) -> bool {
        self.is("direction", "Inbound") && self.is("access", "Allow")
    }

    /// `Tcp`, `Udp`, `Icmp`, `Esp`, `Ah` or `*`, when known.
    pub fn protocol(&self) -> Option<&'a str> {
        self.body.get("protocol").and_then(Attr::as_str)
    }

    /// Known to carry the protocol (`*` carries them all).
    pub fn carries(&self, protocol: &str) -> bool {
        self.protocol().is_some_and(|p| p == "*" || p.eq_ignore_ascii_case(protocol))
    }

    /// The source value that admits any address (`*`, `Internet`, `0.0.0.0/0`), if one does.
    pub fn any_source(&self) -> Option<&'a Attr> {
        let single = first(self.body, &["source_address_prefix"]).into_iter();
        let many = first(self.body, &["source_address_prefixes"]).into_iter().flat_map(|list| list.items());
        single.chain(many).find(|source| source.as_str().is_some_and(is_any_address))
    }

    /// The destination port ranges that are known, as inclusive pairs; `*` is `(0, 65535)`.
    pub fn port_ranges(&self) -> Vec<(u32, u32)> {
        let single = first(self.body, &["destination_port_range"]).into_iter();
        let many = first(self.body, &["destination_port_ranges"]).into_iter().flat_map(|list| list.items());
        single.chain(many).flat_map(ports_of).collect()
    }

    pub fn opens_port(&self, port: u32) -> bool {
        self.port_ranges().iter().any(|&(low, high)| low <= port && port <= high)
    }

    pub fn opens_all_ports(&self) -> bool {
        self.port_ranges().iter().any(|&(low, high)| low <= 1 && high >= 65535)
    }
}

/// `"22"`, `"1000-2000"`, `"*"`, `22` or a list of these.
fn ports_of(attr: &Attr) -> Vec<(u32, u32)> {
    if let Some(number) = attr.as_i64() {
        return u32::try_from(number).map(|port| vec![(port, port)]).unwrap_or_default();
    }
    let Some(text) = attr.as_str() else { return Vec::new() };
    text.split(',').filter_map(|part| parse_range(part.trim())).collect()
}

fn parse_range(text: &str) -> Option<(u32, u32)> {
    if text == "*" {
        return Some((0, 65535));
    }
    match text.split_once('-') {
        Some((low, high)) => Some((low.trim().parse().ok()?, high.trim().parse().ok()?)),
        None => text.parse().ok().map(|port| (port, port)),
    }
}

/// Every security rule the deployment declares.
pub fn security_rules(deployment: &Deployment) -> Vec<SecurityRule<'_>> {
    let inline = deployment.of_kind("azurerm_network_security_group").flat_map(|group| {
        group.blocks("security_rule").map(move |body| SecurityRule { resource: group, body })
    });
    let separate = deployment
        .of_kind("azurerm_network_security_rule")
        .map(|rule| SecurityRule { resource: rule, body: &rule.body });
    inline.chain(separate).collect()
}

pub struct FlowLog<'a> {
    pub resource: &'a Resource,
    /// `enabled` (required).
    pub enabled: Option<&'a Attr>,
    /// The `retention_policy` block: `enabled` and `days` (0 keeps logs forever).
    pub retention: Option<&'a Attr>,
}

pub fn flow_logs(deployment: &Deployment) -> Vec<FlowLog<'_>> {
    deployment
        .of_kind("azurerm_network_watcher_flow_log")
        .map(|log| FlowLog {
            resource: log,
            enabled: first(&log.body, &["enabled"]),
            retention: at(&log.body, &["retention_policy"]),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::Value;
    use bosun_core::Span;

    #[test]
    fn port_spellings() {
        let text = |s: &str| Attr::new(Value::String(s.into()), Span::line(1), 0);
        assert_eq!(ports_of(&text("*")), vec![(0, 65535)]);
        assert_eq!(ports_of(&text("20-23")), vec![(20, 23)]);
        assert_eq!(ports_of(&text("3389")), vec![(3389, 3389)]);
        assert!(ports_of(&Attr::unknown(Span::line(1), 0)).is_empty());
    }
}
