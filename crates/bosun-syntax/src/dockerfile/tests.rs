//! Whole-file parser tests. The helpers (lexer, JSON, image, vars, shell) have
//! their own tests next to their code.

use super::*;

fn ok(text: &str) -> Dockerfile {
    match parse(text) {
        Ok(dockerfile) => dockerfile,
        Err(err) => panic!("{err}\n---\n{text}"),
    }
}

fn err(text: &str) -> ParseError {
    match parse(text) {
        Ok(dockerfile) => panic!("expected an error, got {dockerfile:#?}"),
        Err(err) => err,
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn minimal_file() {
    let df = ok("FROM alpine:3.19\n");
    assert_eq!(df.escape, '\\');
    assert_eq!(df.instructions.len(), 1);
    assert_eq!(df.stages.len(), 1);
    let stage = &df.stages[0];
    assert_eq!(stage.base, ImageRef::parse("alpine:3.19"));
    assert_eq!(stage.span, Span::line(1));
    assert_eq!(stage.instructions, 0..1);
    assert_eq!(df.instructions[0].stage, Some(0));
}

#[test]
fn keywords_are_case_insensitive() {
    let df = ok("from alpine\nRuN echo hi\nworkdir /app\n");
    let keywords: Vec<Keyword> = df.instructions.iter().map(|i| i.keyword).collect();
    assert_eq!(keywords, [Keyword::From, Keyword::Run, Keyword::Workdir]);
    assert_eq!(df.instructions[1].keyword_raw, "RuN");
    assert_eq!(df.instructions[1].text, "echo hi");
    assert_eq!(Keyword::from_name("HEALTHCHECK"), Keyword::Healthcheck);
    assert_eq!(Keyword::from_name("frm"), Keyword::Unknown);
}

#[test]
fn escape_directive() {
    let df = ok("# syntax=docker/dockerfile:1\n# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir C:\\ `\n  && echo done\n");
    assert_eq!(df.escape, '`');
    let run = &df.instructions[1];
    assert_eq!(run.text, "dir C:\\ && echo done");
    assert_eq!(run.span, Span::new(4, 5));
}

#[test]
fn directives_only_count_at_the_top() {
    let after_comment = ok("# a comment\n# escape=`\nFROM x\nRUN echo `\n");
    assert_eq!(after_comment.escape, '\\');
    assert_eq!(after_comment.instructions[1].text, "echo `");
    let after_blank = ok("\n#escape=`\nFROM x\n");
    assert_eq!(after_blank.escape, '\\');
    let spaced = ok("#  ESCAPE = ` \nFROM x\n");
    assert_eq!(spaced.escape, '`');
    let bad = err("# escape=x\nFROM x\n");
    assert_eq!(bad.line, 1);
    assert!(bad.message.contains("escape"), "{}", bad.message);
    assert_eq!(err("# escape=`\n# escape=\\\nFROM x\n").line, 2);
    // An unknown directive is a comment, so directives end there.
    assert_eq!(ok("# syntax=docker/dockerfile:1\n# check=skip=all\n# escape=`\nFROM x\n").escape, '`');
    assert_eq!(ok("# foo=bar\n# escape=`\nFROM x\n").escape, '\\');
}

#[test]
fn continuation_spans_and_text() {
    let text = "FROM debian\n\n# install\nRUN apt-get update && \\\n    apt-get install -y \\\n      curl\nUSER app\n";
    let df = ok(text);
    let run = &df.instructions[1];
    assert_eq!(run.span, Span::new(4, 6));
    assert_eq!(run.text, "apt-get update && apt-get install -y curl");
    assert_eq!(df.instructions[2].span, Span::line(7));
}

#[test]
fn continuation_skips_comments_and_blank_lines() {
    // Trailing blanks after the backslash still continue the line.
    let text = "FROM x\nRUN a \\  \n# comment inside\n\n   \n  b \\\t\n  # another\n  c\nCMD d\n";
    let df = ok(text);
    let run = &df.instructions[1];
    assert_eq!(run.text, "a b c");
    assert_eq!(run.span, Span::new(2, 8));
    assert_eq!(df.instructions[2].keyword, Keyword::Cmd);
    assert_eq!(df.instructions[2].span, Span::line(9));
}

#[test]
fn continuation_at_end_of_file() {
    let df = ok("FROM x\nRUN a \\\n# trailing comment\n");
    assert_eq!(df.instructions[1].text, "a");
    assert_eq!(df.instructions[1].span, Span::line(2));
}

#[test]
fn heredocs() {
    let text = "FROM x\nRUN <<EOF\napt-get update\n# not a comment\nFROM not-an-instruction\nEOF\nUSER app\n";
    let df = ok(text);
    let run = &df.instructions[1];
    assert_eq!(run.span, Span::new(2, 6));
    assert_eq!(
        run.heredocs,
        vec![Heredoc {
            delimiter: "EOF".into(),
            body: "apt-get update\n# not a comment\nFROM not-an-instruction\n".into(),
            strip_tabs: false,
            quoted: false,
        }]
    );
    assert_eq!(df.instructions.len(), 3);
    assert_eq!(df.instructions[2].span, Span::line(7));
}

#[test]
fn several_heredocs_tabs_and_quotes() {
    let text = "FROM x\nCOPY <<-\"A\" <<B /dst/\n\t\tfirst $X\n\tA\nsecond\n\tB\nB\nRUN true\n";
    let df = ok(text);
    let copy = &df.instructions[1];
    assert_eq!(copy.heredocs.len(), 2);
    assert_eq!(copy.heredocs[0].body, "first $X\n");
    assert!(copy.heredocs[0].strip_tabs && copy.heredocs[0].quoted);
    // Without `-` the tab is kept and `\tB` does not end the body.
    assert_eq!(copy.heredocs[1].body, "second\n\tB\n");
    assert!(!copy.heredocs[1].strip_tabs && !copy.heredocs[1].quoted);
    assert_eq!(copy.span, Span::new(2, 7));
    assert_eq!(df.instructions[2].span, Span::line(8));
}

#[test]
fn heredoc_after_continuation() {
    let df = ok("FROM x\nRUN --mount=type=cache,target=/c \\\n  <<EOF\necho hi\nEOF\n");
    let run = &df.instructions[1];
    assert_eq!(run.span, Span::new(2, 5));
    assert_eq!(run.heredocs[0].body, "echo hi\n");
    assert_eq!(run.flag_value("mount"), Some("type=cache,target=/c"));
}

#[test]
fn unterminated_heredoc() {
    let e = err("FROM x\n\nRUN <<EOF\necho hi\nEOFX\n");
    assert_eq!(e.line, 3);
    assert!(e.message.contains("unterminated heredoc"), "{}", e.message);
}

#[test]
fn exec_form_shell_form_and_fallback() {
    let df = ok("FROM x\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\nENTRYPOINT [\"a\", 'b']\nRUN [\"a\",\n");
    assert_eq!(df.instructions[1].args, Arguments::Exec(strings(&["nginx", "-g", "daemon off;"])));
    assert_eq!(df.instructions[2].args, Arguments::Shell("[\"a\", 'b']".into()));
    assert_eq!(df.instructions[3].args, Arguments::Shell("[\"a\",".into()));
}

#[test]
fn onbuild_trigger() {
    let df = ok("FROM x\nONBUILD COPY --chown=app . /src\n");
    let onbuild = &df.instructions[1];
    assert_eq!(onbuild.keyword, Keyword::Onbuild);
    let inner = onbuild.onbuild.as_deref().unwrap();
    assert_eq!(inner.keyword, Keyword::Copy);
    assert_eq!(inner.flag_value("chown"), Some("app"));
    assert_eq!(inner.span, onbuild.span);
    assert_eq!(inner.stage, Some(0));
}

#[test]
fn multistage_build() {
    let text = "\
ARG GO=1.22
ARG BASE=alpine
ARG TAG
FROM --platform=$BUILDPLATFORM golang:${GO} AS Build
WORKDIR /src
RUN go build -o /app
FROM build AS test
RUN go test ./...
FROM ${BASE}:${TAG:-3.19}
COPY --from=build /app /app
FROM $REGISTRY/runtime:$TAG
ENTRYPOINT [\"/app\"]
";
    let df = ok(text);
    assert_eq!(df.global_args, vec![0, 1, 2]);
    assert_eq!(df.instructions[0].stage, None);
    assert_eq!(df.stages.len(), 4);

    let build = &df.stages[0];
    assert_eq!(build.name.as_deref(), Some("build"));
    assert_eq!(build.base_raw, "golang:${GO}");
    assert_eq!(build.base, ImageRef::parse("golang:1.22"));
    assert_eq!(build.platform.as_deref(), Some("$BUILDPLATFORM"));
    assert_eq!(build.span, Span::line(4));
    assert_eq!(build.instructions, 3..6);
    assert_eq!(build.from_stage, None);

    let test = &df.stages[1];
    assert_eq!(test.from_stage, Some(0));
    assert_eq!(test.instructions, 6..8);

    let runtime = &df.stages[2];
    assert_eq!(runtime.base, ImageRef::parse("alpine:3.19"));
    assert_eq!(runtime.name, None);
    assert_eq!(df.instructions[9].flag_value("from"), Some("build"));
    assert_eq!(df.instructions[9].stage, Some(2));

    let last = &df.stages[3];
    assert!(last.base.has_variable(), "{:?}", last.base);
    assert_eq!(last.base.tag.as_deref(), Some("$TAG"));
    assert!(df.is_final_stage(3));
    assert!(!df.is_final_stage(2));
    assert_eq!(df.final_stage().map(|s| s.index), Some(3));
    let final_instructions = df.stage_instructions(df.final_stage().unwrap());
    assert_eq!(final_instructions.len(), 2);
    assert_eq!(final_instructions[1].keyword, Keyword::Entrypoint);

    assert_eq!(df.stage_by_ref("BUILD").map(|s| s.index), Some(0));
    assert_eq!(df.stage_by_ref("2").map(|s| s.index), Some(2));
    assert!(df.stage_by_ref("7").is_none());
}

#[test]
fn global_args_chain_and_later_args_do_not_leak() {
    let text =
        "ARG REG=ghcr.io\nARG IMG=${REG}/org/app\nARG IMG\nFROM $IMG:1\nARG REG=other.io\nFROM ${REG}/x\n";
    let df = ok(text);
    assert_eq!(df.stages[0].base, ImageRef::parse("ghcr.io/org/app:1"));
    assert_eq!(df.stages[1].base.registry.as_deref(), Some("ghcr.io"));
}

#[test]
fn crlf_and_bom() {
    let df = ok("\u{feff}# escape=`\r\nFROM alpine\r\nRUN echo a `\r\n  b\r\nRUN <<EOF\r\nx\r\nEOF\r\n");
    assert_eq!(df.escape, '`');
    assert_eq!(df.instructions[1].text, "echo a b");
    assert_eq!(df.instructions[1].span, Span::new(3, 4));
    assert_eq!(df.instructions[2].heredocs[0].body, "x\n");
    assert_eq!(df.instructions[2].span, Span::new(5, 7));
}

#[test]
fn errors_name_line_and_reason() {
    let before_from = err("# c\nRUN echo\nFROM x\n");
    assert_eq!(before_from.line, 2);
    assert!(before_from.message.contains("before the first FROM"), "{}", before_from.message);

    let unknown = err("FROM x\n\nFORM y\n");
    assert_eq!(unknown.line, 3);
    assert!(unknown.message.contains("FORM"), "{}", unknown.message);

    let no_image = err("FROM x\nFROM --platform=linux/amd64\n");
    assert_eq!(no_image.line, 2);
    assert!(no_image.message.contains("FROM"), "{}", no_image.message);
    assert_eq!(err("FROM a b\n").line, 1);

    for empty in ["", "\n\n", "# only a comment\n", "ARG A=1\n"] {
        let none = err(empty);
        assert_eq!(none.message, "no FROM instruction");
        assert_eq!(none.line, 1);
    }
    assert_eq!(err("").to_string(), "line 1: no FROM instruction");
}

#[test]
fn key_values() {
    let df = ok("ARG A B=2 C=\"x y\"\nFROM x\nENV PATH=/bin:$PATH LANG=C.UTF-8\nENV LEGACY some  value\nLABEL \"org.x\"=\"v 1\" k=\nEXPOSE 80\n");
    let pairs = |i: usize| df.instructions[i].key_values();
    let some = |s: &str| Some(s.to_string());
    assert_eq!(pairs(0), vec![("A".into(), None), ("B".into(), some("2")), ("C".into(), some("x y"))]);
    assert_eq!(pairs(2), vec![("PATH".into(), some("/bin:$PATH")), ("LANG".into(), some("C.UTF-8"))]);
    assert_eq!(pairs(3), vec![("LEGACY".into(), some("some value"))]);
    assert_eq!(pairs(4), vec![("org.x".into(), some("v 1")), ("k".into(), some(""))]);
    assert!(pairs(5).is_empty());
}

#[test]
fn words_and_scripts() {
    let text = "\
FROM x
RUN apt-get install -y \"a b\" && rm -rf /var/lib/apt/lists/*
CMD [\"sh\", \"-c\", \"echo $HOME && exec app\"]
RUN <<EOF
curl -fsSL https://x.example | sh
EOF
RUN python3 <<EOF
import os
EOF
RUN <<EOF
#!/usr/bin/env python3
print(1)
EOF
EXPOSE 80 443/udp
ONBUILD RUN make
HEALTHCHECK CMD curl -f http://localhost/
";
    let df = ok(text);
    let i = &df.instructions;
    assert_eq!(
        i[1].words(),
        strings(&["apt-get", "install", "-y", "a b", "&&", "rm", "-rf", "/var/lib/apt/lists/*"])
    );
    assert_eq!(i[1].script(), "apt-get install -y \"a b\" && rm -rf /var/lib/apt/lists/*");
    assert_eq!(i[2].words(), strings(&["sh", "-c", "echo $HOME && exec app"]));
    assert_eq!(i[2].script(), "sh -c 'echo $HOME && exec app'");
    let inner: Vec<Vec<String>> = shell::commands(&i[2].script()).into_iter().map(|c| c.words).collect();
    assert_eq!(inner[1..], [strings(&["echo", "$HOME"]), strings(&["exec", "app"])]);
    assert_eq!(i[3].script(), "curl -fsSL https://x.example | sh\n");
    assert_eq!(i[4].script(), "python3 <<EOF");
    assert_eq!(i[5].script(), "");
    assert_eq!(i[6].words(), strings(&["80", "443/udp"]));
    assert_eq!(i[6].script(), "");
    assert_eq!(i[7].script(), "make");
    assert_eq!(i[8].script(), "curl -f http://localhost/");
}

#[test]
fn too_many_instructions() {
    let mut text = String::from("FROM x\n");
    text.push_str(&"USER a\n".repeat(MAX_INSTRUCTIONS));
    let e = err(&text);
    assert_eq!(e.line, u32::try_from(MAX_INSTRUCTIONS + 1).unwrap());
    assert!(e.message.contains("too many"), "{}", e.message);
    let fits = "USER a\n".repeat(MAX_INSTRUCTIONS - 1);
    assert_eq!(ok(&format!("FROM x\n{fits}")).instructions.len(), MAX_INSTRUCTIONS);
}

#[test]
fn hostile_long_line() {
    let text = format!("FROM x\nRUN {}\n", "a".repeat(2 * 1024 * 1024));
    let e = err(&text);
    assert_eq!(e.line, 2);
    assert!(e.message.contains("longer than"), "{}", e.message);
    let continued = format!(
        "FROM x\nRUN a{}\n",
        " \\\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".repeat(20_000)
    );
    assert_eq!(err(&continued).line, 2);
    let heredoc = format!("FROM x\nRUN <<EOF\n{}EOF\n", "y".repeat(1024).repeat(1100) + "\n");
    assert_eq!(err(&heredoc).line, 2);
}

#[test]
fn hostile_nested_continuations() {
    let text = format!("FROM x\nRUN echo \\\n{}end\n", "  a \\\n".repeat(1000));
    let df = ok(&text);
    assert_eq!(df.instructions[1].span, Span::new(2, 1003));
    assert_eq!(df.instructions[1].words().len(), 1002);
}

#[test]
fn hostile_variable_blow_up_is_bounded() {
    let mut text = format!("ARG A={}\n", "x".repeat(1000));
    for n in 0..40 {
        text.push_str(&format!("ARG A{n}=$A$A$A$A\nARG A=$A{n}\n"));
    }
    text.push_str("FROM $A\n");
    let df = ok(&text);
    assert!(df.stages[0].base.repository.len() <= 4096 * 4);
}

/// A small deterministic generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn hostile_random_bytes() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..200 {
        let len = rng.below(4096);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let text = String::from_utf8_lossy(&bytes);
        if let Err(e) = parse(&text) {
            assert!(e.line >= 1);
            assert!(!e.message.is_empty());
        }
    }
    assert!(parse("\u{0}\u{1}\u{fffd}\u{7f}\n\u{feff}").is_err());
}

/// Stands in for a fuzzer in `cargo test`: mutates real Dockerfile lines and
/// checks that parsing terminates without panicking and that whatever it
/// returns is self-consistent.
#[test]
fn property_mutated_dockerfiles() {
    const LINES: &[&str] = &[
        "FROM alpine:3.19 AS base\n",
        "FROM base\n",
        "FROM --platform=$P ${IMG:-x}\n",
        "ARG IMG=nginx\n",
        "RUN apt-get update && \\\n  apt-get install -y curl\n",
        "RUN <<EOF\necho hi\nEOF\n",
        "RUN <<-EOF cat <<'X'\n\tbody\n\tEOF\nX\n",
        "COPY --from=0 --chown=a:b . /x\n",
        "CMD [\"a\", \"b\\u0041\"]\n",
        "ENTRYPOINT [\"a\",\n",
        "ENV A=1 B=\"2 3\"\n",
        "ENV A b c\n",
        "LABEL a=b\n",
        "ONBUILD RUN x\n",
        "HEALTHCHECK --interval=1s CMD [\"x\"]\n",
        "# comment\n",
        "\n",
    ];
    const FRAGMENTS: &[&str] = &[
        "\\\n",
        "`\n",
        "\n",
        "\r\n",
        "\u{feff}",
        " <<EOF",
        "\nEOF\n",
        "${A:-${B",
        " sh -c 'a | b'",
        "\"",
        "'",
        "[",
        "]",
        "# escape=`\n",
        "#",
        " \\ ",
        "--",
        "=",
        "\t",
    ];
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut parsed = 0;
    for _ in 0..20_000 {
        let mut text = String::new();
        if rng.below(4) > 0 {
            text.push_str("FROM x\n");
        }
        for _ in 0..rng.below(10) {
            text.push_str(LINES[rng.below(LINES.len())]);
        }
        for _ in 0..rng.below(4) {
            let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let at = boundaries[rng.below(boundaries.len())];
            match rng.below(3) {
                0 => text.insert_str(at, FRAGMENTS[rng.below(FRAGMENTS.len())]),
                1 => text.insert(at, char::from_u32(rng.below(0x300) as u32).unwrap_or('x')),
                _ => text.truncate(at),
            }
        }
        match parse(&text) {
            Ok(df) => {
                parsed += 1;
                check_consistent(&df, &text);
            }
            Err(e) => assert!(e.line >= 1 && !e.message.is_empty()),
        }
    }
    assert!(parsed > 4000, "only {parsed} inputs parsed; the generator is too hostile to test much");
}

fn check_consistent(df: &Dockerfile, text: &str) {
    let lines = u32::try_from(text.split('\n').count()).unwrap();
    assert!(!df.stages.is_empty());
    let mut last_end = 0;
    for instruction in &df.instructions {
        assert!(instruction.span.start_line > last_end, "{text:?}");
        assert!(instruction.span.end_line <= lines, "{text:?}");
        last_end = instruction.span.end_line;
        let _ = (instruction.words(), instruction.key_values(), shell::commands(&instruction.script()));
    }
    for stage in &df.stages {
        let instructions = df.stage_instructions(stage);
        assert_eq!(instructions[0].keyword, Keyword::From);
        assert!(instructions.iter().all(|i| i.stage == Some(stage.index)));
    }
}
