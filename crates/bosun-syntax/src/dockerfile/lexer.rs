//! Physical lines to logical lines: parser directives, comments, escape-char
//! continuations and heredoc bodies.

use super::{clip, ParseError, MAX_LOGICAL_LINE};
use crate::Span;

/// One instruction's worth of text, continuations joined.
pub(crate) struct Logical {
    pub text: String,
    pub span: Span,
}

/// A cursor over the physical lines of a Dockerfile.
pub(crate) struct Lines<'a> {
    lines: Vec<&'a str>,
    /// Index of the next unread line.
    next: usize,
    escape: char,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Result<Self, ParseError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines: Vec<&str> = text.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line)).collect();
        let escape = directives(&lines)?;
        Ok(Lines { lines, next: 0, escape })
    }

    pub fn escape(&self) -> char {
        self.escape
    }

    /// The next instruction line, or `None` at the end of the file.
    pub fn next_logical(&mut self) -> Result<Option<Logical>, ParseError> {
        while self.lines.get(self.next).is_some_and(|line| is_blank_or_comment(line)) {
            self.next += 1;
        }
        let start = self.next;
        if start >= self.lines.len() {
            return Ok(None);
        }
        let mut text = String::new();
        let mut end;
        loop {
            let (content, continues) = strip_continuation(self.lines[self.next], self.escape);
            end = self.next;
            self.next += 1;
            let content = content.trim();
            if !content.is_empty() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(content);
            }
            if text.len() > MAX_LOGICAL_LINE {
                return Err(ParseError::new(
                    line_number(start),
                    format!("instruction is longer than {MAX_LOGICAL_LINE} bytes"),
                ));
            }
            if !continues {
                break;
            }
            // BuildKit skips comment and blank lines inside a continuation;
            // they do not end the instruction.
            while self.lines.get(self.next).is_some_and(|line| is_blank_or_comment(line)) {
                self.next += 1;
            }
            if self.next >= self.lines.len() {
                break;
            }
        }
        Ok(Some(Logical { text, span: Span::new(line_number(start), line_number(end)) }))
    }

    /// Reads a heredoc body up to its terminator line, returning the body and
    /// the terminator's line number. `opened_on` is reported when the file
    /// ends first.
    pub fn heredoc_body(
        &mut self,
        delimiter: &str,
        strip_tabs: bool,
        opened_on: u32,
    ) -> Result<(String, u32), ParseError> {
        let mut body = String::new();
        while let Some(&line) = self.lines.get(self.next) {
            let index = self.next;
            self.next += 1;
            let line = if strip_tabs { line.trim_start_matches('\t') } else { line };
            if line == delimiter {
                return Ok((body, line_number(index)));
            }
            body.push_str(line);
            body.push('\n');
            if body.len() > MAX_LOGICAL_LINE {
                return Err(ParseError::new(
                    opened_on,
                    format!("heredoc {} is longer than {MAX_LOGICAL_LINE} bytes", clip(delimiter)),
                ));
            }
        }
        Err(ParseError::new(opened_on, format!("unterminated heredoc: no line {} ends it", clip(delimiter))))
    }
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

fn is_blank_or_comment(line: &str) -> bool {
    let line = line.trim_start();
    line.is_empty() || line.starts_with('#')
}

/// Splits off a trailing escape character (trailing blanks after it allowed,
/// as BuildKit does); the flag says whether the line continues.
fn strip_continuation(line: &str, escape: char) -> (&str, bool) {
    match line.trim_end_matches([' ', '\t']).strip_suffix(escape) {
        Some(content) => (content, true),
        None => (line, false),
    }
}

/// The directives BuildKit knows. An unknown one is a plain comment and, like
/// any comment, ends the directive block.
const DIRECTIVES: &[&str] = &["syntax", "escape", "check"];

/// Reads the parser directives at the top of the file and returns the escape
/// character. Directives stop at the first line that is not one, so a
/// `# escape=` after a comment, blank line or instruction is just a comment.
fn directives(lines: &[&str]) -> Result<char, ParseError> {
    let mut escape = '\\';
    let mut seen: Vec<String> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some((key, value)) = directive(line) else { break };
        let key = key.to_ascii_lowercase();
        if !DIRECTIVES.contains(&key.as_str()) {
            break;
        }
        if seen.contains(&key) {
            return Err(ParseError::new(
                line_number(index),
                format!("only one {key} parser directive can be used"),
            ));
        }
        if key == "escape" {
            escape = match value {
                "\\" => '\\',
                "`" => '`',
                other => {
                    return Err(ParseError::new(
                        line_number(index),
                        format!("invalid escape character {:?}: must be \\ or `", clip(other)),
                    ))
                }
            };
        }
        seen.push(key);
    }
    Ok(escape)
}

/// `# key=value`, with a key of letters and digits starting with a letter.
fn directive(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.strip_prefix('#')?.split_once('=')?;
    let key = key.trim();
    let value = value.trim();
    let mut chars = key.chars();
    let valid_key =
        chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric());
    (valid_key && !value.is_empty()).then_some((key, value))
}
