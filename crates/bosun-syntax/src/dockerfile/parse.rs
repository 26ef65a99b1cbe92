//! One logical line to an [`Instruction`]: keyword, flags, arguments, heredoc
//! markers and ONBUILD triggers. Heredoc bodies are filled in by the caller,
//! which owns the line cursor.

use super::words::{self, Lexer, Mode, Token};
use super::{clip, json, Arguments, Flag, Heredoc, Instruction, Keyword, ParseError};
use crate::Span;

pub(crate) fn instruction(text: &str, span: Span) -> Result<Instruction, ParseError> {
    let text = text.trim();
    let (keyword_raw, rest) = match text.find(|c: char| c.is_ascii_whitespace()) {
        Some(end) => (&text[..end], text[end..].trim_start()),
        None => (text, ""),
    };
    let keyword = Keyword::from_name(keyword_raw);
    if keyword == Keyword::Unknown {
        return Err(ParseError::new(span.start_line, format!("unknown instruction: {}", clip(keyword_raw))));
    }
    let (flags, args_text) = flags(rest);
    let args = arguments(keyword, args_text);
    let heredocs = match (&args, keyword) {
        (Arguments::Shell(shell), Keyword::Run | Keyword::Copy | Keyword::Add) => heredoc_markers(shell),
        _ => Vec::new(),
    };
    let onbuild = match keyword {
        Keyword::Onbuild => Some(Box::new(trigger(keyword_raw, args_text, span)?)),
        _ => None,
    };
    Ok(Instruction {
        keyword,
        keyword_raw: keyword_raw.to_string(),
        flags,
        args,
        heredocs,
        span,
        stage: None,
        onbuild,
        text: rest.to_string(),
    })
}

/// The instruction an ONBUILD wraps.
fn trigger(onbuild_raw: &str, text: &str, span: Span) -> Result<Instruction, ParseError> {
    if text.is_empty() {
        return Err(ParseError::new(span.start_line, format!("{onbuild_raw} needs an instruction to run")));
    }
    // Checked before parsing the trigger, so `ONBUILD ONBUILD ...` cannot
    // recurse deeply.
    let keyword = text.split(|c: char| c.is_ascii_whitespace()).next().unwrap_or_default();
    if matches!(Keyword::from_name(keyword), Keyword::Onbuild | Keyword::From | Keyword::Maintainer) {
        return Err(ParseError::new(
            span.start_line,
            format!("{} is not allowed as an ONBUILD trigger", clip(keyword)),
        ));
    }
    let mut inner = instruction(text, span)?;
    // BuildKit reads no heredocs for ONBUILD, so `<<EOF` there is plain text
    // and the following lines are instructions.
    inner.heredocs.clear();
    Ok(inner)
}

/// Leading `--name[=value]` words, and the text after them. A bare `--` ends
/// the flags and is dropped.
fn flags(text: &str) -> (Vec<Flag>, &str) {
    let mut flags = Vec::new();
    for token in Lexer::new(text, Mode::Words) {
        let Token::Word(word) = token else { continue };
        let Some(body) = word.text.strip_prefix("--").filter(|_| text[word.start..].starts_with("--")) else {
            return (flags, text[word.start..].trim_end());
        };
        if body.is_empty() {
            return (flags, text[word.end..].trim());
        }
        let (name, value) = match body.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (body, None),
        };
        flags.push(Flag { name: name.to_string(), value });
    }
    (flags, "")
}

fn arguments(keyword: Keyword, text: &str) -> Arguments {
    match keyword {
        Keyword::Run
        | Keyword::Cmd
        | Keyword::Entrypoint
        | Keyword::Shell
        | Keyword::Add
        | Keyword::Copy
        | Keyword::Volume => command_form(text),
        // `HEALTHCHECK [flags] CMD command`: the arguments are the command;
        // `HEALTHCHECK NONE` stays `Shell("NONE")`.
        Keyword::Healthcheck => match text.split_once(|c: char| c.is_ascii_whitespace()) {
            Some((cmd, command)) if cmd.eq_ignore_ascii_case("cmd") => command_form(command.trim()),
            _ => Arguments::Shell(text.to_string()),
        },
        _ => Arguments::Shell(text.to_string()),
    }
}

/// Exec form when the text is a JSON array of strings, shell form otherwise
/// (Docker falls back the same way, even for broken JSON).
fn command_form(text: &str) -> Arguments {
    match json::string_array(text) {
        Some(items) => Arguments::Exec(items),
        None => Arguments::Shell(text.to_string()),
    }
}

/// The heredocs a line opens, bodies still empty. Like BuildKit, only words
/// that start with `<<` count, so `cat<<EOF` or `"<<EOF"` do not.
fn heredoc_markers(text: &str) -> Vec<Heredoc> {
    Lexer::new(text, Mode::Words)
        .filter_map(|token| match token {
            Token::Word(word) => heredoc_marker(&text[word.start..word.end]),
            Token::Break { .. } => None,
        })
        .collect()
}

/// `[n]<<[-]WORD` as written, `WORD` possibly quoted.
pub(crate) fn heredoc_marker(raw: &str) -> Option<Heredoc> {
    let rest = raw.trim_start_matches(|c: char| c.is_ascii_digit()).strip_prefix("<<")?;
    let (strip_tabs, rest) = match rest.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    // `<<<` is a here-string, not a heredoc.
    if rest.contains('<') {
        return None;
    }
    let [delimiter] = <[String; 1]>::try_from(words::split(rest)).ok()?;
    if delimiter.is_empty() {
        return None;
    }
    Some(Heredoc { delimiter, body: String::new(), strip_tabs, quoted: rest.contains(['"', '\'']) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Instruction {
        instruction(text, Span::line(1)).unwrap()
    }

    #[test]
    fn flags_stop_at_the_first_argument() {
        let run =
            line("RUN --mount=type=cache,target=/root/.cache --network=none --link pip install --no-cache x");
        let names: Vec<&str> = run.flags.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["mount", "network", "link"]);
        assert_eq!(run.flag_value("mount"), Some("type=cache,target=/root/.cache"));
        assert_eq!(run.flag("link").map(|f| f.value.clone()), Some(None));
        assert_eq!(run.args, Arguments::Shell("pip install --no-cache x".into()));
        assert_eq!(
            run.text,
            "--mount=type=cache,target=/root/.cache --network=none --link pip install --no-cache x"
        );
    }

    #[test]
    fn quoted_flag_values_and_double_dash() {
        let copy = line(r#"COPY --chown="app user" -- --weird /dst"#);
        assert_eq!(copy.flag_value("chown"), Some("app user"));
        assert_eq!(copy.args, Arguments::Shell("--weird /dst".into()));
        assert!(line("RUN --").flags.is_empty());
        assert_eq!(line("RUN --").args, Arguments::Shell(String::new()));
    }

    #[test]
    fn exec_and_shell_forms() {
        assert_eq!(
            line(r#"CMD ["nginx", "-g", "daemon off;"]"#).args,
            Arguments::Exec(vec!["nginx".into(), "-g".into(), "daemon off;".into()])
        );
        assert_eq!(line("CMD [nginx]").args, Arguments::Shell("[nginx]".into()));
        assert_eq!(line(r#"ENV A=["x"]"#).args, Arguments::Shell(r#"A=["x"]"#.into()));
        assert_eq!(line(r#"VOLUME ["/data"]"#).args, Arguments::Exec(vec!["/data".into()]));
    }

    #[test]
    fn healthcheck_arguments_are_the_command() {
        let check = line("HEALTHCHECK --interval=5m --timeout=3s CMD curl -f http://localhost/ || exit 1");
        assert_eq!(check.flag_value("interval"), Some("5m"));
        assert_eq!(check.args, Arguments::Shell("curl -f http://localhost/ || exit 1".into()));
        let exec = line(r#"HEALTHCHECK cmd ["/bin/check"]"#);
        assert_eq!(exec.args, Arguments::Exec(vec!["/bin/check".into()]));
        assert_eq!(line("HEALTHCHECK NONE").args, Arguments::Shell("NONE".into()));
    }

    #[test]
    fn heredoc_markers_are_found() {
        let run = line(r#"RUN <<EOF cat <<-"TWO" 3<<'x' "<<NO" <<<here <<"""#);
        let found: Vec<(&str, bool, bool)> =
            run.heredocs.iter().map(|h| (h.delimiter.as_str(), h.strip_tabs, h.quoted)).collect();
        assert_eq!(found, [("EOF", false, false), ("TWO", true, true), ("x", false, true)]);
        assert!(line("CMD <<EOF").heredocs.is_empty());
        assert!(line(r#"RUN ["<<EOF"]"#).heredocs.is_empty());
        assert_eq!(line("COPY <<EOF /etc/conf").heredocs.len(), 1);
    }

    #[test]
    fn onbuild_wraps_an_instruction() {
        let onbuild = line("onbuild RUN --mount=type=ssh make <<EOF");
        let inner = onbuild.onbuild.as_deref().unwrap();
        assert_eq!(inner.keyword, Keyword::Run);
        assert_eq!(inner.flag_value("mount"), Some("type=ssh"));
        assert!(inner.heredocs.is_empty());
        assert_eq!(onbuild.keyword_raw, "onbuild");
        for bad in
            ["ONBUILD", "ONBUILD ONBUILD RUN x", "ONBUILD FROM x", "ONBUILD maintainer me", "ONBUILD NOPE"]
        {
            assert!(instruction(bad, Span::line(3)).is_err_and(|e| e.line == 3), "{bad}");
        }
        let deep = "ONBUILD ".repeat(100_000);
        assert!(instruction(&deep, Span::line(1)).is_err());
    }

    #[test]
    fn unknown_keyword_is_named() {
        let err = instruction("FORM alpine", Span::new(7, 8)).unwrap_err();
        assert_eq!(err.line, 7);
        assert!(err.message.contains("FORM"), "{}", err.message);
        let junk = "x".repeat(10_000);
        assert!(instruction(&junk, Span::line(1)).unwrap_err().message.len() < 100);
    }
}
