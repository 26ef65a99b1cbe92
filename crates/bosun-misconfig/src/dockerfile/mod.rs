//! Dockerfiles: rules see the parsed file plus what bosun knows of its build context.

pub mod commands;
pub mod packages;
pub mod rules;

use bosun_core::config::Config;
use bosun_syntax::dockerfile::{vars, Dockerfile, ImageRef, Instruction, Keyword, Stage};
use bosun_syntax::Span;
use std::collections::HashMap;

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

/// `Dockerfile.prod` is a Dockerfile, but so, by name, would be `dockerfile.rs`
/// or `dockerfile.md`. For any name but the canonical two, the content decides:
/// the first instruction must be one a Dockerfile can start with.
pub fn needs_content_check(file_name: &str) -> bool {
    !matches!(file_name.to_ascii_lowercase().as_str(), "dockerfile" | "containerfile")
}

/// True when the text starts (after comments and blank lines) like a Dockerfile.
pub fn looks_like_dockerfile(text: &str) -> bool {
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or_default();
    let keyword = first.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
    keyword == "FROM" || keyword == "ARG"
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

    /// A stage, then the earlier stage it builds on (`FROM <stage>`), and so on
    /// back to the stage whose base is an external image.
    pub fn lineage(&self, stage_index: usize) -> Vec<&'a Stage> {
        let mut chain = Vec::new();
        let mut current = self.file.stages.get(stage_index);
        while let Some(stage) = current {
            chain.push(stage);
            // A parent always comes earlier, which also bounds the walk.
            current =
                stage.from_stage.filter(|&parent| parent < stage.index).and_then(|p| self.file.stages.get(p));
        }
        chain
    }

    /// `text` with the variables `instruction` sees substituted: ARG and ENV
    /// values set before it in its stage, ENV values of the stages it builds
    /// on, and the global default of an `ARG NAME` redeclared without one.
    /// Variables the file does not set (build-time `--build-arg`s, the base
    /// image's ENV), or sets more than [`MAX_VARIABLE_LINES`] ENV/ARG lines
    /// back, stay as written.
    pub fn expand_at(&self, instruction: &Instruction, text: &str) -> String {
        if !text.contains('$') {
            return text.to_string();
        }
        expand_bounded(text, &self.variables_before(instruction))
    }

    fn variables_before(&self, instruction: &Instruction) -> HashMap<String, String> {
        let instructions = &self.file.instructions;
        let mut globals = HashMap::new();
        let global_args = self.file.global_args.iter().rev().take(MAX_VARIABLE_LINES).rev();
        for arg in global_args.filter_map(|&i| instructions.get(i)) {
            for (name, value) in arg.key_values() {
                if let Some(value) = value {
                    let value = expand_bounded(&value, &globals);
                    globals.insert(name, value);
                }
            }
        }
        // A FROM line sees the global ARGs only.
        let Some(stage_index) = instruction.stage.filter(|_| instruction.keyword != Keyword::From) else {
            return globals;
        };
        // ONBUILD triggers are not in the list; they see the whole stage.
        let position = instructions.iter().position(|i| std::ptr::eq(i, instruction));
        // The nearest ENV and ARG lines first: ARGs are scoped to their stage,
        // ENV carries over to the stages built on it.
        let mut setters = Vec::new();
        'stages: for stage in self.lineage(stage_index) {
            let own = stage.index == stage_index;
            let end = match position {
                Some(position) if own => position,
                _ => stage.instructions.end,
            };
            for index in (stage.instructions.start..end.min(instructions.len())).rev() {
                let keyword = instructions[index].keyword;
                if keyword == Keyword::Env || (own && keyword == Keyword::Arg) {
                    setters.push(&instructions[index]);
                    if setters.len() == MAX_VARIABLE_LINES {
                        break 'stages;
                    }
                }
            }
        }
        let mut values: HashMap<String, String> = HashMap::new();
        for setter in setters.into_iter().rev() {
            for (name, value) in setter.key_values() {
                let value = match value {
                    Some(value) => Some(expand_bounded(&value, &values)),
                    None => globals.get(&name).cloned(),
                };
                match value {
                    Some(value) => values.insert(name, value),
                    None => values.remove(&name),
                };
            }
        }
        values
    }

    /// Every image the build pulls, in file order: the base of each stage that
    /// does not build on an earlier stage, and images named by `COPY --from=`
    /// or `RUN --mount=from=`. Left out: `scratch`, references that still hold
    /// a variable, and `--from` values without `:`, `/` or `@`, which are
    /// stage names (or typos of one) as often as images.
    pub fn pulled_images(&self) -> Vec<PulledImage<'a>> {
        let mut pulled = Vec::new();
        for instruction in &self.file.instructions {
            if instruction.keyword == Keyword::From {
                let Some(stage) = instruction.stage.and_then(|i| self.file.stages.get(i)) else { continue };
                let base = &stage.base;
                if stage.from_stage.is_none()
                    && !base.is_scratch()
                    && !base.has_variable()
                    && !base.repository.is_empty()
                {
                    pulled.push(PulledImage { image: base.clone(), instruction });
                }
                continue;
            }
            for source in from_sources(instruction) {
                let reference = self.expand_at(instruction, source);
                let looks_like_image = reference.contains([':', '/', '@']);
                if looks_like_image
                    && !reference.contains('$')
                    && self.file.stage_by_ref(&reference).is_none()
                {
                    pulled.push(PulledImage { image: ImageRef::parse(&reference), instruction });
                }
            }
        }
        pulled
    }
}

/// How many ENV/ARG lines before an instruction [`DockerfileView::expand_at`]
/// reads. Real files have a few dozen; the bound keeps generated or hostile
/// files from costing a full rescan per expansion. Variables set farther back
/// stay as written, which rules treat as unknown.
const MAX_VARIABLE_LINES: usize = 128;

/// A substituted value longer than this is kept as written, so lines such as
/// `ARG B=$A$A` cannot double their way into gigabytes. The values rules
/// expand (image references, paths, ports, users) are far shorter.
const MAX_EXPANDED: usize = 1024;

fn expand_bounded(value: &str, known: &HashMap<String, String>) -> String {
    if !value.contains('$') {
        return value.to_string();
    }
    let expanded = vars::expand(value, &|name: &str| known.get(name).cloned());
    if expanded.len() > MAX_EXPANDED.max(value.len()) {
        value.to_string()
    } else {
        expanded
    }
}

/// An image the build pulls from a registry, and the instruction that names it.
pub struct PulledImage<'a> {
    pub image: ImageRef,
    pub instruction: &'a Instruction,
}

impl PulledImage<'_> {
    /// The reference as the build resolves it, e.g. `ghcr.io/acme/app:1.2`.
    pub fn reference(&self) -> String {
        reference_text(&self.image)
    }

    /// How the instruction uses the image: `FROM`, `COPY --from` or `RUN --mount`.
    pub fn usage(&self) -> &'static str {
        match self.instruction.keyword {
            Keyword::From => "FROM",
            Keyword::Run => "RUN --mount",
            _ => "COPY --from",
        }
    }
}

/// An image reference written out again: `[registry/]repository[:tag][@digest]`.
pub fn reference_text(image: &ImageRef) -> String {
    let mut text = image.registry.as_ref().map(|r| format!("{r}/")).unwrap_or_default();
    text.push_str(&image.repository);
    if let Some(tag) = &image.tag {
        text.push(':');
        text.push_str(tag);
    }
    if let Some(digest) = &image.digest {
        text.push('@');
        text.push_str(digest);
    }
    text
}

/// The stages or images an instruction reads files from, as written: the
/// `--from=` of COPY (and ADD), and the `from=` of each `RUN --mount`.
pub fn from_sources(instruction: &Instruction) -> Vec<&str> {
    match instruction.keyword {
        Keyword::Copy | Keyword::Add => instruction.flag_value("from").into_iter().collect(),
        Keyword::Run => instruction
            .flags
            .iter()
            .filter(|flag| flag.name == "mount")
            .filter_map(|flag| flag.value.as_deref())
            .filter_map(|mount| mount.split(',').find_map(|option| option.trim().strip_prefix("from=")))
            .collect(),
        _ => Vec::new(),
    }
}

/// The sources and the destination of a COPY or ADD (the destination is the
/// last argument). `None` for other instructions and for fewer than two
/// arguments. Heredoc sources appear as their `<<EOF` marker.
pub fn copy_paths(instruction: &Instruction) -> Option<(Vec<String>, String)> {
    if !matches!(instruction.keyword, Keyword::Copy | Keyword::Add) {
        return None;
    }
    let mut words = instruction.words();
    if words.len() < 2 {
        return None;
    }
    let destination = words.pop()?;
    Some((words, destination))
}
