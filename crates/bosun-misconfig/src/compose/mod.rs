//! docker-compose files: one view per service.

pub mod rules;

use bosun_core::config::Config;
use bosun_syntax::yaml::Node;
use bosun_syntax::Span;

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

    /// Where to point findings about the service as a whole: its name line.
    pub fn span(&self) -> Span {
        Span::line(self.node.span.start_line.saturating_sub(1).max(1))
    }

    /// `service "web"`, for messages.
    pub fn label(&self) -> String {
        format!("service \"{}\"", self.name)
    }
}
