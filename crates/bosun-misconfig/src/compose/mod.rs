//! docker-compose files: one view per service.

pub mod interpolate;
pub mod mounts;
pub mod ports;
pub mod rules;

use crate::rule::Hits;
use bosun_core::config::Config;
use bosun_syntax::yaml::Node;
use bosun_syntax::Span;
use interpolate::{interpolate, UNRESOLVED};

/// File names Compose itself looks for, plus common variants (`docker-compose.prod.yml`).
pub fn is_compose_file_name(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    let stem = lower.strip_suffix(".yaml").or_else(|| lower.strip_suffix(".yml"));
    stem.is_some_and(|s| {
        s == "compose"
            || s == "docker-compose"
            || s.starts_with("docker-compose.")
            || s.starts_with("compose.")
    })
}

/// A document is a Compose file when it has a `services` mapping and is not a
/// Kubernetes object.
pub fn looks_like_compose(root: &Node) -> bool {
    root.get("apiVersion").is_none() && root.get("services").is_some_and(|s| s.is_map())
}

/// One service of a compose file.
pub struct ComposeService<'a> {
    pub name: String,
    pub node: &'a Node,
    /// The whole file, for top-level `secrets`, `networks` and `volumes`.
    pub file: &'a Node,
    pub config: &'a Config,
}

impl<'a> ComposeService<'a> {
    pub fn all(file: &'a Node, config: &'a Config) -> Vec<ComposeService<'a>> {
        file.get("services")
            .map(|s| {
                s.string_entries()
                    .filter(|(_, node)| node.is_map())
                    .map(|(name, node)| ComposeService { name, node, file, config })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    /// Where to point findings about the service as a whole: its name line
    /// (found by identity, so flow mappings and numeric names work too).
    pub fn span(&self) -> Span {
        let services = self.file.get("services");
        let key = services.and_then(|s| s.entries().find(|(_, v)| std::ptr::eq(*v, self.node)));
        key.map_or(self.node.span, |(k, _)| k.span)
    }

    /// `service "web"`, for messages.
    pub fn label(&self) -> String {
        format!("service \"{}\"", self.name)
    }

    /// The service followed by the services it `extends` in this file, nearest
    /// first: where an unset key may still come from. `None` when the chain
    /// leaves the file (`extends.file`), loops or names a missing service: then
    /// nothing can be said about what the service lacks.
    pub fn chain(&self) -> Option<Vec<&'a Node>> {
        let services = self.file.get("services")?;
        let mut chain = vec![self.node];
        let mut current = self.node;
        while let Some(extends) = current.get("extends") {
            if extends.get("file").is_some() {
                return None;
            }
            let base = extends.as_str().or_else(|| extends.get("service").and_then(Node::as_str))?;
            current = services.get(base).filter(|b| b.is_map())?;
            if chain.iter().any(|seen| std::ptr::eq(*seen, current)) {
                return None;
            }
            chain.push(current);
        }
        Some(chain)
    }

    /// Whether the service is a fragment merged over another file
    /// (`compose.override.yaml`, `docker compose -f base.yml -f dev.yml`): no
    /// service of its chain names an `image` or a `build`, which Compose refuses
    /// for a service on its own. What a fragment lacks may be set in the file
    /// it overrides; what it sets is still its own.
    pub fn is_fragment(&self) -> bool {
        self.chain().is_some_and(|chain| !chain.iter().any(|node| is_runnable(node)))
    }

    /// A key path as Compose resolves it through `extends`; null counts as unset.
    pub fn setting(&self, keys: &[&str]) -> Setting<'a> {
        match self.chain() {
            None => Setting::Unknown,
            Some(chain) => match chain.iter().find_map(|node| node.path(keys).filter(|v| !v.is_null())) {
                Some(value) => Setting::Set(value),
                None if !chain.iter().any(|node| is_runnable(node)) => Setting::Unknown,
                None => Setting::Unset,
            },
        }
    }

    /// Whether any of `candidates` (key paths, e.g. `mem_limit` and
    /// `deploy.resources.limits.memory`) puts a bound on a resource. Zero and
    /// negative values mean "no limit" to Docker.
    pub fn limit(&self, candidates: &[&[&str]]) -> Limit<'a> {
        let mut unbounded = None;
        let mut unknown = false;
        for keys in candidates {
            match self.setting(keys) {
                Setting::Set(node) if is_unbounded(node) => {
                    unbounded = unbounded.or(Some((node, keys.join("."))))
                }
                Setting::Set(_) => return Limit::Bounded,
                Setting::Unknown => unknown = true,
                Setting::Unset => {}
            }
        }
        match (unbounded, unknown) {
            (Some((node, key)), _) => Limit::Unbounded { node, key },
            (None, true) => Limit::Unknown,
            (None, false) => Limit::Missing,
        }
    }

    /// The service's published ports, every syntax parsed.
    pub fn ports(&self) -> Vec<ports::Port<'a>> {
        ports::parse(self.get("ports"))
    }

    /// The absolute host paths the service mounts.
    pub fn host_mounts(&self) -> Vec<mounts::HostMount<'a>> {
        mounts::host_mounts(self.get("volumes"), self.file)
    }
}

/// A service that names what to run: an `image` or a `build`.
fn is_runnable(node: &Node) -> bool {
    node.get("image").is_some() || node.get("build").is_some()
}

/// A setting looked up through `extends`.
#[derive(Debug, Clone, Copy)]
pub enum Setting<'a> {
    Set(&'a Node),
    Unset,
    /// The service extends one in another file: it may be set there.
    Unknown,
}

/// What [`ComposeService::limit`] found.
#[derive(Debug, Clone)]
pub enum Limit<'a> {
    Bounded,
    /// Set, but to a value that means "no limit".
    Unbounded {
        node: &'a Node,
        key: String,
    },
    Missing,
    Unknown,
}

/// For the resource-limit rules: reports a service that sets none of
/// `candidates` (at the service), or sets one to a value that means "no limit"
/// (at that value). `resource` names the limit in messages (`memory`, `CPU`).
pub fn report_missing_limit(
    service: &ComposeService,
    resource: &str,
    candidates: &[&[&str]],
    hits: &mut Hits,
) {
    match service.limit(candidates) {
        Limit::Missing => hits.push(service.span(), format!("{} has no {resource} limit", service.label())),
        Limit::Unbounded { node, key } => {
            let value = node.scalar_text().unwrap_or_default();
            hits.push(node.span, format!("{} sets {key}: {value}, which means no limit", service.label()))
        }
        // A variable without a default gets the benefit of the doubt.
        Limit::Bounded | Limit::Unknown => {}
    }
}

/// `0`, `-1`, `"0"`, `0m`, `${MEM:-0}`. Values from variables without a default
/// are given the benefit of the doubt.
fn is_unbounded(node: &Node) -> bool {
    let Some(text) = node.scalar_text().map(|t| interpolate(&t)) else {
        return false;
    };
    if text.contains(UNRESOLVED) {
        return false;
    }
    let number: String =
        text.trim().chars().take_while(|c| c.is_ascii_digit() || ".-+".contains(*c)).collect();
    number.parse::<f64>().is_ok_and(|n| n <= 0.0)
}
