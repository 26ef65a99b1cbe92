//! Small helpers every Azure view shares: the azurerm provider renamed many
//! attributes between major versions, and its split resources point at their
//! parent by id or by name.

use crate::cloud::{Attr, Deployment, Resource};

/// The first of `keys` that is set to something other than null: lets a view
/// accept both spellings of a renamed attribute (`enable_https_traffic_only`
/// before provider v4, `https_traffic_only_enabled` after).
pub fn first<'a>(body: &'a Attr, keys: &[&str]) -> Option<&'a Attr> {
    keys.iter().find_map(|key| body.get(key).filter(|attr| !attr.is_null()))
}

/// Follows `path` from `body`, treating a null anywhere as absent.
pub fn at<'a>(body: &'a Attr, path: &[&str]) -> Option<&'a Attr> {
    body.path(path).filter(|attr| !attr.is_null())
}

/// Resources of `kind` that point at `target` through one of `links`: an id
/// reference (`storage_account_id = azurerm_storage_account.logs.id`) or a name
/// literal equal to the target's `name` (`server_name = "acme-sql"`).
///
/// One whose link is unknown may point at `target`: it comes as a twin whose
/// every setting is unknown (see [`Deployment::attached`]), unless another of
/// its links points here for sure.
pub fn attached<'a>(
    deployment: &'a Deployment,
    kind: &'a str,
    links: &'a [&'a str],
    target: &'a Resource,
) -> impl Iterator<Item = &'a Resource> + 'a {
    let mut found: Vec<&'a Resource> = Vec::new();
    for link in links {
        for resource in deployment.attached(kind, link, target, &["name"]) {
            match found.iter().position(|r| r.address == resource.address) {
                Some(i) if found[i].body.is_unknown() && !resource.body.is_unknown() => found[i] = resource,
                Some(_) => {}
                None => found.push(resource),
            }
        }
    }
    found.into_iter()
}

/// A known TLS version setting below 1.2, in any of the spellings Azure uses:
/// `TLS1_0`, `1.1`, `TLSEnforcementDisabled`, `Disabled`.
pub fn tls_below_1_2(attr: &Attr) -> bool {
    let Some(text) = attr.as_str() else { return false };
    let lowered = text.trim().to_ascii_lowercase();
    if lowered.contains("disabled") {
        return true;
    }
    let number = lowered.trim_start_matches("tls").trim_start_matches('v').replace('_', ".");
    number.parse::<f64>().is_ok_and(|version| version < 1.2)
}

/// A network source that means any address: `*`, `Internet`, `Any`, `0.0.0.0/0`.
pub fn is_any_address(source: &str) -> bool {
    let source = source.trim().to_ascii_lowercase();
    matches!(source.as_str(), "*" | "internet" | "any" | "0.0.0.0" | "0.0.0.0/0" | "::/0" | "/0")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::Value;
    use bosun_core::Span;

    fn text(s: &str) -> Attr {
        Attr::new(Value::String(s.into()), Span::line(1), 0)
    }

    #[test]
    fn tls_spellings() {
        for old in ["TLS1_0", "TLS1_1", "1.0", "1.1", "TLSEnforcementDisabled", "Disabled"] {
            assert!(tls_below_1_2(&text(old)), "{old}");
        }
        for modern in ["TLS1_2", "1.2", "1.3", "TLS1_3"] {
            assert!(!tls_below_1_2(&text(modern)), "{modern}");
        }
        assert!(!tls_below_1_2(&Attr::unknown(Span::line(1), 0)));
    }

    #[test]
    fn any_address_spellings() {
        assert!(is_any_address("Internet") && is_any_address("*") && is_any_address("0.0.0.0/0"));
        assert!(!is_any_address("10.0.0.0/8") && !is_any_address("VirtualNetwork"));
    }
}
