use crate::dockerfile::commands::stage_chain;
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::ImageRef;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF059",
        name: "sdk-base-image-in-final-stage",
        title: "Final image is built on a full SDK image",
        severity: Severity::Low,
        domain: Domain::Dockerfile,
        checklist: &["img.multistage", "img.minimal-base"],
        aliases: &[],
        rationale: "Images such as golang, rust, maven, gradle, gcc, a JDK or the .NET SDK carry a complete \
                    compiler toolchain and hundreds of packages the application does not need at run time: \
                    more to patch, more for an intruder to use, a larger download.",
        remediation: "Build in an SDK stage and copy the result into a runtime image (distroless, alpine, a JRE or \
                      the ASP.NET runtime image).",
        bad_example: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n",
        good_example: "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nCMD [\"/app\"]\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    let Some(stage) = view.final_stage() else { return };
    let root = stage_chain(view, stage.index).last().copied().unwrap_or(stage.index);
    let root_stage = &view.file.stages[root];
    if let Some(toolchain) = sdk(&root_stage.base) {
        hits.push(
            root_stage.span,
            format!("the final image is built on {}, which carries {toolchain}", root_stage.base_raw),
        );
    }
}

/// What toolchain an SDK image carries, or `None` for other images.
fn sdk(image: &ImageRef) -> Option<&'static str> {
    let repository = image.repository.to_ascii_lowercase();
    let name = repository.rsplit('/').next().unwrap_or(&repository);
    let tag = image.tag.as_deref().unwrap_or("latest").to_ascii_lowercase();
    let known_tag = !tag.contains('$');
    match name {
        "golang" => Some("the Go toolchain"),
        "rust" => Some("the Rust toolchain"),
        "maven" | "gradle" => Some("a JDK and a build tool"),
        "gcc" | "buildpack-deps" => Some("a C compiler toolchain"),
        "sdk" if repository.ends_with("dotnet/sdk") || repository.ends_with("dotnet/core/sdk") => {
            Some("the .NET SDK")
        }
        "openjdk" | "eclipse-temurin" | "amazoncorretto" | "sapmachine"
            if known_tag && !tag.contains("jre") =>
        {
            Some("a full JDK")
        }
        "ibm-semeru-runtimes" if tag.contains("jdk") => Some("a full JDK"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(text: &str) -> Vec<String> {
        run_on_example(&RULE, text).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn sdk_images() {
        for image in [
            "rust:1.79",
            "maven:3.9-eclipse-temurin-21",
            "mcr.microsoft.com/dotnet/sdk:8.0",
            "eclipse-temurin:21",
            "openjdk:17-jdk-slim",
            "docker.io/library/golang:1.22-alpine",
        ] {
            assert_eq!(messages(&format!("FROM {image}\nCMD [\"x\"]\n")).len(), 1, "{image}");
        }
        assert_eq!(
            messages("FROM golang:1.22 AS base\nFROM base\nCMD [\"x\"]\n"),
            ["the final image is built on golang:1.22, which carries the Go toolchain"]
        );
    }

    #[test]
    fn runtime_images() {
        for image in [
            "eclipse-temurin:21-jre-alpine",
            "mcr.microsoft.com/dotnet/aspnet:8.0",
            "node:20",
            "python:3.12",
            "ibm-semeru-runtimes:open-17-jre",
            "openjdk:${JAVA_TAG}",
            "scratch",
        ] {
            assert!(messages(&format!("FROM {image}\nCMD [\"x\"]\n")).is_empty(), "{image}");
        }
        let multi = "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n";
        assert!(messages(multi).is_empty());
    }
}
