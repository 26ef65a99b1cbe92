//! Small readers shared by the data services' concepts and rules: numbers that
//! may be unknown, lists of log types, and the usual "protection off" report.

use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource, Value};
use crate::rule::Hits;

/// A whole number setting (days, seconds, counts).
#[derive(Debug, Clone, Copy)]
pub enum Number<'a> {
    /// Not written: the service's default applies.
    Absent,
    Known(i64, &'a Attr),
    /// Written, but not known before apply: never a finding.
    Unknown,
}

impl<'a> Number<'a> {
    pub fn of(attr: Option<&'a Attr>) -> Self {
        match attr {
            None => Number::Absent,
            Some(attr) if attr.is_null() => Number::Absent,
            Some(attr) => attr.as_i64().map_or(Number::Unknown, |n| Number::Known(n, attr)),
        }
    }

    /// The value in force: the written one, or `default` when absent.
    pub fn or_default(&self, default: i64) -> Option<i64> {
        match self {
            Number::Absent => Some(default),
            Number::Known(n, _) => Some(*n),
            Number::Unknown => None,
        }
    }

    pub fn attr(&self) -> Option<&'a Attr> {
        match self {
            Number::Known(_, attr) => Some(attr),
            _ => None,
        }
    }
}

/// Whether a list of strings (log types, say) holds `wanted`, compared without
/// case: `None` when the list, or one of its elements, is not known.
pub fn list_has(attr: Option<&Attr>, wanted: &str) -> Option<bool> {
    let Some(attr) = attr.filter(|a| !a.is_null()) else { return Some(false) };
    if attr.is_unknown() || attr.reference().is_some() {
        return None;
    }
    let mut unknown = false;
    for item in attr.items() {
        match item.as_str() {
            Some(s) if s.eq_ignore_ascii_case(wanted) => return Some(true),
            Some(_) => {}
            None => unknown = true,
        }
    }
    if unknown {
        None
    } else {
        Some(false)
    }
}

/// Whether a list is known to be empty (or absent): `None` when unknown.
pub fn list_is_empty(attr: Option<&Attr>) -> Option<bool> {
    let Some(attr) = attr.filter(|a| !a.is_null()) else { return Some(true) };
    if attr.is_unknown() || attr.reference().is_some() {
        return None;
    }
    Some(attr.items().is_empty())
}

/// Written to something (a literal, a reference, an unknown value): not absent,
/// null or empty.
pub fn is_given(attr: Option<&Attr>) -> bool {
    attr.is_some_and(|a| match a.as_str() {
        Some(s) => !s.is_empty(),
        None => !a.is_null() && !matches!(a.value, Value::List(ref l) if l.is_empty()),
    })
}

/// Reports a protection that is switched off (at the value), or left out when
/// it is off by default (at the resource).
pub fn require_on(
    deployment: &Deployment,
    hits: &mut Hits,
    resource: &Resource,
    switch: Switch,
    off: &str,
    absent: &str,
) {
    match switch {
        Switch::Off(attr) => deployment.report(hits, resource, Some(attr), off),
        Switch::Absent => deployment.report(hits, resource, None, absent),
        Switch::On(_) | Switch::Unknown(_) => {}
    }
}

/// Reports a protection that is switched off; leaving it out is fine (it is on
/// by default).
pub fn forbid_off(deployment: &Deployment, hits: &mut Hits, resource: &Resource, switch: Switch, off: &str) {
    if let Switch::Off(attr) = switch {
        deployment.report(hits, resource, Some(attr), off);
    }
}

/// The value under `keys`, descending through objects and blocks like
/// [`Attr::path`], except that a value not known on the way (a computed block,
/// a variable) is returned itself: callers then see it as set but unknown,
/// never as missing.
pub fn at<'a>(attr: &'a Attr, keys: &[&str]) -> Option<&'a Attr> {
    let mut current = attr;
    for key in keys {
        if current.is_unknown() || current.reference().is_some() {
            return Some(current);
        }
        if let Value::List(items) = &current.value {
            if let Some(first) = items.first() {
                if first.is_unknown() {
                    return Some(first);
                }
            }
        }
        current = current.get(key)?;
    }
    Some(current)
}

/// An on/off setting under `keys` (see [`at`]).
pub fn switch_at<'a>(attr: &'a Attr, keys: &[&str]) -> Switch<'a> {
    Switch::of(at(attr, keys))
}

/// The value of one named parameter among `name`/`value` pairs (a parameter
/// group's `parameter` blocks). A pair whose name is not known makes the answer
/// unknown when the wanted name is not found.
pub fn named_parameter<'a>(
    pairs: impl Iterator<Item = &'a Attr>,
    name: &str,
    value: &str,
    wanted: &str,
) -> Switch<'a> {
    let mut unknown = None;
    for pair in pairs {
        match pair.get(name).and_then(Attr::as_str) {
            Some(n) if n.eq_ignore_ascii_case(wanted) => return Switch::of(pair.get(value)),
            Some(_) => {}
            None => unknown = Some(pair),
        }
    }
    unknown.map_or(Switch::Absent, Switch::Unknown)
}
