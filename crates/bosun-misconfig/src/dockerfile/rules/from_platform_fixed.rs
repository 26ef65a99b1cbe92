use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF026",
        name: "from-platform-hardcoded",
        title: "FROM pins a platform with a fixed --platform value",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.lint"],
        aliases: &["DL3029"],
        rationale: "`FROM --platform=linux/amd64` ignores the platform the image is built for: a multi-platform \
                    build produces amd64 binaries labelled arm64, and on an arm64 host (Apple silicon, Graviton) \
                    the stage runs slowly under emulation or not at all. The build variables `$BUILDPLATFORM` \
                    and `$TARGETPLATFORM` are the intended way to choose a platform and are not reported. An \
                    image that really exists for one platform only can suppress this rule.",
        remediation: "Drop `--platform`, or use `--platform=$BUILDPLATFORM` for build stages that cross-compile.",
        bad_example: "FROM --platform=linux/amd64 node:20-alpine\nCMD [\"node\", \"server.js\"]\n",
        good_example: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for stage in &view.file.stages {
        if let Some(platform) = stage.platform.as_deref().filter(|p| !p.contains('$')) {
            hits.push(
                stage.span,
                format!("FROM --platform={platform} fixes the platform whatever the build targets"),
            );
        }
    }
}
