//! Splitting the shell scripts of RUN/CMD/ENTRYPOINT into simple commands, so
//! rules can look at `apt-get install` or `curl .. | sh` without a full shell
//! parser. It is deliberately approximate: no expansion, no heredocs inside the
//! script, `case` and loops are only split, not understood.

use super::words::{Lexer, Mode, Token, Word};

/// `sh -c "sh -c '...'"` nests; deeper than this is not split further.
const MAX_NESTING: usize = 8;

/// Words that open or close a compound command. Removed from the front of a
/// command so `if apt-get update; then ...` shows `apt-get update`.
const RESERVED: &[&str] =
    &["!", "{", "}", "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "esac"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The words, quotes removed, leading `VAR=value` assignments dropped.
    pub words: Vec<String>,
    /// The command's output is piped (`|`, `|&`) into the next command.
    pub pipes_into_next: bool,
}

/// Split a shell script into simple commands on `&&`, `||`, `;`, `&`, `|`,
/// newlines, `(`/`)` and `{`/`}` grouping, respecting single/double quotes and
/// backslash escapes. Leading `VAR=value` assignments are stripped; wrappers
/// such as `sudo` and `env` are kept, since rules need to see them. The body
/// of `sh -c '...'` (or bash, dash, ...) is split too, and its commands follow
/// the `sh -c` command itself.
pub fn commands(script: &str) -> Vec<Command> {
    let mut out = Vec::new();
    split_into(script, 0, &mut out);
    out
}

fn split_into(script: &str, depth: usize, out: &mut Vec<Command>) {
    let mut words = Vec::new();
    for token in Lexer::new(script, Mode::Shell) {
        match token {
            Token::Word(word) => words.push(word),
            Token::Break { pipe } => finish(std::mem::take(&mut words), pipe, depth, out),
        }
    }
    finish(words, false, depth, out);
}

fn finish(words: Vec<Word>, pipes_into_next: bool, depth: usize, out: &mut Vec<Command>) {
    let command_start = words.iter().position(|word| !is_prefix(word)).unwrap_or(words.len());
    let words: Vec<String> = words.into_iter().skip(command_start).map(|word| word.text).collect();
    if words.is_empty() {
        return;
    }
    let inline = inline_script(&words).map(str::to_string);
    out.push(Command { words, pipes_into_next });
    if let Some(script) = inline.filter(|_| depth < MAX_NESTING) {
        split_into(&script, depth + 1, out);
    }
}

/// A reserved word or a `NAME=value` assignment before the command name.
fn is_prefix(word: &Word) -> bool {
    if word.plain && RESERVED.contains(&word.text.as_str()) {
        return true;
    }
    let Some((name, _)) = word.text.split_once('=') else { return false };
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The script of `sh -c SCRIPT` (options such as `-e`, `-o pipefail` or `-ec`
/// allowed before it), wherever the shell appears in the command, so
/// `sudo bash -c '...'` is covered.
fn inline_script(words: &[String]) -> Option<&str> {
    let shell_at = words.iter().position(|word| is_shell(word))?;
    let mut rest = words[shell_at + 1..].iter();
    let mut has_c = false;
    while let Some(word) = rest.next() {
        if word == "-o" || word == "+o" {
            rest.next();
        } else if let Some(options) = word.strip_prefix('-').or_else(|| word.strip_prefix('+')) {
            has_c |= word.starts_with('-') && !options.starts_with('-') && options.contains('c');
        } else {
            return has_c.then_some(word.as_str());
        }
    }
    None
}

/// A POSIX-style shell, by program name or path.
pub(crate) fn is_shell(word: &str) -> bool {
    let name = word.rsplit('/').next().unwrap_or(word);
    matches!(name, "sh" | "bash" | "dash" | "ash" | "zsh" | "ksh" | "mksh")
}

/// Exec-form words as one shell line, quoting where needed so that splitting
/// it again gives the same words.
pub(crate) fn join(words: &[String]) -> String {
    let quoted: Vec<String> = words
        .iter()
        .map(|word| {
            let safe = !word.is_empty()
                && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
            if safe {
                word.clone()
            } else {
                format!("'{}'", word.replace('\'', r"'\''"))
            }
        })
        .collect();
    quoted.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(script: &str) -> Vec<Vec<String>> {
        commands(script).into_iter().map(|command| command.words).collect()
    }

    #[test]
    fn curl_piped_to_sh() {
        let found = commands("curl -fsSL https://x.example/install.sh | sh");
        assert_eq!(
            found,
            vec![
                Command {
                    words: vec!["curl".into(), "-fsSL".into(), "https://x.example/install.sh".into()],
                    pipes_into_next: true
                },
                Command { words: vec!["sh".into()], pipes_into_next: false },
            ]
        );
        assert!(commands("curl x |& bash")[0].pipes_into_next);
        assert!(!commands("curl x || bash")[0].pipes_into_next);
    }

    #[test]
    fn and_lists_and_pinned_packages() {
        assert_eq!(
            words("apt-get update && apt-get install -y a=1 b"),
            vec![vec!["apt-get", "update"], vec!["apt-get", "install", "-y", "a=1", "b"],]
        );
    }

    #[test]
    fn separators_and_grouping() {
        assert_eq!(
            words("a; b & c\nd || (e) && { f; }"),
            vec![vec!["a"], vec!["b"], vec!["c"], vec!["d"], vec!["e"], vec!["f"]]
        );
        assert_eq!(
            words("if [ -f x ]; then sudo rm x; fi"),
            vec![vec!["[", "-f", "x", "]"], vec!["sudo", "rm", "x"]]
        );
    }

    #[test]
    fn quotes_escapes_and_comments() {
        assert_eq!(
            words(r#"echo "a && b" 'c | d' e\;f # g && h"#),
            vec![vec!["echo", "a && b", "c | d", "e;f"]]
        );
        assert_eq!(
            words("echo $(date | tr a b) `x | y` ${A:-a b}"),
            vec![vec!["echo", "$(date | tr a b)", "`x | y`", "${A:-a b}"]]
        );
        assert_eq!(words("a \\\n  b"), vec![vec!["a", "b"]]);
        assert_eq!(words("echo x 2>&1 >/dev/null"), vec![vec!["echo", "x", "2>&1", ">/dev/null"]]);
    }

    #[test]
    fn assignments_stripped_but_not_wrappers() {
        assert_eq!(
            words("DEBIAN_FRONTEND=noninteractive A=\"x y\" apt-get install z"),
            vec![vec!["apt-get", "install", "z"]]
        );
        assert_eq!(
            words("sudo env A=1 pip install x"),
            vec![vec!["sudo", "env", "A=1", "pip", "install", "x"]]
        );
        assert_eq!(words("FOO=bar"), Vec::<Vec<String>>::new());
        assert_eq!(words("'if' x"), vec![vec!["if", "x"]]);
    }

    #[test]
    fn shell_c_bodies_are_split() {
        assert_eq!(words("sh -c 'a && b'"), vec![vec!["sh", "-c", "a && b"], vec!["a"], vec!["b"]]);
        assert_eq!(
            words("sudo /bin/bash -o pipefail -ec \"curl x | sh\""),
            vec![
                vec!["sudo", "/bin/bash", "-o", "pipefail", "-ec", "curl x | sh"],
                vec!["curl", "x"],
                vec!["sh"],
            ]
        );
        assert_eq!(words("bash script.sh -c x"), vec![vec!["bash", "script.sh", "-c", "x"]]);
        assert!(commands("sh -c 'curl x | sh'")[1].pipes_into_next);
    }

    #[test]
    fn nesting_is_bounded() {
        let mut script = "true".to_string();
        // Quoting grows fourfold per level, so stay just past the limit.
        for _ in 0..MAX_NESTING + 2 {
            script = format!("sh -c {}", join(&[script]));
        }
        let found = commands(&script);
        assert_eq!(found.len(), MAX_NESTING + 1);
        assert!(found.iter().all(|command| command.words[0] == "sh"));
    }

    #[test]
    fn join_round_trips() {
        let items: Vec<String> = ["sh", "-c", "echo 'hi' && x=$HOME", ""].map(String::from).to_vec();
        let joined = join(&items);
        assert_eq!(joined, r#"sh -c 'echo '\''hi'\'' && x=$HOME' ''"#);
        assert_eq!(crate::dockerfile::words::split(&joined), items);
    }
}
