//! One small scan report that every format test renders: findings with and
//! without a resource or snippet, text that needs escaping, a finding of a rule
//! that is not in `report.rules`, suppressions of both kinds, an unreadable
//! file and a skipped one.

use bosun_core::report::{ScanReport, ScannedFile, ToolInfo};
use bosun_core::suppress::{Suppressed, SuppressionRecord, UNUSED_SUPPRESSION};
use bosun_core::{Domain, FileError, Finding, Location, RuleMeta, Severity, Skipped};

pub const PRIVILEGED: RuleMeta = RuleMeta {
    id: "K8S001",
    name: "privileged-container",
    title: "Container runs privileged",
    severity: Severity::High,
    domain: Domain::Kubernetes,
    checklist: &["run.no-privileged"],
    aliases: &["KSV-0017"],
    rationale: "A privileged container can take over the node it runs on.",
    remediation: "Remove `securityContext.privileged: true`.",
    bad_example: "securityContext:\n  privileged: true\n",
    good_example: "securityContext:\n  privileged: false\n",
};

pub const HOST_NETWORK: RuleMeta = RuleMeta {
    id: "K8S002",
    name: "host-network",
    title: "Pod shares the host's network",
    severity: Severity::Medium,
    domain: Domain::Kubernetes,
    checklist: &["run.network-segregation", "env.network-policy"],
    aliases: &[],
    rationale: "A pod on the host network sees every interface of the node.",
    remediation: "Remove `hostNetwork: true`.",
    bad_example: "",
    good_example: "",
};

pub const ROOT_USER: RuleMeta = RuleMeta {
    id: "DF001",
    name: "root-user",
    title: "Image runs as root",
    severity: Severity::Medium,
    domain: Domain::Dockerfile,
    checklist: &["img.non-root-user"],
    aliases: &[],
    rationale: "Without USER the container's process runs as root.",
    remediation: "Add `USER app` to the final stage.",
    bad_example: "FROM alpine:3.20\n",
    good_example: "FROM alpine:3.20\nUSER 1000\n",
};

/// No compose file is scanned, so its checklist item stays "not checked".
pub const DOCKER_SOCKET: RuleMeta = RuleMeta {
    id: "CMP001",
    name: "docker-socket",
    title: "Service mounts the Docker socket",
    severity: Severity::Critical,
    domain: Domain::Compose,
    checklist: &["run.no-docker-socket"],
    aliases: &[],
    rationale: "Whoever holds the Docker socket is root on the host.",
    remediation: "Do not mount `/var/run/docker.sock`.",
    bad_example: "",
    good_example: "",
};

const WEB_YAML: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          securityContext:\n            privileged: true\n";

fn location(path: &str, start_line: u32, end_line: u32, resource: Option<&str>) -> Location {
    Location {
        path: path.into(),
        start_line,
        end_line,
        resource: resource.map(String::from),
        layer_digest: None,
    }
}

pub fn report() -> ScanReport {
    let mut report = ScanReport::new(ToolInfo { name: "bosun", version: "0.1.0" });
    report.rules = vec![PRIVILEGED, HOST_NETWORK, ROOT_USER, DOCKER_SOCKET];
    report.files = vec![
        ScannedFile { path: "Dockerfile".into(), domain: Domain::Dockerfile },
        ScannedFile { path: "k8s/db.yaml".into(), domain: Domain::Kubernetes },
        ScannedFile { path: "k8s/my app.yaml".into(), domain: Domain::Kubernetes },
    ];

    let mut privileged = Finding::new(
        &PRIVILEGED,
        "container web sets privileged: true".into(),
        location("k8s/my app.yaml", 11, 11, Some("Deployment/default/web")),
    );
    privileged.attach_snippet(WEB_YAML);
    let host_network = Finding::new(
        &HOST_NETWORK,
        "pod <db> sets hostNetwork: \"true\" & 'shares'\u{1b}[0m the node".into(),
        location("k8s/db.yaml", 3, 3, None),
    );
    let unused = Finding::new(
        &UNUSED_SUPPRESSION,
        "bosun:ignore[K8S009] matches no finding here; remove it or fix the rule id".into(),
        location("k8s/db.yaml", 1, 1, None),
    );
    report.findings = vec![privileged, unused, host_network];

    let inline = Finding::new(
        &PRIVILEGED,
        "container db sets privileged: true".into(),
        location("k8s/db.yaml", 12, 12, Some("StatefulSet/data/db")),
    );
    let config = Finding::new(&ROOT_USER, "no USER instruction".into(), location("Dockerfile", 1, 1, None));
    report.suppressed = vec![
        Suppressed {
            finding: config,
            suppression: SuppressionRecord { kind: "config", reason: "base image drops root itself".into() },
        },
        Suppressed {
            finding: inline,
            suppression: SuppressionRecord { kind: "inline", reason: "needs the host's devices".into() },
        },
    ];

    report.errors = vec![FileError {
        path: "broken/bad <1>.yaml".into(),
        line: Some(4),
        message: "did not find expected key".into(),
    }];
    report.skipped = vec![Skipped { path: "big.yaml".into(), reason: "larger than 10 MiB".into() }];
    report.sort();
    report
}
