#!/usr/bin/env python3
"""Measures the secret scanners' recall and precision on the labelled corpus of
bench/secrets/gen_corpus.py.

    secrets-accuracy.py [--corpus DIR] [--seed S] [--tools bosun,trivy,detect-secrets]
                        [--bosun PATH] [--trivy PATH] [--detect-secrets PATH]
                        [--misses TOOL] [--write-doc FILE] [--keep]

Without --corpus, the corpus is generated into a temporary directory (--keep
keeps it and prints where). Each available tool runs once over the whole corpus:

    bosun scan --scanners secret --format json --no-config -q DIR
    trivy fs --scanners secret --format json ... DIR      (offline; flags below)
    detect-secrets scan --all-files                         (from inside DIR)

A tool that is not installed is skipped with a note. Scoring, from the corpus's
labels.json (file, line range, kind, positive or negative):

- a finding is one distinct (file, first line, last line) that a tool reports;
  several rules on the same lines count once;
- a finding is true when it overlaps the line range of a positive label in the
  same file, and false otherwise; a false finding that overlaps a negative label
  is counted under that label's kind (placeholder, npm-integrity, ...), else as
  "unlabelled";
- a positive is found when at least one finding overlaps it;
- recall = positives found / positives; precision = true findings / findings;
  F1 is their harmonic mean.

Prints a Markdown report: one row per tool, recall per category of positive,
and false positives per kind of negative. --misses TOOL adds, for that tool,
every missed positive and every false positive with the line it is on.
--write-doc FILE puts the report between the markers
<!-- secrets-accuracy:begin --> and <!-- secrets-accuracy:end --> in FILE.

Peers: PEERS=/dir (default /tmp/peers/bin), or TRIVY= and DETECT_SECRETS=, or
the flags. Python 3 standard library only.
"""

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEERS = os.environ.get("PEERS", "/tmp/peers/bin")
TOOLS = ["bosun", "trivy", "detect-secrets"]
BEGIN, END = "<!-- secrets-accuracy:begin -->", "<!-- secrets-accuracy:end -->"


def note(msg):
    print(f"secrets-accuracy: {msg}", file=sys.stderr)


def version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return out.splitlines()[0].removeprefix("Version: ").removeprefix("bosun ") if out else "?"


def run_json(cmd, cwd=None):
    """Runs a tool and parses its JSON stdout; returns (data, seconds) or (None, error text)."""
    t0 = time.monotonic()
    try:
        result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    except OSError as e:
        return None, str(e)
    seconds = time.monotonic() - t0
    try:
        return json.loads(result.stdout), seconds
    except ValueError:
        return None, f"exit {result.returncode}, no JSON on stdout: {(result.stderr or result.stdout)[-1500:]}"


def rel(path, corpus):
    if os.path.isabs(path):
        path = os.path.relpath(path, corpus)
    elif path.startswith(corpus.rstrip("/") + "/"):
        path = path[len(corpus.rstrip("/")) + 1:]
    return path.removeprefix("./")


# Each runner returns ([(path, start, end, rule)], seconds) or (None, error).

def run_bosun(exe, corpus):
    data, t = run_json([exe, "scan", "--scanners", "secret", "--format", "json", "--no-config", "-q", corpus])
    if data is None:
        return None, t
    out = []
    for f in data.get("findings", []):
        loc = f.get("location") or {}
        start = loc.get("start_line") or 1
        out.append((rel(loc.get("path", "?"), corpus), start, loc.get("end_line") or start, f.get("rule_id", "?")))
    return out, t


def run_trivy(exe, corpus):
    # --skip-check-update/--skip-version-check/--disable-telemetry/--offline-scan: no network;
    # --secret-config "": built-in rules only, even if a trivy-secret.yaml is lying around;
    # a private cache dir keeps a user's cached results out.
    with tempfile.TemporaryDirectory() as cache:
        data, t = run_json([exe, "fs", "--scanners", "secret", "--skip-check-update", "--skip-version-check",
                            "--disable-telemetry", "--offline-scan", "--secret-config", "", "--cache-dir", cache,
                            "--quiet", "--format", "json", corpus], cwd=cache)
    if data is None:
        return None, t
    out = []
    for result in data.get("Results") or []:
        for s in result.get("Secrets") or []:
            start = s.get("StartLine") or 1
            out.append((rel(result["Target"], corpus), start, s.get("EndLine") or start, s.get("RuleID", "?")))
    return out, t


def run_detect_secrets(exe, corpus):
    data, t = run_json([exe, "scan", "--all-files"], cwd=corpus)
    if data is None:
        return None, t
    out = []
    for path, found in (data.get("results") or {}).items():
        for s in found:
            line = s.get("line_number") or 1
            out.append((rel(path, corpus), line, line, s.get("type", "?")))
    return out, t


RUNNERS = {"bosun": run_bosun, "trivy": run_trivy, "detect-secrets": run_detect_secrets}
VERSION_CMD = {"bosun": ["--version"], "trivy": ["--version"], "detect-secrets": ["--version"]}


class Score:
    def __init__(self, labels, findings):
        self.labels = labels
        by_path = collections.defaultdict(list)
        for i, label in enumerate(labels):
            by_path[label["path"]].append(i)
        rules = collections.defaultdict(set)
        for path, start, end, rule in findings:
            if path == "labels.json":
                continue
            rules[(path, start, max(start, end))].add(rule)
        self.found = set()          # indexes of positive labels that some finding overlaps
        self.true, self.false = [], []  # locations: (path, start, end, rules, [negative label indexes])
        for (path, start, end), rs in sorted(rules.items()):
            hits = [i for i in by_path.get(path, []) if labels[i]["line"] <= end and start <= labels[i]["end_line"]]
            pos = [i for i in hits if labels[i]["positive"]]
            if pos:
                self.found.update(pos)
                self.true.append((path, start, end, sorted(rs), pos))
            else:
                self.false.append((path, start, end, sorted(rs), hits))
        self.positives = [i for i, label in enumerate(labels) if label["positive"]]
        n = len(self.true) + len(self.false)
        self.precision = len(self.true) / n if n else 0.0
        self.recall = len(self.found) / len(self.positives) if self.positives else 0.0
        p, r = self.precision, self.recall
        self.f1 = 2 * p * r / (p + r) if p + r else 0.0

    def recall_by(self, field):
        total, found = collections.Counter(), collections.Counter()
        for i in self.positives:
            key = self.labels[i][field]
            total[key] += 1
            found[key] += i in self.found
        return total, found

    def false_by_kind(self):
        out = collections.Counter()
        for _, _, _, _, hits in self.false:
            kinds = sorted({self.labels[i]["kind"] for i in hits})
            out.update(kinds or ["unlabelled"])
        return out


def pct(x):
    return f"{100 * x:.1f}%"


def report(corpus_line, labels, scores, runs, versions, commands, skipped):
    out = []
    w = out.append
    positives = [l for l in labels if l["positive"]]
    negatives = [l for l in labels if not l["positive"]]
    w(f"Corpus: {corpus_line}")
    w("")
    w(f"{len(positives)} positives of {len({l['kind'] for l in positives})} kinds in "
      f"{len({l['category'] for l in positives})} categories; {len(negatives)} negatives of "
      f"{len({l['kind'] for l in negatives})} kinds.")
    w("")
    w("| tool | version | seconds | findings | true | false | precision | positives found | recall | F1 |")
    w("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for tool, s in scores.items():
        w(f"| {tool} | {versions[tool]} | {runs[tool]:.1f} | {len(s.true) + len(s.false)} | {len(s.true)} | "
          f"{len(s.false)} | {pct(s.precision)} | {len(s.found)} / {len(s.positives)} | {pct(s.recall)} | {s.f1:.3f} |")
    w("")
    for tool, why in skipped.items():
        w(f"- {tool}: not run ({why})")
    if skipped:
        w("")
    if not scores:
        return "\n".join(out)
    tools = list(scores)
    w("Recall per category (positives found / positives):")
    w("")
    w("| category | positives | " + " | ".join(tools) + " |")
    w("|---|---:|" + "---:|" * len(tools))
    first = scores[tools[0]]
    total, _ = first.recall_by("category")
    per_tool = {t: scores[t].recall_by("category")[1] for t in tools}
    for cat in sorted(total, key=lambda c: (-total[c], c)):
        w(f"| {cat} | {total[cat]} | " + " | ".join(f"{per_tool[t][cat]} ({pct(per_tool[t][cat] / total[cat])})" for t in tools) + " |")
    w("")
    w("False positives per kind of negative (a finding on lines labelled with no positive; "
      "\"unlabelled\" is everything else):")
    w("")
    neg_total = collections.Counter(l["kind"] for l in negatives)
    fp = {t: scores[t].false_by_kind() for t in tools}
    kinds = sorted(set(neg_total) | {k for t in tools for k in fp[t]},
                   key=lambda k: (-sum(fp[t][k] for t in tools), k))
    w("| negative kind | labels | " + " | ".join(tools) + " |")
    w("|---|---:|" + "---:|" * len(tools))
    for k in kinds:
        w(f"| {k} | {neg_total.get(k, '-')} | " + " | ".join(str(fp[t][k]) for t in tools) + " |")
    w("")
    w("Formats with no positive found (of the kinds in the corpus):")
    w("")
    kind_total, _ = first.recall_by("kind")
    for t in tools:
        found = scores[t].recall_by("kind")[1]
        missing = sorted(k for k in kind_total if not found[k])
        w(f"- **{t}** ({len(missing)} of {len(kind_total)}): {', '.join(missing) if missing else 'none'}")
    w("")
    w("Commands (DIR is the corpus):")
    w("")
    w("```")
    for t in tools:
        w(commands[t])
    w("```")
    return "\n".join(out)


def misses(tool, score, corpus):
    cache = {}

    def line(path, n):
        if path not in cache:
            try:
                with open(os.path.join(corpus, path), encoding="utf-8", errors="replace") as f:
                    cache[path] = f.read().splitlines()
            except OSError:
                cache[path] = []
        lines = cache[path]
        text = lines[n - 1].strip() if 0 < n <= len(lines) else ""
        return text if len(text) <= 140 else text[:137] + "..."

    out = [f"## {tool}: missed positives ({len(score.positives) - len(score.found)})", ""]
    by_kind = collections.defaultdict(list)
    for i in score.positives:
        if i not in score.found:
            by_kind[score.labels[i]["kind"]].append(score.labels[i])
    kind_total = collections.Counter(score.labels[i]["kind"] for i in score.positives)
    for kind in sorted(by_kind):
        out.append(f"- {kind} ({len(by_kind[kind])} of {kind_total[kind]} missed)")
        for label in by_kind[kind]:
            span = f"{label['line']}" if label["line"] == label["end_line"] else f"{label['line']}-{label['end_line']}"
            out.append(f"    - {label['path']}:{span}  `{line(label['path'], label['line'])}`")
    out += ["", f"## {tool}: false positives ({len(score.false)})", ""]
    for path, start, end, rules, hits in score.false:
        kinds = sorted({score.labels[i]["kind"] for i in hits}) or ["unlabelled"]
        span = f"{start}" if start == end else f"{start}-{end}"
        out.append(f"- {path}:{span} {','.join(rules)} [{', '.join(kinds)}]  `{line(path, start)}`")
    return "\n".join(out)


def write_doc(path, text):
    with open(path, encoding="utf-8") as f:
        doc = f.read()
    block = f"{BEGIN}\n{text}\n{END}"
    if BEGIN in doc and END in doc:
        doc = doc[:doc.index(BEGIN)] + block + doc[doc.index(END) + len(END):]
    else:
        doc = doc.rstrip("\n") + "\n\n" + block + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(doc)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", help="score this corpus (a directory with labels.json) instead of generating one")
    ap.add_argument("--seed", type=int, default=20240601, help="corpus seed when generating (default 20240601)")
    ap.add_argument("--keep", action="store_true", help="keep the generated corpus and print where it is")
    ap.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of " + ",".join(TOOLS))
    ap.add_argument("--bosun", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")),
                                                    "release", "bosun"))
    ap.add_argument("--trivy", default=os.environ.get("TRIVY", os.path.join(PEERS, "trivy")))
    ap.add_argument("--detect-secrets", default=os.environ.get("DETECT_SECRETS", os.path.join(PEERS, "detect-secrets")))
    ap.add_argument("--misses", metavar="TOOL", help="list every missed positive and false positive of TOOL")
    ap.add_argument("--write-doc", metavar="FILE", help="write the report between the secrets-accuracy markers of FILE")
    args = ap.parse_args()

    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    for t in tools + ([args.misses] if args.misses else []):
        if t not in TOOLS:
            sys.exit(f"secrets-accuracy: unknown tool '{t}' (known: {', '.join(TOOLS)})")

    tmp = None
    if args.corpus:
        corpus = os.path.abspath(args.corpus)
        corpus_line = f"`{args.corpus}`"
    else:
        tmp = tempfile.mkdtemp(prefix="bosun-secrets-corpus-")
        corpus = os.path.join(tmp, "corpus")
        gen = subprocess.run([sys.executable, os.path.join(HERE, "secrets", "gen_corpus.py"), corpus, "--seed", str(args.seed)],
                             capture_output=True, text=True)
        if gen.returncode:
            sys.exit(f"secrets-accuracy: gen_corpus.py failed: {gen.stderr}")
        corpus_line = "`bench/secrets/gen_corpus.py` " + gen.stdout.strip().split(f" in {corpus}")[0].removeprefix("gen_corpus: ") \
            + ";" + gen.stdout.strip().split(";")[-1]
    try:
        with open(os.path.join(corpus, "labels.json")) as f:
            labels = json.load(f)

        exes = {"bosun": args.bosun, "trivy": args.trivy, "detect-secrets": args.detect_secrets}
        scores, runs, versions, commands, skipped = {}, {}, {}, {}, {}
        command_text = {
            "bosun": "bosun scan --scanners secret --format json --no-config -q DIR",
            "trivy": "trivy fs --scanners secret --skip-check-update --skip-version-check --disable-telemetry "
                     "--offline-scan --secret-config '' --cache-dir TMP --quiet --format json DIR",
            "detect-secrets": "cd DIR && detect-secrets scan --all-files",
        }
        for tool in tools:
            exe = exes[tool]
            if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
                found = shutil.which(exe) if os.sep not in exe else None
                if not found:
                    note(f"{tool} not found at {exe}: skipped")
                    skipped[tool] = f"not found at {exe}"
                    continue
                exe = found
            note(f"running {tool}")
            findings, t = RUNNERS[tool](exe, corpus)
            if findings is None:
                note(f"{tool} failed: {t}")
                skipped[tool] = "failed: " + t.strip().splitlines()[-1][:200] if t.strip() else "failed"
                continue
            scores[tool] = Score(labels, findings)
            runs[tool] = t
            versions[tool] = version([exe] + VERSION_CMD[tool])
            commands[tool] = command_text[tool]
        text = report(corpus_line, labels, scores, runs, versions, commands, skipped)
        print(text)
        if args.misses:
            if args.misses in scores:
                print()
                print(misses(args.misses, scores[args.misses], corpus))
            else:
                note(f"--misses {args.misses}: that tool did not run")
        if args.write_doc:
            write_doc(args.write_doc, text)
            note(f"wrote the report into {args.write_doc}")
    finally:
        if tmp and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        elif tmp:
            note(f"corpus kept in {corpus}")
    return 0 if scores else 1


if __name__ == "__main__":
    sys.exit(main())
