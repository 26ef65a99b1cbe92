use crate::dockerfile::commands::{clip, is_assignment, runs, Cmd};
use crate::dockerfile::packages::PipCall;
use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::{shell, Keyword};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF047",
        name: "tls-verification-disabled",
        title: "TLS certificate checks are turned off for downloads",
        severity: Severity::High,
        domain: Domain::Dockerfile,
        checklist: &["img.trusted-base", "img.lint"],
        aliases: &[
            "CKV2_DOCKER_2",
            "CKV2_DOCKER_3",
            "CKV2_DOCKER_4",
            "CKV2_DOCKER_5",
            "CKV2_DOCKER_6",
            "CKV2_DOCKER_12",
            "CKV2_DOCKER_13",
            "CKV2_DOCKER_14",
            "CKV2_DOCKER_15",
            "CKV2_DOCKER_16",
        ],
        rationale: "`curl -k`, `wget --no-check-certificate`, `pip --trusted-host`, `npm config set strict-ssl \
                    false`, `git -c http.sslVerify=false` and variables such as NODE_TLS_REJECT_UNAUTHORIZED=0 \
                    accept any certificate, so anyone on the network path can swap what the build \
                    downloads. Set with ENV, the setting also weakens the running application.",
        remediation: "Keep certificate checks on; for an internal CA, add its certificate to the trust store \
                      (COPY it to /usr/local/share/ca-certificates and run update-ca-certificates).",
        bad_example: "FROM debian:12.5\nRUN curl -fsSLk -o /usr/local/bin/tool https://downloads.example.com/tool-1.2.3 \\\n && chmod 0755 /usr/local/bin/tool\n",
        good_example: "FROM debian:12.5\nCOPY corp-ca.crt /usr/local/share/ca-certificates/corp-ca.crt\nRUN update-ca-certificates \\\n && curl -fsSL -o /usr/local/bin/tool https://downloads.example.com/tool-1.2.3 \\\n && chmod 0755 /usr/local/bin/tool\n",
    },
    check: Check::Dockerfile(check),
};

const CURL_VALUE_OPTIONS: &[&str] = &[
    "-o",
    "-H",
    "-d",
    "-X",
    "-u",
    "-A",
    "-e",
    "-b",
    "-c",
    "-T",
    "-F",
    "-m",
    "-w",
    "-x",
    "-y",
    "-Y",
    "-z",
    "-C",
    "-E",
    "-K",
    "-r",
    "-U",
    "-Q",
    "--output",
    "--header",
    "--data",
    "--request",
    "--user",
    "--user-agent",
    "--referer",
    "--cookie",
    "--cookie-jar",
    "--upload-file",
    "--form",
    "--max-time",
    "--write-out",
    "--proxy",
    "--cacert",
    "--cert",
    "--key",
    "--output-dir",
    "--url",
    "--resolve",
    "--retry",
    "--connect-timeout",
    "--config",
];

fn check(view: &DockerfileView, hits: &mut Hits) {
    for run in runs(view) {
        let from_commands = run.commands.iter().filter_map(command_finding);
        let from_variables = assignments_in(&run.instruction.script())
            .into_iter()
            .filter_map(|(name, value)| variable_finding(&name, &value));
        if let Some(message) = from_commands.chain(from_variables).next() {
            hits.push(run.instruction.span, message);
        }
    }
    for instruction in
        view.file.instructions.iter().filter(|i| matches!(i.keyword, Keyword::Env | Keyword::Arg))
    {
        for (name, value) in instruction.key_values() {
            if let Some(message) = value.and_then(|value| variable_finding(&name, &value)) {
                hits.push(instruction.span, format!("{} {message}", instruction.keyword_raw.to_uppercase()));
            }
        }
    }
}

fn command_finding(cmd: &Cmd) -> Option<String> {
    let switch = match cmd.program.as_str() {
        "curl" => {
            let args = cmd.parse(CURL_VALUE_OPTIONS);
            let long =
                ["--insecure", "--proxy-insecure", "--doh-insecure"].into_iter().find(|o| args.has(&[o]));
            long.or(args.has_short('k').then_some("-k"))
        }
        "wget" => cmd.parse(&[]).has(&["--no-check-certificate"]).then_some("--no-check-certificate"),
        "git" => git_ssl_off(cmd).then_some("http.sslVerify=false"),
        "npm" | "yarn" | "pnpm" => strict_ssl_off(cmd).then_some("strict-ssl=false"),
        "apt-get" | "apt" => {
            let off = cmd.parse(&["-o", "--option"]).values(&["-o", "--option"]).any(|o| {
                let o = o.to_ascii_lowercase();
                (o.contains("::verify-peer=") || o.contains("::verify-host="))
                    && is_false(o.rsplit('=').next().unwrap_or(""))
            });
            off.then_some("-o Acquire::https::Verify-Peer=false")
        }
        "yum" | "dnf" | "microdnf" | "tdnf" | "yum-config-manager" => {
            let off = cmd.parse(&[]).values(&["--setopt"]).any(|setting| {
                setting.split_once('=').is_some_and(|(key, value)| {
                    key.to_ascii_lowercase().ends_with("sslverify") && is_false(value)
                })
            });
            off.then_some("--setopt=sslverify=0")
        }
        _ => PipCall::of(cmd).and_then(|pip| {
            let config = pip.args.subcommand() == Some("config")
                && pip.args.rest().iter().any(|key| key.ends_with(".trusted-host"));
            (pip.args.has(&["--trusted-host"]) || config).then_some("--trusted-host")
        }),
    }?;
    let target = cmd.url().map(|url| format!(" for {}", clip(url))).unwrap_or_default();
    Some(format!("`{} {switch}` turns off certificate checks{target}", cmd.program))
}

/// `git config [--global] http.sslVerify false`, `git -c http.sslVerify=false clone`.
fn git_ssl_off(cmd: &Cmd) -> bool {
    let key_is_ssl_verify = |key: &str| {
        let key = key.to_ascii_lowercase();
        key.starts_with("http.") && key.ends_with(".sslverify")
    };
    let by_c = cmd.args.windows(2).any(|pair| {
        pair[0] == "-c"
            && pair[1].split_once('=').is_some_and(|(key, value)| key_is_ssl_verify(key) && is_false(value))
    });
    let by_config = cmd.args.first().is_some_and(|verb| verb == "config")
        && cmd.args.windows(2).any(|pair| key_is_ssl_verify(&pair[0]) && is_false(&pair[1]));
    by_c || by_config
}

/// `npm config set strict-ssl false`, `yarn config set strict-ssl=false`, `npm --strict-ssl=false`.
fn strict_ssl_off(cmd: &Cmd) -> bool {
    let words: Vec<String> = cmd.args.iter().map(|w| w.to_ascii_lowercase()).collect();
    words.iter().any(|w| w == "--strict-ssl=false" || w == "strict-ssl=false" || w == "--no-strict-ssl")
        || words.windows(2).any(|pair| pair[0].trim_start_matches('-') == "strict-ssl" && pair[1] == "false")
}

fn is_false(value: &str) -> bool {
    matches!(value.trim_matches(['"', '\'']).to_ascii_lowercase().as_str(), "0" | "false" | "no" | "off")
}

/// Environment variables that turn verification off, whoever reads them.
fn variable_finding(name: &str, value: &str) -> Option<String> {
    let what = match name {
        "GIT_SSL_NO_VERIFY" => "turns off certificate checks for git",
        "PIP_TRUSTED_HOST" if !value.is_empty() => "turns off certificate checks for pip",
        "NODE_TLS_REJECT_UNAUTHORIZED" if value == "0" => "turns off certificate checks for Node.js",
        "PYTHONHTTPSVERIFY" if value == "0" => "turns off certificate checks for Python's urllib",
        _ if name.eq_ignore_ascii_case("NPM_CONFIG_STRICT_SSL") && is_false(value) => {
            "turns off certificate checks for npm"
        }
        _ => return None,
    };
    Some(format!("{name}={value} {what}"))
}

/// `NAME=value` words of a RUN, whether leading a command or after `export`.
/// The command splitter drops leading assignments, so they are read from the
/// instruction's words.
/// Assignments in a RUN script: before a command (`GIT_SSL_NO_VERIFY=1 git ..`)
/// and as words (`export NODE_TLS_REJECT_UNAUTHORIZED=0`, `env A=0 cmd`).
fn assignments_in(script: &str) -> Vec<(String, String)> {
    shell::commands(script)
        .into_iter()
        .flat_map(|command| {
            let in_words: Vec<(String, String)> = command
                .words
                .iter()
                .filter(|word| is_assignment(word))
                .filter_map(|word| word.split_once('='))
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect();
            command.assignments.into_iter().chain(in_words)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn messages(text: &str) -> Vec<String> {
        run_on_example(&RULE, text).into_iter().map(|f| f.message).collect()
    }

    fn run(script: &str) -> Vec<String> {
        messages(&format!("FROM debian:12\nRUN {script}\n"))
    }

    #[test]
    fn each_tool_switch() {
        for script in [
            "curl --insecure -o x https://x.example/x",
            "wget --no-check-certificate https://x.example/x",
            "pip install --trusted-host pypi.example --index-url http://pypi.example/simple flask==3.0.3",
            "pip config set global.trusted-host pypi.example",
            "npm config set strict-ssl false",
            "yarn config set strict-ssl false",
            "git config --global http.sslVerify false",
            "git -c http.sslVerify=false clone https://git.example/x.git",
            "apt-get -o Acquire::https::Verify-Peer=false update",
            "yum-config-manager --setopt=internal.sslverify=0 --save",
            "GIT_SSL_NO_VERIFY=1 git clone https://git.example/x.git",
            "export NODE_TLS_REJECT_UNAUTHORIZED=0 && node fetch.js",
            "NODE_TLS_REJECT_UNAUTHORIZED=\"0\" npm install > /dev/null 2>&1",
            "sh -c 'GIT_SSL_NO_VERIFY=true git clone https://git.example/x.git'",
        ] {
            assert_eq!(run(script).len(), 1, "{script}");
        }
        assert_eq!(
            run("curl -fsSLk https://x.example/x")[0],
            "`curl -k` turns off certificate checks for https://x.example/x"
        );
        assert_eq!(
            run("npm config set strict-ssl false")[0],
            "`npm strict-ssl=false` turns off certificate checks"
        );
    }

    #[test]
    fn env_and_arg_settings() {
        let text = "FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=0 PORT=8080\nARG PYTHONHTTPSVERIFY=0\nENV NODE_TLS_REJECT_UNAUTHORIZED=1\n";
        assert_eq!(
            messages(text),
            [
                "ENV NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for Node.js",
                "ARG PYTHONHTTPSVERIFY=0 turns off certificate checks for Python's urllib"
            ]
        );
    }

    #[test]
    fn verification_left_on() {
        for script in [
            "curl -fsSL -o /tmp/k https://x.example/k",
            "curl -K /etc/curlrc https://x.example/k",
            "git config --global http.sslVerify true",
            "npm config set strict-ssl true",
            "wget -q https://x.example/x",
            "echo insecure",
        ] {
            assert!(run(script).is_empty(), "{script}");
        }
    }
}
