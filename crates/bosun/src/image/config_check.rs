//! The image configuration checked with the Dockerfile rules.
//!
//! An image keeps how it runs (user, ports, environment, healthcheck) in its
//! config, and how it was built in its history's `created_by` commands. Both
//! are written back as a Dockerfile — build steps from the history, then the
//! final settings from the config, which is what a container actually gets —
//! and that text goes through the same Dockerfile rules as `bosun scan`, so a
//! finding has the same id, message and suppressions in both places.
//!
//! Only rules that mean something for a built image run here: what the
//! container runs as and exposes, secrets in its environment or build
//! arguments, and build steps that weaken the image (piping scripts to a
//! shell, disabled TLS or signature checks, setuid bits). Rules about how a
//! Dockerfile is written (pinning, caches, style) would mostly report steps of
//! a base image the user does not control.

use bosun_core::config::Config;
use bosun_core::Finding;
use bosun_image::config::History;
use bosun_image::ImageConfig;
use bosun_misconfig::analyze::{analyze_file, FileContext};
use bosun_misconfig::{InputKind, RuleSet};

/// The path findings about the image config are reported under.
pub const CONFIG_PATH: &str = "image-config";

/// The Dockerfile rules that apply to an image's config and history.
const IMAGE_RULES: &[&str] = &[
    "final-user-root",
    "expose-admin-port",
    "expose-invalid-port",
    "secret-in-env-or-arg",
    "secret-build-arg",
    "missing-healthcheck",
    "add-remote-without-checksum",
    "remote-script-piped-to-shell",
    "tls-verification-disabled",
    "package-signature-check-disabled",
    "sudo-in-run",
    "world-writable-permissions",
    "setuid-bit-added",
    "account-password-set",
    "privileged-build-step",
];

/// The Dockerfile rebuilt from an image config, and where each line came from.
pub struct Rebuilt {
    pub text: String,
    /// For each line (index = line - 1): the layer its history step created, if any.
    pub line_layers: Vec<Option<usize>>,
    /// For each line: what it was rebuilt from (`history[3]`, `config`).
    pub line_sources: Vec<String>,
}

/// Checks the config with the rules of `rules` that apply to images.
pub fn check(config: &ImageConfig, rules: &RuleSet, bosun_config: &Config) -> (Vec<Finding>, Rebuilt) {
    let rebuilt = rebuild(config);
    let image_rules = RuleSet {
        rules: rules.rules.iter().filter(|(r, _)| IMAGE_RULES.contains(&r.meta.name)).copied().collect(),
    };
    if image_rules.rules.is_empty() {
        return (Vec::new(), rebuilt);
    }
    let context = FileContext { has_dockerignore: None, ..FileContext::default() };
    let analysis =
        analyze_file(CONFIG_PATH, &rebuilt.text, InputKind::Dockerfile, context, &image_rules, bosun_config);
    let mut findings = analysis.findings;
    for finding in &mut findings {
        let index = finding.location.start_line.saturating_sub(1) as usize;
        finding.location.resource = rebuilt.line_sources.get(index).cloned();
        if index == 0 {
            about_a_missing_setting(finding);
        }
    }
    (findings, rebuilt)
}

/// A finding on the rebuilt `FROM scratch` line is about a setting the config
/// lacks: say which, in the config's terms, and quote nothing (the line is ours).
fn about_a_missing_setting(finding: &mut Finding) {
    finding.snippet.clear();
    let (setting, message) = match finding.name.as_str() {
        "final-user-root" => ("config.User", "the image config sets no User, so its containers run as root"),
        "missing-healthcheck" => (
            "config.Healthcheck",
            "the image config has no Healthcheck, so a hung container still counts as running",
        ),
        _ => return,
    };
    finding.location.resource = Some(setting.to_string());
    finding.message = message.to_string();
}

/// Writes the config back as a Dockerfile (see the module comment).
pub fn rebuild(config: &ImageConfig) -> Rebuilt {
    let mut out = Rebuilt { text: String::new(), line_layers: Vec::new(), line_sources: Vec::new() };
    let mut push = |line: String, layer: Option<usize>, source: String| {
        // One instruction per line: continuation lines would shift the line map.
        out.text.push_str(&line.replace(['\n', '\r'], " "));
        out.text.push('\n');
        out.line_layers.push(layer);
        out.line_sources.push(source);
    };
    push("FROM scratch".into(), None, "config".into());
    let mut layer = 0;
    for (index, step) in config.history.iter().enumerate() {
        let created = (!step.empty_layer).then_some(layer);
        if !step.empty_layer {
            layer += 1;
        }
        for instruction in build_step(step) {
            push(instruction, created, format!("history[{index}]"));
        }
    }
    let run = &config.config;
    for variable in run.env.iter().flatten() {
        if let Some((name, value)) = variable.split_once('=') {
            push(format!("ENV {name}={}", quote(value)), None, "config.Env".into());
        }
    }
    for port in run.exposed_ports.iter().flat_map(|ports| ports.keys()) {
        push(format!("EXPOSE {port}"), None, "config.ExposedPorts".into());
    }
    if let Some(test) = run.healthcheck.as_ref().and_then(|h| h.test.as_ref()) {
        let line = match test.first().map(String::as_str) {
            Some("NONE") => "HEALTHCHECK NONE".to_string(),
            Some("CMD-SHELL") => format!("HEALTHCHECK CMD {}", test[1..].join(" ")),
            _ => format!("HEALTHCHECK CMD {}", json_array(test.get(1..).unwrap_or_default())),
        };
        push(line, None, "config.Healthcheck".into());
    }
    if let Some(user) = run.user.as_deref().filter(|u| !u.trim().is_empty()) {
        push(format!("USER {user}"), None, "config.User".into());
    }
    if let Some(entrypoint) = run.entrypoint.as_ref().filter(|e| !e.is_empty()) {
        push(format!("ENTRYPOINT {}", json_array(entrypoint)), None, "config.Entrypoint".into());
    }
    if let Some(cmd) = run.cmd.as_ref().filter(|c| !c.is_empty()) {
        push(format!("CMD {}", json_array(cmd)), None, "config.Cmd".into());
    }
    out
}

/// The build step of a history entry, as Dockerfile instructions; none for
/// settings (the config has their final values) and unreadable entries.
fn build_step(step: &History) -> Vec<String> {
    let Some(created_by) = step.created_by.as_deref().map(str::trim) else { return Vec::new() };
    // BuildKit writes the instruction and ends it with a marker.
    let created_by = created_by.strip_suffix("# buildkit").map_or(created_by, str::trim_end);
    // The classic builder writes `/bin/sh -c #(nop) INSTRUCTION` for settings
    // and `/bin/sh -c COMMAND` (after `|N ARG=value...` when build arguments
    // were set) for RUN steps.
    let (build_args, rest) = split_build_args(created_by);
    if let Some(shell) = rest.strip_prefix("/bin/sh -c ") {
        let shell = shell.trim_start();
        if let Some(instruction) = shell.strip_prefix("#(nop)") {
            return keep_build_instruction(instruction.trim()).into_iter().collect();
        }
        return run_lines(build_args, shell);
    }
    if let Some(command) = rest.strip_prefix("RUN ") {
        let command = command.trim_start();
        let command = command.strip_prefix("/bin/sh -c ").unwrap_or(command);
        return run_lines(build_args, command);
    }
    keep_build_instruction(rest).into_iter().collect()
}

/// Build arguments recorded with a RUN step come first as `ARG NAME=value`,
/// so the secret rules see the values the history keeps.
fn run_lines(build_args: Vec<&str>, command: &str) -> Vec<String> {
    let mut lines: Vec<String> = build_args.into_iter().map(|arg| format!("ARG {arg}")).collect();
    lines.push(format!("RUN {command}"));
    lines
}

/// `|2 A=1 B=2 rest` → (["A=1", "B=2"], "rest").
fn split_build_args(text: &str) -> (Vec<&str>, &str) {
    let Some(counted) = text.strip_prefix('|') else { return (Vec::new(), text) };
    let mut parts = counted.splitn(2, ' ');
    let Some(count) = parts.next().and_then(|n| n.parse::<usize>().ok()) else { return (Vec::new(), text) };
    let mut rest = parts.next().unwrap_or_default();
    let mut args = Vec::new();
    for _ in 0..count {
        let (arg, tail) = rest.split_once(' ').unwrap_or((rest, ""));
        if !arg.contains('=') {
            break;
        }
        args.push(arg);
        rest = tail;
    }
    (args, rest)
}

/// Build instructions the rules read; settings the config already holds
/// (ENV, USER, EXPOSE, CMD...) are dropped here and written from the config.
fn keep_build_instruction(instruction: &str) -> Option<String> {
    let keyword = instruction.split_whitespace().next()?.to_ascii_uppercase();
    match keyword.as_str() {
        "ADD" | "COPY" | "ARG" => Some(instruction.to_string()),
        _ => None,
    }
}

fn quote(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn json_array(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(json: serde_json::Value) -> ImageConfig {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn history_and_config_become_a_dockerfile() {
        let image = config(serde_json::json!({
            "config": {"User": "", "Env": ["PATH=/usr/bin", "DB_PASSWORD=hunter2"], "ExposedPorts": {"22/tcp": {}}},
            "history": [
                {"created_by": "/bin/sh -c #(nop) ADD file:abc in / "},
                {"created_by": "/bin/sh -c #(nop)  CMD [\"bash\"]", "empty_layer": true},
                {"created_by": "|1 TOKEN=abc /bin/sh -c curl -k https://x | sh"},
                {"created_by": "RUN /bin/sh -c chmod 777 /app # buildkit"},
                {"created_by": "USER app", "empty_layer": true}
            ]
        }));
        let rebuilt = rebuild(&image);
        let lines: Vec<&str> = rebuilt.text.lines().collect();
        assert_eq!(
            lines,
            [
                "FROM scratch",
                "ADD file:abc in /",
                "ARG TOKEN=abc",
                "RUN curl -k https://x | sh",
                "RUN chmod 777 /app",
                "ENV PATH=\"/usr/bin\"",
                "ENV DB_PASSWORD=\"hunter2\"",
                "EXPOSE 22/tcp",
            ]
        );
    }
}
