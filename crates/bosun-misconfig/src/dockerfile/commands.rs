//! RUN scripts read as commands, for the rules that look at what a RUN does:
//! the program behind wrappers such as `sudo`, options and operands split the
//! way command-line tools read them, and the scope a RUN executes in (the
//! stage chain before it, its SHELL, its cache mounts).

use super::DockerfileView;
use bosun_syntax::dockerfile::shell;
use bosun_syntax::dockerfile::{Arguments, Instruction, Keyword};

/// A RUN (or the RUN trigger of an ONBUILD) and the commands of its script.
pub struct Run<'a> {
    pub instruction: &'a Instruction,
    /// Index of the RUN, or of the ONBUILD holding it, in the file's instructions.
    pub position: usize,
    pub commands: Vec<Cmd>,
}

/// One simple command, with wrappers (`sudo`, `env`, `nice`, ...) and
/// redirections (`> /dev/null`, `2>&1`, which the splitter takes out) off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cmd {
    /// The program without its directory: `apt-get` for `/usr/bin/apt-get`.
    pub program: String,
    pub args: Vec<String>,
    /// The wrappers the command ran under, by program name.
    pub wrappers: Vec<String>,
    /// Its output is piped into the next command.
    pub pipes_into_next: bool,
}

/// Programs that run the command that follows their own options.
const WRAPPERS: &[&str] = &[
    "sudo", "doas", "env", "nice", "nohup", "time", "exec", "command", "stdbuf", "timeout", "gosu", "su-exec",
];

/// Options of a wrapper that take the next word as their value.
fn wrapper_value_options(wrapper: &str) -> &'static [&'static str] {
    match wrapper {
        "sudo" => &["-u", "-g", "-p", "-C", "-D", "-r", "-t", "-T", "-U"],
        "doas" => &["-u", "-C"],
        "env" => &["-u", "-C"],
        "nice" => &["-n"],
        "timeout" => &["-s", "-k"],
        "stdbuf" => &["-i", "-o", "-e"],
        _ => &[],
    }
}

impl Cmd {
    /// `None` for a command that is only wrappers.
    pub fn from_command(command: shell::Command) -> Option<Cmd> {
        let words = command.words;
        let mut wrappers = Vec::new();
        let mut rest = &words[..];
        while let Some(first) = rest.first() {
            let name = basename(first);
            // `command -v curl` looks curl up; it does not run it.
            let lookup = name == "command" && rest.get(1).is_some_and(|flag| flag == "-v" || flag == "-V");
            if !WRAPPERS.contains(&name) || lookup {
                break;
            }
            wrappers.push(name.to_string());
            rest = skip_wrapper_options(name, &rest[1..]);
        }
        let (program, args) = rest.split_first()?;
        Some(Cmd {
            program: basename(program).to_string(),
            args: args.to_vec(),
            wrappers,
            pipes_into_next: command.pipes_into_next,
        })
    }

    pub fn is(&self, program: &str) -> bool {
        self.program == program
    }

    /// Splits the arguments into options and operands. `value_options` lists
    /// the options that take the next word as their value (`-o`, `--target`).
    pub fn parse(&self, value_options: &[&str]) -> Args<'_> {
        parse_args(&self.args, value_options)
    }

    /// Like [`Cmd::parse`], for the arguments from `start` on (after `-m pip`, say).
    pub fn parse_from(&self, start: usize, value_options: &[&str]) -> Args<'_> {
        parse_args(self.args.get(start..).unwrap_or_default(), value_options)
    }

    /// The command as it reads in a message: the program and its first `n`
    /// words, long words shortened.
    pub fn head(&self, n: usize) -> String {
        let mut text = self.program.clone();
        for word in self.args.iter().take(n) {
            text.push(' ');
            text.push_str(&clip(word));
        }
        text
    }

    /// The first argument that is a URL, for messages about downloads.
    pub fn url(&self) -> Option<&str> {
        self.args.iter().map(String::as_str).find(|arg| arg.contains("://"))
    }
}

fn skip_wrapper_options<'w>(wrapper: &str, mut rest: &'w [String]) -> &'w [String] {
    while let Some(word) = rest.first() {
        if word == "--" {
            return &rest[1..];
        }
        let is_option = word.starts_with('-') && word.len() > 1;
        let is_assignment = matches!(wrapper, "env" | "sudo") && is_assignment(word);
        if !is_option && !is_assignment {
            break;
        }
        let takes_value = is_option && wrapper_value_options(wrapper).contains(&word.as_str());
        rest = &rest[if takes_value { 2 } else { 1 }.min(rest.len())..];
    }
    // `timeout 60 cmd`, `gosu user cmd`: one operand before the command.
    if matches!(wrapper, "timeout" | "gosu" | "su-exec") && !rest.is_empty() {
        rest = &rest[1..];
    }
    rest
}

/// `NAME=value`.
pub fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The last path component: `bash` for `/bin/bash`.
pub fn basename(word: &str) -> &str {
    word.rsplit('/').next().unwrap_or(word)
}

/// A command's arguments split into options and operands.
#[derive(Debug, Default)]
pub struct Args<'c> {
    pub options: Vec<Opt<'c>>,
    pub operands: Vec<&'c str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opt<'c> {
    /// `--name` or `-x`, or a whole cluster of short flags such as `-fsSL`.
    pub name: &'c str,
    pub value: Option<&'c str>,
}

fn parse_args<'c>(words: &'c [String], value_options: &[&str]) -> Args<'c> {
    let mut args = Args::default();
    let mut words = words.iter().map(String::as_str);
    while let Some(word) = words.next() {
        if word == "--" {
            args.operands.extend(words.by_ref());
            break;
        }
        if let Some(long) = word.strip_prefix("--") {
            let option = match long.split_once('=') {
                Some((name, value)) => Opt { name: &word[..name.len() + 2], value: Some(value) },
                None if value_options.contains(&word) => Opt { name: word, value: words.next() },
                None => Opt { name: word, value: None },
            };
            args.options.push(option);
        } else if word.len() > 1 && word.starts_with('-') {
            let short = &word[..1 + word[1..].chars().next().map_or(0, char::len_utf8)];
            let option = if value_options.contains(&short) {
                let attached = &word[short.len()..];
                let value = if attached.is_empty() { words.next() } else { Some(attached) };
                Opt { name: short, value }
            } else {
                Opt { name: word, value: None }
            };
            args.options.push(option);
        } else {
            args.operands.push(word);
        }
    }
    args
}

impl<'c> Args<'c> {
    /// An option written exactly as one of `names` (`--yes`, `-y`).
    pub fn has(&self, names: &[&str]) -> bool {
        self.options.iter().any(|o| names.contains(&o.name))
    }

    /// A short flag, alone or inside a cluster: `y` matches `-y` and `-qy`.
    pub fn has_short(&self, letter: char) -> bool {
        self.short_count(letter) > 0
    }

    /// How often a short flag is given: `-qq` counts `q` twice.
    pub fn short_count(&self, letter: char) -> usize {
        self.options
            .iter()
            .filter(|o| !o.name.starts_with("--"))
            .map(|o| o.name[1..].chars().filter(|&c| c == letter).count())
            .sum()
    }

    /// The values given to any of `names`.
    pub fn values<'n>(&'n self, names: &'n [&'n str]) -> impl Iterator<Item = &'c str> + 'n {
        self.options.iter().filter(move |o| names.contains(&o.name)).filter_map(|o| o.value)
    }

    pub fn subcommand(&self) -> Option<&'c str> {
        self.operands.first().copied()
    }

    /// The operands after the subcommand.
    pub fn rest(&self) -> &[&'c str] {
        self.operands.get(1..).unwrap_or_default()
    }
}

/// A word shortened for a message.
pub fn clip(word: &str) -> String {
    const LIMIT: usize = 60;
    match word.char_indices().nth(LIMIT) {
        Some((end, _)) => format!("{}...", &word[..end]),
        None => word.to_string(),
    }
}

/// Names for a message: `a, b, c`, the first five, then how many more.
pub fn name_list(names: &[&str]) -> String {
    const SHOWN: usize = 5;
    let mut text = names.iter().take(SHOWN).copied().collect::<Vec<_>>().join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}

/// A word whose value is only known when the build runs: `$PKGS`, `$(cat x)`.
pub fn is_dynamic(word: &str) -> bool {
    word.contains('$') || word.contains('`')
}

/// Every RUN of the file in a POSIX shell, with its commands. RUNs under a
/// PowerShell or cmd SHELL, or on a Windows base image, are left out: their
/// scripts are not shell.
pub fn runs<'a>(view: &DockerfileView<'a>) -> Vec<Run<'a>> {
    let instructions = &view.file.instructions;
    let mut out = Vec::new();
    for (position, outer) in instructions.iter().enumerate() {
        let instruction = match outer.keyword {
            Keyword::Run => outer,
            Keyword::Onbuild => match outer.onbuild.as_deref() {
                Some(inner) if inner.keyword == Keyword::Run => inner,
                _ => continue,
            },
            _ => continue,
        };
        if !runs_in_posix_shell(view, instruction, position) {
            continue;
        }
        let commands =
            shell::commands(&instruction.script()).into_iter().filter_map(Cmd::from_command).collect();
        out.push(Run { instruction, position, commands });
    }
    out
}

fn runs_in_posix_shell(view: &DockerfileView, instruction: &Instruction, position: usize) -> bool {
    if matches!(instruction.args, Arguments::Exec(_)) {
        return true;
    }
    match effective_shell(view, position) {
        Some(shell) => shell.first().is_some_and(|program| !is_non_posix_shell(program)),
        None => !on_windows_base(view, position),
    }
}

fn is_non_posix_shell(program: &str) -> bool {
    let name = program.rsplit(['/', '\\']).next().unwrap_or(program).to_ascii_lowercase();
    ["pwsh", "powershell", "cmd"].iter().any(|shell| name == *shell || name.starts_with(&format!("{shell}.")))
}

fn on_windows_base(view: &DockerfileView, position: usize) -> bool {
    let Some(stage) = view.file.instructions[position].stage else { return false };
    let root = stage_chain(view, stage).last().map_or(stage, |&s| s);
    let base = &view.file.stages[root].base;
    let repository = base.repository.to_ascii_lowercase();
    repository.starts_with("windows/")
        || repository.contains("nanoserver")
        || repository.contains("servercore")
}

/// A stage followed by the earlier stages it builds on (`FROM <stage>`).
pub fn stage_chain(view: &DockerfileView, stage: usize) -> Vec<usize> {
    let mut chain = vec![stage];
    let mut current = stage;
    while let Some(parent) = view.file.stages.get(current).and_then(|s| s.from_stage).filter(|&p| p < current)
    {
        chain.push(parent);
        current = parent;
    }
    chain
}

/// Stages whose files end up in the image: the final stage and the stages it
/// builds on. A cache left in any other stage is thrown away with it.
pub fn shipped_stages(view: &DockerfileView) -> Vec<usize> {
    view.final_stage().map(|stage| stage_chain(view, stage.index)).unwrap_or_default()
}

impl Run<'_> {
    /// The RUN is in a stage whose files end up in the image.
    pub fn ships(&self, shipped: &[usize]) -> bool {
        self.instruction.stage.is_some_and(|stage| shipped.contains(&stage))
    }

    /// Targets of the RUN's `--mount=type=cache` and `--mount=type=tmpfs`
    /// flags: what is written there never lands in the layer.
    pub fn discarded_dirs(&self) -> Vec<String> {
        let mut dirs = Vec::new();
        for flag in self.instruction.flags.iter().filter(|f| f.name == "mount") {
            let Some(spec) = flag.value.as_deref() else { continue };
            let mut kind = "bind";
            let mut target = None;
            for field in spec.split(',') {
                match field.split_once('=') {
                    Some(("type", value)) => kind = value,
                    Some(("target" | "dst" | "destination", value)) => target = Some(value),
                    _ => {}
                }
            }
            if let Some(target) = target.filter(|_| matches!(kind, "cache" | "tmpfs")) {
                dirs.push(target.trim_end_matches('/').to_string());
            }
        }
        dirs
    }

    /// A cache or tmpfs mount covers `dir` (or a directory above it).
    pub fn discards(&self, dir: &str) -> bool {
        self.discarded_dirs().iter().any(|mount| dir == mount || dir.starts_with(&format!("{mount}/")))
    }

    /// After command `index`, some `rm` in this RUN deletes a path under one of `dirs`.
    pub fn removes_later(&self, index: usize, dirs: &[&str]) -> bool {
        self.commands[index + 1..].iter().filter(|c| c.is("rm")).any(|rm| {
            rm.parse(&[]).operands.iter().any(|path| {
                let path = path.trim_end_matches(['*', '/']);
                dirs.iter().any(|dir| path == *dir || path.starts_with(&format!("{dir}/")))
            })
        })
    }
}

/// Instructions that apply before the instruction at `position`: the earlier
/// ones of its stage (latest first), then those of the stages it builds on.
pub fn scope<'a>(view: &DockerfileView<'a>, position: usize) -> Vec<&'a Instruction> {
    let instructions = &view.file.instructions;
    let Some(stage) = instructions.get(position).and_then(|i| i.stage) else { return Vec::new() };
    let mut out = Vec::new();
    for (depth, index) in stage_chain(view, stage).into_iter().enumerate() {
        let range = view.file.stages[index].instructions.clone();
        let end = if depth == 0 { position.min(range.end) } else { range.end };
        out.extend(instructions.get(range.start..end).unwrap_or_default().iter().rev());
    }
    out
}

/// The words of the SHELL in effect at `position`, if any.
pub fn effective_shell(view: &DockerfileView, position: usize) -> Option<Vec<String>> {
    scope(view, position).into_iter().find(|i| i.keyword == Keyword::Shell).map(Instruction::words)
}

/// An ENV or ARG in scope gives `name` a value.
pub fn env_set(view: &DockerfileView, position: usize, name: &str) -> bool {
    scope(view, position)
        .into_iter()
        .filter(|i| matches!(i.keyword, Keyword::Env | Keyword::Arg))
        .flat_map(|i| i.key_values())
        .any(|(key, value)| key == name && value.is_some())
}

/// An earlier instruction in scope mentions `needle` (case-insensitively). For
/// settings written into config files (`echo 'APT::Install-Recommends "0";' > ...`),
/// where the words of the writing command say nothing structured.
pub fn scope_mentions(view: &DockerfileView, position: usize, needle: &str) -> bool {
    let needle = needle.to_ascii_lowercase();
    scope(view, position).into_iter().any(|i| i.script().to_ascii_lowercase().contains(&needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(script: &str) -> Cmd {
        let mut commands = shell::commands(script).into_iter().filter_map(Cmd::from_command);
        commands.next().unwrap()
    }

    #[test]
    fn wrappers_and_redirections_come_off() {
        let c = cmd("sudo -E -u root env A=1 /usr/bin/apt-get install -y curl > /dev/null 2>&1");
        assert_eq!(c.program, "apt-get");
        assert_eq!(c.args, ["install", "-y", "curl"]);
        assert_eq!(c.wrappers, ["sudo", "env"]);
        let c = cmd("timeout 30 gosu app pip install x 2>/dev/null");
        assert_eq!((c.program.as_str(), c.args.len()), ("pip", 2));
        assert_eq!(cmd("bash <(curl -s x)").args, ["<(curl -s x)"]);
        assert_eq!(cmd("command -v curl >/dev/null").program, "command");
        assert_eq!(cmd("command curl -fsSL x").program, "curl");
        assert_eq!(cmd("nice -n 5 timeout -s KILL 60 make -j4").args, ["-j4"]);
        assert_eq!(cmd("env -i PATH=/bin sh -c x").program, "sh");
    }

    #[test]
    fn options_and_operands() {
        let c = cmd("apt-get -o Dpkg::Options::=--force-confold install -yq --no-install-recommends a=1 b");
        let args = c.parse(&["-o"]);
        assert_eq!(args.subcommand(), Some("install"));
        assert_eq!(args.rest(), ["a=1", "b"]);
        assert!(args.has_short('y') && args.has_short('q') && !args.has_short('D'));
        assert!(args.has(&["--no-install-recommends"]));
        assert_eq!(args.values(&["-o"]).collect::<Vec<_>>(), ["Dpkg::Options::=--force-confold"]);
        let c = cmd("apk add -t.deps --repository=http://x gcc -- -odd");
        let args = c.parse(&["-t"]);
        assert_eq!(args.values(&["-t"]).next(), Some(".deps"));
        assert_eq!(args.values(&["--repository"]).next(), Some("http://x"));
        assert_eq!(args.operands, ["add", "gcc", "-odd"]);
    }
}
