#!/usr/bin/env python3
"""Runs bosun, `trivy config` and checkov once on one directory of
infrastructure code and compares their findings check by check and resource by
resource, through bosun's rule aliases (Trivy AVD ids, Checkov ids).

    compare-iac.py DIR [--bosun PATH] [--trivy PATH] [--checkov PATH]
                       [--json OUT] [--check-doc DOC] [--update-doc DOC]

Prints a Markdown report: the tool versions, a summary per tool, for every
bosun rule that any tool fired the resources each tool flagged, the peers'
checks that no bosun rule claims, and the list of disagreements.
docs/iac-comparison.md is this report on crates/bosun/tests/fixtures/iac, with
every disagreement explained. `--update-doc DOC` rewrites the generated part
of that page; `--check-doc DOC` lists the disagreements that the page does not
mention (a check id and the resource in one bullet or paragraph outside the
generated part) and exits 1 if there is any. Python 3 standard library only.

Peers: PEERS=/dir (default /tmp/peers/bin), or TRIVY= and CHECKOV=, or the
flags. Both run offline, with the flags bench/scan-tree.sh uses.

How resources are named, so that the three tools can be compared:

- CloudFormation resources are their logical id (`AssetsBucket`); Trivy often
  names them by line range only (`stack.yaml:16-20`), which is mapped back to the
  logical id declared on the first line of the range;
- Terraform instance keys are dropped (`aws_s3_bucket.x[0]` -> `aws_s3_bucket.x`),
  since Checkov never prints them;
- Trivy names a resource inside a module by the module call only
  (`module.jobs`); the resource block on its first line completes the address;
- findings that a peer puts on an S3 split resource (`aws_s3_bucket_acl.x`,
  `aws_s3_bucket_public_access_block.x`, ...) are moved to the bucket its
  `bucket = aws_s3_bucket.NAME.id` points at, which is where bosun reports them.
"""

import argparse
import builtins
import collections
import functools
import io
import json
import os
import re
import subprocess
import sys
import tempfile

PEERS = os.environ.get("PEERS", "/tmp/peers/bin")


def run(cmd, cwd=None):
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if not result.stdout.strip():
        sys.exit(f"compare-iac: {cmd[0]} printed nothing (exit {result.returncode}): {result.stderr[-2000:]}")
    return json.loads(result.stdout)


def version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"
    return out.splitlines()[0].removeprefix("Version: ") if out else "?"


class Sources:
    """Reads the scanned files to name what the peers name by line, and to find
    the bucket each S3 split resource belongs to."""

    TF_BLOCK = re.compile(r'^\s*resource\s+"([^"]+)"\s+"([^"]+)"')
    CFN_ID = re.compile(r"^  ([A-Za-z0-9]+):\s*$")
    CFN_TYPE = re.compile(r"^\s+Type:\s*[\"']?(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)")

    def __init__(self, root):
        self.root = root
        self.lines = {}
        self.split = {}  # (dir, "aws_s3_bucket_acl.x") -> "aws_s3_bucket.y"
        for dirpath, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if name.endswith(".tf"):
                    self._read_split(os.path.join(dirpath, name))

    def text(self, path):
        path = os.path.join(self.root, path)
        if path not in self.lines:
            try:
                with open(path, encoding="utf-8") as f:
                    self.lines[path] = f.read().splitlines()
            except OSError:
                self.lines[path] = []
        return self.lines[path]

    def _read_split(self, path):
        current = None
        with open(path, encoding="utf-8") as f:
            for line in f:
                block = self.TF_BLOCK.match(line)
                if block:
                    kind, name = block.groups()
                    current = f"{kind}.{name}" if kind.startswith("aws_s3_bucket_") else None
                    continue
                target = re.match(r"\s*bucket\s*=\s*aws_s3_bucket\.([A-Za-z0-9_-]+)", line)
                if current and target:
                    self.split[(os.path.dirname(path), current)] = f"aws_s3_bucket.{target.group(1)}"
                    current = None

    def owner(self, path, address):
        """The bucket an S3 split resource configures, else the address itself."""
        parts = address.split(".")
        head, local = ".".join(parts[:-2]), ".".join(parts[-2:])
        found = self.split.get((os.path.dirname(os.path.join(self.root, path)), local))
        if not found:
            return address
        return f"{head}.{found}" if head else found

    def cfn_logical_id(self, path, line):
        """The logical id declared on `line` (1-based) of a template, or above it."""
        lines = self.text(path)
        for n in range(min(line, len(lines)) - 1, -1, -1):
            m = self.CFN_ID.match(lines[n])
            if m and m.group(1) not in ("Resources", "Parameters", "Conditions", "Outputs", "Mappings"):
                return m.group(1)
        return None

    def cfn_only_of_service(self, path, service):
        """The logical id of the one resource of an AWS service in a template."""
        lines, ids, current = self.text(path), [], None
        for line in lines:
            m = self.CFN_ID.match(line)
            if m:
                current = m.group(1)
            t = self.CFN_TYPE.match(line)
            if t and current and t.group(1).split("::")[1].lower() == service.lower():
                ids.append(current)
        return ids[0] if len(ids) == 1 else None

    def tf_block(self, path, line):
        lines = self.text(path)
        if 0 < line <= len(lines):
            m = self.TF_BLOCK.match(lines[line - 1])
            if m:
                return ".".join(m.groups())
        return None


def normalize(resource):
    """`AWS::S3::Bucket.Assets` -> `Assets`; `aws_s3_bucket.x[0]` -> `aws_s3_bucket.x`."""
    resource = resource or "?"
    resource = re.sub(r"^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+\.", "", resource)
    resource = re.sub(r"\[[^\]]*\]", "", resource)
    return resource


def bosun_findings(bosun, root, sources):
    data = run([bosun, "scan", root, "--format", "json", "--quiet"])
    rules = run([bosun, "rules", "--format", "json"])["rules"]
    found = collections.defaultdict(set)
    for f in data["findings"]:
        path = f["location"]["path"]
        found[f["rule_id"]].add((path, normalize(f["location"].get("resource"))))
    return found, rules, len(data["findings"]), data.get("errors") or []


def trivy_findings(trivy, root, sources):
    with tempfile.TemporaryDirectory() as cache:
        data = run([trivy, "config", "--skip-check-update", "--skip-version-check", "--disable-telemetry",
                    "--cache-dir", cache, "--quiet", "--format", "json", root])
    found = collections.defaultdict(set)
    titles = {}
    raw = 0
    for result in data.get("Results") or []:
        path = result["Target"]
        for m in result.get("Misconfigurations") or []:
            if m.get("Status", "FAIL") != "FAIL":
                continue
            raw += 1
            check = m["ID"].removeprefix("AVD-")
            titles[check] = m.get("Title", "")
            cause = m.get("CauseMetadata") or {}
            resource = cause.get("Resource") or ""
            start = cause.get("StartLine") or 0
            if result.get("Type") == "cloudformation":
                if re.fullmatch(r".*:\d+-\d+", resource) or not resource:
                    resource = (sources.cfn_logical_id(path, start) if start
                                else sources.cfn_only_of_service(path, cause.get("Service", ""))) or "?"
            elif resource.startswith("module.") and "." not in resource.removeprefix("module."):
                block = sources.tf_block(path, start)
                if block:
                    resource = f"{resource}.{block}"
            resource = sources.owner(path, normalize(resource))
            found[check].add((path, resource))
    return found, titles, raw


def checkov_findings(checkov, root, sources):
    data = run([checkov, "-d", root, "--quiet", "--compact", "-o", "json", "--skip-download",
                "--framework", "terraform", "cloudformation"])
    reports = data if isinstance(data, list) else [data]
    found = collections.defaultdict(set)
    titles = {}
    raw = 0
    for report in reports:
        for c in (report.get("results") or {}).get("failed_checks", []):
            raw += 1
            titles[c["check_id"]] = c.get("check_name", "")
            path = c["file_path"].lstrip("/")
            found[c["check_id"]].add((path, sources.owner(path, normalize(c.get("resource")))))
    return found, titles, raw


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir")
    parser.add_argument("--bosun", default=os.environ.get("BOSUN", "target/release/bosun"))
    parser.add_argument("--trivy", default=os.environ.get("TRIVY", f"{PEERS}/trivy"))
    parser.add_argument("--checkov", default=os.environ.get("CHECKOV", f"{PEERS}/checkov"))
    parser.add_argument("--json", help="write the normalized findings of the three tools here")
    parser.add_argument("--check-doc", help="list the disagreements this document does not mention")
    parser.add_argument("--update-doc", help="replace the generated part of this document (between "
                        "`<!-- compare-iac:begin -->` and `<!-- compare-iac:end -->`) with the tables")
    args = parser.parse_args()
    report = io.StringIO()
    print = functools.partial(builtins.print, file=report)
    root = os.path.abspath(args.dir)
    sources = Sources(root)
    bosun_bin = os.path.abspath(args.bosun)
    bosun, rules, bosun_raw, errors = bosun_findings(bosun_bin, root, sources)
    trivy, trivy_titles, trivy_raw = trivy_findings(args.trivy, root, sources)
    checkov, checkov_titles, checkov_raw = checkov_findings(args.checkov, root, sources)
    tools = {"bosun": bosun, "trivy": trivy, "checkov": checkov}

    print("## Versions\n")
    print(f"- bosun: {version([bosun_bin, '--version'])}, {len(rules)} rules "
          f"({sum(1 for r in rules if r.get('domain') == 'cloud')} cloud)")
    print(f"- trivy: {version([args.trivy, '--version'])} (checks built into the binary)")
    print(f"- checkov: {version([args.checkov, '--version'])}")
    if errors:
        print(f"- bosun reported {len(errors)} error(s): {errors}")
    print()

    print("## Summary\n")
    print("| tool | findings (raw) | findings (check, resource) | distinct checks | resources flagged |")
    print("|---|---|---|---|---|")
    for name, raw in (("bosun", bosun_raw), ("trivy", trivy_raw), ("checkov", checkov_raw)):
        found = tools[name]
        pairs = sum(len(v) for v in found.values())
        resources = {r for v in found.values() for r in v}
        print(f"| {name} | {raw} | {pairs} | {len(found)} | {len(resources)} |")
    print()

    disagreements = []  # (check id, resource, text)
    claimed = {"trivy": collections.defaultdict(list), "checkov": collections.defaultdict(list)}
    peer_ids = {}
    for rule in rules:
        aliases = rule.get("aliases") or []
        peer_ids[rule["id"]] = {
            "trivy": [a.removeprefix("AVD-") for a in aliases if a.startswith("AVD-")],
            "checkov": [a for a in aliases if a.startswith(("CKV_", "CKV2_"))],
        }
        for peer, ids in peer_ids[rule["id"]].items():
            for check in ids:
                claimed[peer][check].append(rule["id"])

    def hits(found, checks):
        return {r for check in checks for _, r in found.get(check, set())}

    rows = []
    for rule in sorted(rules, key=lambda r: r["id"]):
        tv, ck = peer_ids[rule["id"]]["trivy"], peer_ids[rule["id"]]["checkov"]
        b, t, c = hits(bosun, [rule["id"]]), hits(trivy, tv), hits(checkov, ck)
        if b or t or c:
            rows.append((rule, tv, ck, b, t, c))

    # A bosun finding disagrees with a peer that has an equivalent check (an
    # alias) which did not fire on that resource.
    for rule, tv, ck, b, t, c in rows:
        for resource in sorted(b):
            says, differs = [], False
            for name, ids, hit in (("trivy", tv, t), ("checkov", ck, c)):
                if ids:
                    says.append(f"{name} {'/'.join(ids)}: {'yes' if resource in hit else 'no'}")
                    differs |= resource not in hit
            if not tv and not ck:
                disagreements.append((rule["id"], resource,
                                      f"bosun {rule['id']} `{rule['name']}` on {resource}: no peer alias"))
            elif differs:
                disagreements.append((rule["id"], resource,
                                      f"bosun {rule['id']} `{rule['name']}` on {resource}: {'; '.join(says)}"))
    # A peer finding disagrees when no bosun rule that lists it as an alias
    # fired on that resource.
    for name, found, titles in (("trivy", trivy, trivy_titles), ("checkov", checkov, checkov_titles)):
        for check in sorted(found, key=lambda c: (len(c), c)):
            owners = claimed[name].get(check, [])
            for resource in sorted({r for _, r in found[check]}):
                if not owners:
                    why = "no bosun rule lists it"
                elif any(resource in hits(bosun, [o]) for o in owners):
                    continue
                else:
                    why = f"bosun {'/'.join(owners)}: no"
                disagreements.append((check, resource, f"{name} {check} ({titles.get(check, '')}) on {resource}: {why}"))

    show = lambda s: ", ".join(sorted(s)) or "—"
    print("## Per check\n")
    print("Resources each tool flagged, per bosun rule, through the rule's aliases "
          "(`=` all tools with an equivalent check agree; a peer check that several bosun rules "
          "list, such as Trivy's one ACL check, shows its resources on each of them; `n/a`: the peer "
          "has no equivalent check, `—`: it has one and it fired nowhere).\n")
    print("| bosun rule | trivy | checkov | bosun resources | trivy resources | checkov resources | |")
    print("|---|---|---|---|---|---|---|")
    for rule, tv, ck, b, t, c in rows:
        same = (tv or ck) and not any(d[0] in [rule["id"], *tv, *ck] and d[1] in b | t | c
                                      for d in disagreements)
        print(f"| {rule['id']} `{rule['name']}` | {' '.join(tv) or '—'} | {' '.join(ck) or '—'} "
              f"| {show(b)} | {show(t) if tv else 'n/a'} | {show(c) if ck else 'n/a'} | {'=' if same else '≠'} |")
    print()

    print("## Bosun rules that fired and list no Trivy or Checkov alias\n")
    for rule, tv, ck, b, t, c in rows:
        if not tv and not ck:
            print(f"- {rule['id']} `{rule['name']}`: {show(b)}")
    print()

    print("## Peer checks that fired and that no bosun rule lists as an alias\n")
    for name, found, titles in (("trivy", trivy, trivy_titles), ("checkov", checkov, checkov_titles)):
        for check in sorted(set(found) - set(claimed[name]), key=lambda c: (len(c), c)):
            resources = sorted({r for _, r in found[check]})
            print(f"- {name} {check} ({titles.get(check, '')}): {', '.join(resources)}")
    print()

    tables = report.getvalue()
    print("## Disagreements\n")
    for _, _, text in disagreements:
        print(f"- {text}")
    print(f"\n{len(disagreements)} disagreements.")
    sys.stdout.write(report.getvalue())
    print = builtins.print

    if args.update_doc:
        with open(args.update_doc, encoding="utf-8") as f:
            doc = f.read()
        begin, end = "<!-- compare-iac:begin -->\n", "<!-- compare-iac:end -->"
        head, rest = doc.split(begin, 1)
        _, tail = rest.split(end, 1)
        tables = tables.replace("## ", "### ") + f"{len(disagreements)} disagreements; `--check-doc` verifies that each one is explained below.\n\n"
        with open(args.update_doc, "w", encoding="utf-8") as f:
            f.write(head + begin + "\n" + tables + end + tail)

    if args.json:
        with open(args.json, "w") as f:
            json.dump({name: {check: sorted(map(list, v)) for check, v in found.items()}
                       for name, found in tools.items()}, f, indent=1, sort_keys=True)

    if args.check_doc:
        with open(args.check_doc, encoding="utf-8") as f:
            doc = f.read()
        # the generated tables name every check and resource: only the prose counts
        doc = re.sub(r"<!-- compare-iac:begin -->.*?<!-- compare-iac:end -->", "", doc, flags=re.S)
        units, current = [], []  # bullets and paragraphs, each joined into one string
        for line in doc.splitlines():
            if not line.strip() or line.lstrip().startswith(("- ", "#", "|")):
                units.append(" ".join(current))
                current = []
            if line.strip():
                current.append(line.strip())
        units.append(" ".join(current))
        doc = units
        missing = []
        for check, resource, text in disagreements:
            if not any(re.search(rf"\b{re.escape(check)}\b", line) and re.search(rf"\b{re.escape(resource)}\b", line)
                       for line in doc):
                missing.append(text)
        print(f"\n{args.check_doc}: {len(missing)} disagreement(s) not explained")
        for text in missing:
            print(f"- {text}")
        if missing:
            sys.exit(1)


if __name__ == "__main__":
    main()
