//! Span-keeping parsers. Every value a parser returns remembers the lines it came
//! from, so a finding can point at the line to fix. Every parser has limits and
//! returns an error (never panics) on hostile input.

pub mod dockerfile;
pub mod yaml;

/// A line range in a source file, 1-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start_line: u32,
    pub end_line: u32,
}

impl Span {
    pub fn line(line: u32) -> Self {
        Span { start_line: line, end_line: line }
    }

    pub fn new(start_line: u32, end_line: u32) -> Self {
        Span { start_line, end_line: end_line.max(start_line) }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start_line.min(other.start_line), self.end_line.max(other.end_line))
    }
}
