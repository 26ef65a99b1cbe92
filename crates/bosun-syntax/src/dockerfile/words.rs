//! Shell-style word splitting, shared by instruction arguments (flags, FROM,
//! ENV/ARG/LABEL pairs, heredoc markers) and the shell command splitter.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Only whitespace separates words, the way BuildKit splits instruction
    /// arguments; `&`, `|`, `;` and the like are ordinary characters.
    Words,
    /// Shell syntax: operators and newlines end commands, `#` starts a comment,
    /// `$(..)` and backticks stay inside one word.
    Shell,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// The word with quotes and escapes removed.
    pub text: String,
    /// No quoting or escaping was involved, so the word can be a reserved word
    /// such as `if` or `{`.
    pub plain: bool,
    /// In shell mode, the length of an unquoted redirection operator that
    /// starts the word (`2>&` of `2>&1`, `>>` of `>>log`); 0 for none.
    pub redirect_len: usize,
    /// Byte range of the word as written.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    Word(Word),
    /// A command separator; `pipe` for `|` and `|&`.
    Break {
        pipe: bool,
    },
}

pub(crate) struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    mode: Mode,
}

/// The words of `text` split on whitespace, quotes and escapes removed.
pub(crate) fn split(text: &str) -> Vec<String> {
    Lexer::new(text, Mode::Words)
        .filter_map(|token| match token {
            Token::Word(word) => Some(word.text),
            Token::Break { .. } => None,
        })
        .collect()
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str, mode: Mode) -> Self {
        Lexer { src, pos: 0, mode }
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn peek_second(&self) -> Option<char> {
        self.src[self.pos..].chars().nth(1)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn skip_blanks(&mut self) {
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\r' | '\x0b' | '\x0c' => self.pos += 1,
                '\n' if self.mode == Mode::Words => self.pos += 1,
                '\\' if self.mode == Mode::Shell && self.peek_second() == Some('\n') => self.pos += 2,
                '#' if self.mode == Mode::Shell => {
                    // Leave the newline: it still ends the command.
                    self.pos = self.src[self.pos..].find('\n').map_or(self.src.len(), |i| self.pos + i);
                }
                _ => break,
            }
        }
    }

    /// A shell operator at the current position, consumed.
    fn operator(&mut self) -> Option<Token> {
        let (len, pipe) = match (self.peek()?, self.peek_second()) {
            ('\n' | ';' | '(' | ')', _) => (1, false),
            ('&', Some('&')) | ('|', Some('|')) => (2, false),
            // `&>file` is a redirection, not a background `&`.
            ('&', Some('>')) => return None,
            ('&', _) => (1, false),
            ('|', Some('&')) => (2, true),
            ('|', _) => (1, true),
            _ => return None,
        };
        self.pos += len;
        Some(Token::Break { pipe })
    }

    fn ends_word(&self, c: char) -> bool {
        match c {
            ' ' | '\t' | '\r' | '\x0b' | '\x0c' | '\n' => true,
            ';' | '|' | '(' | ')' if self.mode == Mode::Shell => true,
            '&' if self.mode == Mode::Shell => self.peek_second() != Some('>'),
            _ => false,
        }
    }

    fn word(&mut self) -> Word {
        let start = self.pos;
        let mut text = String::new();
        let mut plain = true;
        let mut redirect_len = 0;
        while let Some(c) = self.peek() {
            // `arr=(a b)`: the array is part of the assignment word.
            if c == '(' && self.mode == Mode::Shell && plain && is_assignment_start(&text) {
                self.balanced(&mut text, '(', ')');
                continue;
            }
            // The first character is always taken, so every call makes progress.
            if self.pos > start && self.ends_word(c) {
                break;
            }
            self.pos += c.len_utf8();
            match c {
                '\\' => {
                    plain = false;
                    match self.bump() {
                        Some('\n') => {}
                        Some(escaped) => text.push(escaped),
                        None => text.push('\\'),
                    }
                }
                '\'' => {
                    plain = false;
                    let end = self.src[self.pos..].find('\'').map_or(self.src.len(), |i| self.pos + i);
                    text.push_str(&self.src[self.pos..end]);
                    self.pos = (end + 1).min(self.src.len());
                }
                '"' => {
                    plain = false;
                    self.double_quoted(&mut text);
                }
                '$' => {
                    text.push('$');
                    self.substitution(&mut text);
                }
                '`' if self.mode == Mode::Shell => {
                    text.push('`');
                    let end = self.src[self.pos..].find('`').map_or(self.src.len(), |i| self.pos + i + 1);
                    text.push_str(&self.src[self.pos..end]);
                    self.pos = end;
                }
                '<' | '>' if self.mode == Mode::Shell => {
                    let at_start = plain
                        && redirect_len == 0
                        && (text == "&" || text.chars().all(|d| d.is_ascii_digit()))
                        && self.peek() != Some('(');
                    text.push(c);
                    if at_start {
                        self.redirect_operator(&mut text, c);
                        redirect_len = text.len();
                        continue;
                    }
                    match self.peek() {
                        // Process substitution `<(cmd)` is one word.
                        Some('(') => self.balanced(&mut text, '(', ')'),
                        // `>&2`, `<&0`, `>|file`: part of the redirection.
                        Some(next @ ('&' | '|')) => {
                            text.push(next);
                            self.pos += 1;
                        }
                        _ => {}
                    }
                }
                _ => text.push(c),
            }
        }
        Word { text, plain, redirect_len, start, end: self.pos }
    }

    /// The rest of a redirection operator after its first `<` or `>`:
    /// `>>`, `>|`, `>&`, `<<`, `<<-`, `<<<`, `<>`, `<&`.
    fn redirect_operator(&mut self, text: &mut String, first: char) {
        let rest: &[&str] = match first {
            '<' => &["<<", "<-", "<", ">", "&"],
            _ => &[">", "|", "&"],
        };
        if let Some(more) = rest.iter().find(|more| self.src[self.pos..].starts_with(**more)) {
            text.push_str(more);
            self.pos += more.len();
        }
    }

    /// After a `$`: keeps `${..}` (and in shell mode `$(..)`) whole, so the
    /// spaces, quotes or operators inside do not split the word.
    fn substitution(&mut self, text: &mut String) {
        match self.peek() {
            Some('{') => self.balanced(text, '{', '}'),
            Some('(') if self.mode == Mode::Shell => self.balanced(text, '(', ')'),
            _ => {}
        }
    }

    /// Copies from an `open` character through its matching `close`, or to the
    /// end of input when it is unbalanced.
    fn balanced(&mut self, text: &mut String, open: char, close: char) {
        let mut depth = 0usize;
        while let Some(c) = self.bump() {
            text.push(c);
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth == 0 {
                    return;
                }
            }
        }
    }

    /// The inside of a double-quoted string, after the opening quote.
    fn double_quoted(&mut self, text: &mut String) {
        while let Some(c) = self.bump() {
            match c {
                '"' => return,
                // In double quotes a backslash only escapes these; elsewhere it
                // is an ordinary character.
                '\\' => match self.peek() {
                    Some('\n') => self.pos += 1,
                    Some(escaped @ ('$' | '`' | '"' | '\\')) => {
                        text.push(escaped);
                        self.pos += 1;
                    }
                    _ => text.push('\\'),
                },
                '$' => {
                    text.push('$');
                    self.substitution(text);
                }
                _ => text.push(c),
            }
        }
    }
}

/// `NAME=` or `NAME+=`, the start of an assignment whose value may be an array.
fn is_assignment_start(text: &str) -> bool {
    let Some(name) = text.strip_suffix('=') else { return false };
    let name = name.strip_suffix('+').unwrap_or(name);
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Iterator for Lexer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        self.skip_blanks();
        self.peek()?;
        if self.mode == Mode::Shell {
            if let Some(token) = self.operator() {
                return Some(token);
            }
        }
        Some(Token::Word(self.word()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_whitespace_and_removes_quotes() {
        assert_eq!(split(r#"a "b c" 'd e'f g\ h"#), ["a", "b c", "d ef", "g h"]);
        assert_eq!(split("  "), Vec::<String>::new());
        assert_eq!(split(r#"x="say \"hi\"" && y"#), ["x=say \"hi\"", "&&", "y"]);
    }

    #[test]
    fn keeps_braced_variables_whole() {
        assert_eq!(split("${A:-x y} b"), ["${A:-x y}", "b"]);
        assert_eq!(split("\"${A:-\"q\"}\""), ["${A:-\"q\"}"]);
    }

    #[test]
    fn reports_positions_and_plainness() {
        let words: Vec<Word> = Lexer::new("if 'if' x", Mode::Words)
            .filter_map(|t| match t {
                Token::Word(w) => Some(w),
                Token::Break { .. } => None,
            })
            .collect();
        assert!(words[0].plain);
        assert!(!words[1].plain);
        assert_eq!((words[1].start, words[1].end), (3, 7));
    }

    #[test]
    fn shell_mode_operators() {
        let tokens: Vec<Token> = Lexer::new("a|b 2>&1 &>/dev/null & c # x | y", Mode::Shell).collect();
        let shown: Vec<String> = tokens
            .iter()
            .map(|t| match t {
                Token::Word(w) => w.text.clone(),
                Token::Break { pipe: true } => "|".into(),
                Token::Break { pipe: false } => ";".into(),
            })
            .collect();
        assert_eq!(shown, ["a", "|", "b", "2>&1", "&>/dev/null", ";", "c"]);
    }

    #[test]
    fn unterminated_quotes_run_to_the_end() {
        assert_eq!(split("a 'b c"), ["a", "b c"]);
        assert_eq!(split("a \"b c\\"), ["a", "b c\\"]);
        assert_eq!(split("${a b"), ["${a b"]);
    }
}
