//! Dockerfiles: rules see the parsed file plus what bosun knows of its build context.

pub mod rules;

use bosun_core::config::Config;
use bosun_syntax::dockerfile::{Dockerfile, Instruction, Keyword, Stage};
use bosun_syntax::Span;

/// File names that are Dockerfiles: `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`.
pub fn is_dockerfile_name(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    lower == "dockerfile"
        || lower == "containerfile"
        || lower.starts_with("dockerfile.")
        || lower.starts_with("containerfile.")
        || lower.ends_with(".dockerfile")
        || lower.ends_with(".containerfile")
}

pub struct DockerfileView<'a> {
    pub file: &'a Dockerfile,
    pub config: &'a Config,
    /// Whether a `.dockerignore` sits next to the Dockerfile; `None` when the
    /// Dockerfile came from stdin and the build context is unknown.
    pub has_dockerignore: Option<bool>,
}

impl<'a> DockerfileView<'a> {
    pub fn final_stage(&self) -> Option<&'a Stage> {
        self.file.final_stage()
    }

    /// The instructions of the final stage (what ends up in the image).
    pub fn final_instructions(&self) -> &'a [Instruction] {
        self.file.final_stage().map(|s| self.file.stage_instructions(s)).unwrap_or_default()
    }

    /// Every instruction with a given keyword, in any stage.
    pub fn all(&self, keyword: Keyword) -> impl Iterator<Item = &'a Instruction> {
        self.file.instructions.iter().filter(move |i| i.keyword == keyword)
    }

    /// Every RUN, including those under ONBUILD.
    pub fn runs(&self) -> impl Iterator<Item = &'a Instruction> {
        self.file.instructions.iter().filter_map(|i| match i.keyword {
            Keyword::Run => Some(i),
            Keyword::Onbuild => i.onbuild.as_deref().filter(|inner| inner.keyword == Keyword::Run),
            _ => None,
        })
    }

    /// Where to point findings about the image as a whole: the final FROM.
    pub fn final_from_span(&self) -> Span {
        self.final_stage().map_or(Span::line(1), |s| s.span)
    }
}
