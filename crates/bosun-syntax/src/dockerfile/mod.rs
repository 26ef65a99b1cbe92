//! Dockerfile parser that keeps line spans.
//!
//! It follows BuildKit's reading of a Dockerfile: parser directives at the top,
//! escape-character line continuations (skipping comment and blank lines inside
//! them), heredocs, exec versus shell form, ONBUILD triggers and multi-stage
//! builds. Anything a rule needs to point at carries the physical lines it came
//! from. Hostile input yields a [`ParseError`], never a panic or a hang.

mod image;
mod instruction;
mod json;
mod lexer;
mod parse;
pub mod shell;
mod stages;
pub mod vars;
mod words;

#[cfg(test)]
mod tests;

use std::fmt;
use std::ops::Range;

use crate::Span;

pub use image::ImageRef;

/// More instructions than this is not a Dockerfile anyone maintains by hand; the
/// cap keeps memory bounded on generated or hostile input.
pub(crate) const MAX_INSTRUCTIONS: usize = 10_000;

/// Upper bound for one logical line (continuations joined) and for one heredoc
/// body, in bytes.
pub(crate) const MAX_LOGICAL_LINE: usize = 1024 * 1024;

/// Parse a Dockerfile. Fails, naming the line, on what BuildKit would reject
/// at parse time (unknown instruction, instruction before the first FROM,
/// FROM without an image, unterminated heredoc, no FROM at all) and on input
/// past the size limits.
pub fn parse(text: &str) -> Result<Dockerfile, ParseError> {
    let mut lines = lexer::Lines::new(text)?;
    let escape = lines.escape();
    let mut instructions = Vec::new();
    while let Some(logical) = lines.next_logical()? {
        if instructions.len() == MAX_INSTRUCTIONS {
            return Err(ParseError::new(
                logical.span.start_line,
                format!("too many instructions (more than {MAX_INSTRUCTIONS})"),
            ));
        }
        let mut instruction = parse::instruction(&logical.text, logical.span)?;
        for heredoc in &mut instruction.heredocs {
            let (body, end_line) =
                lines.heredoc_body(&heredoc.delimiter, heredoc.strip_tabs, instruction.span.start_line)?;
            heredoc.body = body;
            instruction.span = instruction.span.join(Span::line(end_line));
        }
        instructions.push(instruction);
    }
    let (stages, global_args) = stages::assign(&mut instructions)?;
    Ok(Dockerfile { escape, instructions, stages, global_args })
}

/// Why a Dockerfile could not be parsed, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line the problem starts on.
    pub line: u32,
    pub message: String,
}

impl ParseError {
    pub(crate) fn new(line: u32, message: impl Into<String>) -> Self {
        ParseError { line, message: message.into() }
    }
}

/// Shortens text quoted in an error message, so junk input cannot produce a
/// megabyte-long message.
pub(crate) fn clip(text: &str) -> String {
    const LIMIT: usize = 40;
    match text.char_indices().nth(LIMIT) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_string(),
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dockerfile {
    /// The escape character from the `# escape=` directive; `\` by default.
    pub escape: char,
    /// All instructions in file order.
    pub instructions: Vec<Instruction>,
    /// One stage per FROM, in file order.
    pub stages: Vec<Stage>,
    /// Indices into `instructions` of the ARGs before the first FROM.
    pub global_args: Vec<usize>,
}

impl Dockerfile {
    /// The stage that produces the image (the last one).
    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// The instructions of `stage`, its FROM included.
    pub fn stage_instructions(&self, stage: &Stage) -> &[Instruction] {
        // A stage from another Dockerfile must not make this panic.
        self.instructions.get(stage.instructions.clone()).unwrap_or(&[])
    }

    pub fn is_final_stage(&self, stage_index: usize) -> bool {
        stage_index + 1 == self.stages.len()
    }

    /// The stage a `COPY --from=` value names: a stage name
    /// (case-insensitive) or a stage index.
    pub fn stage_by_ref(&self, reference: &str) -> Option<&Stage> {
        let by_name = self
            .stages
            .iter()
            .find(|stage| stage.name.as_deref().is_some_and(|name| name.eq_ignore_ascii_case(reference)));
        by_name.or_else(|| reference.parse::<usize>().ok().and_then(|index| self.stages.get(index)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub index: usize,
    /// The `AS name`, lowercased.
    pub name: Option<String>,
    /// The FROM image with global ARG defaults substituted.
    pub base: ImageRef,
    /// The FROM image as written.
    pub base_raw: String,
    /// The earlier stage this one builds on, when the image names one.
    pub from_stage: Option<usize>,
    /// The `--platform` flag as written.
    pub platform: Option<String>,
    /// The FROM line(s).
    pub span: Span,
    /// Indices into [`Dockerfile::instructions`], FROM included.
    pub instructions: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    pub keyword: Keyword,
    /// The keyword as written, e.g. `run`.
    pub keyword_raw: String,
    /// Leading `--name=value` / `--name` flags.
    pub flags: Vec<Flag>,
    pub args: Arguments,
    /// Heredoc bodies, for RUN, COPY and ADD in shell form.
    pub heredocs: Vec<Heredoc>,
    /// First to last physical line, continuations and heredoc bodies included.
    pub span: Span,
    /// Index of the stage; `None` for ARGs before the first FROM.
    pub stage: Option<usize>,
    /// The trigger of an ONBUILD, parsed; it shares the ONBUILD's span.
    pub onbuild: Option<Box<Instruction>>,
    /// The logical line after the keyword: continuation lines joined with a
    /// single space, comment lines inside the continuation dropped.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Keyword {
    From,
    Run,
    Cmd,
    Label,
    Maintainer,
    Expose,
    Env,
    Add,
    Copy,
    Entrypoint,
    Volume,
    User,
    Workdir,
    Arg,
    Onbuild,
    Stopsignal,
    Healthcheck,
    Shell,
    /// Not a Dockerfile instruction; [`parse`] rejects these, the variant lets
    /// [`Keyword::from_name`] answer for any word.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// The name without the leading dashes.
    pub name: String,
    /// The value after `=`, quotes removed; `None` for a bare `--name`.
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arguments {
    /// JSON array form, e.g. `CMD ["nginx", "-g", "daemon off;"]`.
    Exec(Vec<String>),
    /// Everything else: the rest of the line after the flags.
    Shell(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    /// The terminator word, quotes removed.
    pub delimiter: String,
    /// The lines between the marker and the terminator, each ending in `\n`
    /// (leading tabs removed for `<<-`).
    pub body: String,
    /// `<<-`: leading tabs are stripped from body lines and the terminator.
    pub strip_tabs: bool,
    /// The delimiter was quoted, so the body is not subject to expansion.
    pub quoted: bool,
}
