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

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Command {
    /// The words, quotes removed, without leading `VAR=value` assignments and
    /// redirections. Empty for a line of assignments only (`FOO=1 BAR=2`).
    pub words: Vec<String>,
    /// The command's output is piped (`|`, `|&`) into the next command.
    pub pipes_into_next: bool,
    /// Leading `NAME=value` assignments, values unquoted. An array assignment
    /// `arr=(a b)` keeps its value as written, parentheses included.
    pub assignments: Vec<(String, String)>,
    /// Redirections, in order, wherever they appear in the command.
    pub redirects: Vec<Redirect>,
}

/// An unquoted redirection such as `> /dev/null`, `2>&1` or `<<< "$x"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The operator with its file descriptor: `>`, `>>`, `2>`, `&>`, `<`,
    /// `<<<`, `2>&` (a dup, whose target is the descriptor, `1` or `-`).
    pub op: String,
    /// The target, quotes removed; empty when the script ends before it.
    pub target: String,
}

/// Split a shell script into simple commands on `&&`, `||`, `;`, `&`, `|`,
/// newlines, `(`/`)` and `{`/`}` grouping, respecting single/double quotes and
/// backslash escapes. Leading `VAR=value` assignments and unquoted
/// redirections are taken out of the words into their own fields; wrappers
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

fn finish(tokens: Vec<Word>, pipes_into_next: bool, depth: usize, out: &mut Vec<Command>) {
    let mut redirects = Vec::new();
    let mut plain_words = Vec::with_capacity(tokens.len());
    let mut tokens = tokens.into_iter();
    while let Some(mut word) = tokens.next() {
        if word.redirect_len == 0 {
            plain_words.push(word);
            continue;
        }
        let mut target = word.text.split_off(word.redirect_len);
        if target.is_empty() {
            target = tokens.next().map(|next| next.text).unwrap_or_default();
        }
        redirects.push(Redirect { op: word.text, target });
    }
    let mut assignments = Vec::new();
    let mut words = plain_words.into_iter().peekable();
    while let Some(word) = words.next_if(is_prefix) {
        if let Some((name, value)) = assignment(&word.text) {
            assignments.push((name.to_string(), value.to_string()));
        }
    }
    let words: Vec<String> = words.map(|word| word.text).collect();
    if words.is_empty() && assignments.is_empty() {
        // Nothing runs: `done < file` or `} > log` redirect a compound command.
        return;
    }
    let inline = inline_script(&words).map(str::to_string);
    out.push(Command { words, pipes_into_next, assignments, redirects });
    if let Some(script) = inline.filter(|_| depth < MAX_NESTING) {
        split_into(&script, depth + 1, out);
    }
}

/// A reserved word or a `NAME=value` assignment before the command name.
fn is_prefix(word: &Word) -> bool {
    (word.plain && RESERVED.contains(&word.text.as_str())) || assignment(&word.text).is_some()
}

/// The name and value of `NAME=value` (or `NAME+=value`, name without `+`).
fn assignment(text: &str) -> Option<(&str, &str)> {
    let (name, value) = text.split_once('=')?;
    let name = name.strip_suffix('+').unwrap_or(name);
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then_some((name, value))
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
                    pipes_into_next: true,
                    ..Command::default()
                },
                Command { words: vec!["sh".into()], ..Command::default() },
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
        assert_eq!(words("echo x 2>&1 >/dev/null"), vec![vec!["echo", "x"]]);
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
        assert_eq!(words("FOO=bar"), vec![Vec::<String>::new()]);
        assert_eq!(words("'if' x"), vec![vec!["if", "x"]]);
    }

    fn redirect(op: &str, target: &str) -> Redirect {
        Redirect { op: op.into(), target: target.into() }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect()
    }

    #[test]
    fn redirections_are_taken_out() {
        let found = commands("cmd > /dev/null 2>&1");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].words, ["cmd"]);
        assert_eq!(found[0].redirects, [redirect(">", "/dev/null"), redirect("2>&", "1")]);
        let found = commands("a 2>&1 | b");
        assert_eq!(found[0].words, ["a"]);
        assert_eq!(found[0].redirects, [redirect("2>&", "1")]);
        assert!(found[0].pipes_into_next);
        let found = commands("x >>log 2>/dev/null &>all <in <<<\"$s\" >& 2 3<&- 2>");
        assert_eq!(found[0].words, ["x"]);
        assert_eq!(
            found[0].redirects,
            [
                redirect(">>", "log"),
                redirect("2>", "/dev/null"),
                redirect("&>", "all"),
                redirect("<", "in"),
                redirect("<<<", "$s"),
                redirect(">&", "2"),
                redirect("3<&", "-"),
                redirect("2>", ""),
            ]
        );
        // Leading redirections, and ones between assignments and the command.
        let found = commands(">out A=1 2>err cmd arg");
        assert_eq!(found[0].words, ["cmd", "arg"]);
        assert_eq!(found[0].assignments, pairs(&[("A", "1")]));
        assert_eq!(found[0].redirects, [redirect(">", "out"), redirect("2>", "err")]);
    }

    #[test]
    fn quoted_operators_are_words() {
        let found = commands(r#"echo ">" '2>&1' \> a"<"b x2>y"#);
        assert_eq!(found[0].words, ["echo", ">", "2>&1", ">", "a<b", "x2>y"]);
        assert!(found[0].redirects.is_empty());
        assert_eq!(words("diff <(a) >(b)"), vec![vec!["diff", "<(a)", ">(b)"]]);
        assert_eq!(commands("cat < <(a)")[0].redirects, [redirect("<", "<(a)")]);
    }

    #[test]
    fn compound_redirections_make_no_command() {
        assert_eq!(
            words("while read x; do echo \"$x\"; done < file"),
            vec![vec!["read", "x"], vec!["echo", "$x"]]
        );
        assert_eq!(words("{ a; b; } > log 2>&1"), vec![vec!["a"], vec!["b"]]);
    }

    #[test]
    fn assignments_are_kept() {
        let found = commands("FOO=1 cmd x");
        assert_eq!(found[0].words, ["cmd", "x"]);
        assert_eq!(found[0].assignments, pairs(&[("FOO", "1")]));
        let found = commands("FOO=1");
        assert_eq!(found, [Command { assignments: pairs(&[("FOO", "1")]), ..Command::default() }]);
        let found = commands("FOO=1 BAR=\"a b\" && A+=x; if B='q' c; then :; fi");
        assert_eq!(found[0].words, Vec::<String>::new());
        assert_eq!(found[0].assignments, pairs(&[("FOO", "1"), ("BAR", "a b")]));
        assert_eq!(found[1].assignments, pairs(&[("A", "x")]));
        assert_eq!(found[2].words, ["c"]);
        assert_eq!(found[2].assignments, pairs(&[("B", "q")]));
        // Only leading words are assignments.
        assert!(commands("cmd FOO=1")[0].assignments.is_empty());
    }

    #[test]
    fn array_assignments_are_one_word() {
        let found = commands("arr=(a b) && pkgs+=(c \"d e\") cmd; x=( ) y");
        assert_eq!(found.len(), 3);
        assert_eq!(found[0], Command { assignments: pairs(&[("arr", "(a b)")]), ..Command::default() });
        assert_eq!(found[1].words, ["cmd"]);
        assert_eq!(found[1].assignments, pairs(&[("pkgs", "(c \"d e\")")]));
        assert_eq!(found[2].words, ["y"]);
        // A subshell is not an array.
        let found = commands("(a) b=c");
        assert_eq!(found[0].words, ["a"]);
        assert_eq!(found[1].assignments, pairs(&[("b", "c")]));
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
