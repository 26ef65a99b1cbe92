//! Accessors rules use to read an [`Instruction`].

use super::parse::heredoc_marker;
use super::words::{self, Lexer, Mode, Token};
use super::{shell, Arguments, Flag, Instruction, Keyword};

impl Keyword {
    /// The keyword for an instruction name, case-insensitively.
    pub fn from_name(name: &str) -> Keyword {
        match name.to_ascii_lowercase().as_str() {
            "from" => Keyword::From,
            "run" => Keyword::Run,
            "cmd" => Keyword::Cmd,
            "label" => Keyword::Label,
            "maintainer" => Keyword::Maintainer,
            "expose" => Keyword::Expose,
            "env" => Keyword::Env,
            "add" => Keyword::Add,
            "copy" => Keyword::Copy,
            "entrypoint" => Keyword::Entrypoint,
            "volume" => Keyword::Volume,
            "user" => Keyword::User,
            "workdir" => Keyword::Workdir,
            "arg" => Keyword::Arg,
            "onbuild" => Keyword::Onbuild,
            "stopsignal" => Keyword::Stopsignal,
            "healthcheck" => Keyword::Healthcheck,
            "shell" => Keyword::Shell,
            _ => Keyword::Unknown,
        }
    }
}

impl Instruction {
    /// The first flag called `name` (without dashes).
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|flag| flag.name == name)
    }

    pub fn flag_value(&self, name: &str) -> Option<&str> {
        self.flag(name)?.value.as_deref()
    }

    /// For ENV, ARG and LABEL: the key/value pairs, quotes removed. Handles
    /// `K=V K2="v 2"` and the legacy `ENV K some value`; an ARG without a
    /// default has value `None`. Other instructions give nothing.
    pub fn key_values(&self) -> Vec<(String, Option<String>)> {
        let legacy_allowed = match self.keyword {
            Keyword::Env | Keyword::Label => true,
            Keyword::Arg => false,
            _ => return Vec::new(),
        };
        let words = self.words();
        if legacy_allowed && words.first().is_some_and(|first| !first.contains('=')) {
            let value = (words.len() > 1).then(|| words[1..].join(" "));
            return vec![(words[0].clone(), value)];
        }
        words
            .into_iter()
            .map(|word| match word.split_once('=') {
                Some((key, value)) => (key.to_string(), Some(value.to_string())),
                None => (word, None),
            })
            .collect()
    }

    /// The argument words, split on whitespace with quotes removed; the array
    /// items for exec form.
    pub fn words(&self) -> Vec<String> {
        match &self.args {
            Arguments::Exec(items) => items.clone(),
            Arguments::Shell(text) => words::split(text),
        }
    }

    /// The shell script this instruction runs: the command of RUN, CMD,
    /// ENTRYPOINT and HEALTHCHECK (an exec array is joined with shell quoting),
    /// the trigger's script for ONBUILD, empty for the rest.
    ///
    /// RUN heredoc bodies are included when a shell runs them (`RUN <<EOF` or
    /// `RUN bash <<EOF`, and no non-shell `#!` line); a body fed to another
    /// program (`RUN python3 <<EOF`, `cat <<EOF > file`) is data, not script.
    pub fn script(&self) -> String {
        match self.keyword {
            Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Healthcheck => {}
            Keyword::Onbuild => return self.onbuild.as_ref().map(|inner| inner.script()).unwrap_or_default(),
            _ => return String::new(),
        }
        let text = match &self.args {
            Arguments::Exec(items) => return shell::join(items),
            Arguments::Shell(text) => text,
        };
        if self.heredocs.is_empty() {
            return text.clone();
        }
        let program = Lexer::new(text, Mode::Words).find_map(|token| match token {
            Token::Word(word) if heredoc_marker(&text[word.start..word.end]).is_none() => Some(word.text),
            _ => None,
        });
        let mut parts: Vec<&str> = Vec::new();
        if program.is_some() {
            parts.push(text);
        }
        if program.as_deref().is_none_or(shell::is_shell) {
            parts.extend(self.heredocs.iter().map(|h| h.body.as_str()).filter(|body| runs_in_shell(body)));
        }
        parts.join("\n")
    }
}

/// A heredoc body without a `#!` line, or with one naming a shell.
fn runs_in_shell(body: &str) -> bool {
    let Some(shebang) = body.lines().next().and_then(|line| line.strip_prefix("#!")) else {
        return true;
    };
    let mut words = shebang.split_whitespace();
    let interpreter = match words.next() {
        Some(env) if env.ends_with("/env") => words.find(|word| !word.starts_with('-')),
        first => first,
    };
    interpreter.is_some_and(shell::is_shell)
}
