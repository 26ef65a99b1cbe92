#!/usr/bin/env python3
"""Runs bosun, `trivy config` and checkov once on one directory of
infrastructure code and compares their findings check by check and resource by
resource, through bosun's rule aliases (Trivy AVD ids, Checkov ids).

    compare-iac.py DIR [--bosun PATH] [--trivy PATH] [--checkov PATH] [--json OUT]

Prints a Markdown report: for every bosun rule that any tool fired, the
resources each tool flagged; then the peers' checks that no bosun rule claims.
docs/iac-comparison.md is this report on crates/bosun/tests/fixtures/iac, with
every disagreement explained. Python 3 standard library only.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile


def run(cmd, cwd=None):
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if not result.stdout.strip():
        sys.exit(f"compare-iac: {cmd[0]} printed nothing (exit {result.returncode}): {result.stderr[-2000:]}")
    return json.loads(result.stdout)


def resource_key(resource):
    """`AWS::S3::Bucket.Assets` -> `Assets`; `aws_s3_bucket.x[0]` -> `aws_s3_bucket.x`."""
    resource = resource or "?"
    resource = re.sub(r"^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+\.", "", resource)
    resource = re.sub(r'\[[^\]]*\]', "", resource)
    return resource


def bosun_findings(bosun, root):
    data = run([bosun, "scan", root, "--format", "json", "--quiet"])
    rules = run([bosun, "rules", "--format", "json"])["rules"]
    found = collections.defaultdict(set)
    for f in data["findings"]:
        found[f["rule_id"]].add((f["location"]["path"], resource_key(f["location"].get("resource"))))
    return found, rules


def trivy_findings(trivy, root):
    with tempfile.TemporaryDirectory() as cache:
        data = run([trivy, "config", "--skip-check-update", "--skip-version-check", "--disable-telemetry",
                    "--cache-dir", cache, "--quiet", "--format", "json", root])
    found = collections.defaultdict(set)
    titles = {}
    for result in data.get("Results") or []:
        for m in result.get("Misconfigurations") or []:
            if m.get("Status", "FAIL") != "FAIL":
                continue
            check = m["ID"].removeprefix("AVD-")
            titles[check] = m.get("Title", "")
            resource = (m.get("CauseMetadata") or {}).get("Resource")
            found[check].add((result["Target"], resource_key(resource)))
    return found, titles


def checkov_findings(checkov, root):
    data = run([checkov, "-d", root, "--quiet", "--compact", "-o", "json", "--skip-download",
                "--framework", "terraform", "cloudformation"])
    reports = data if isinstance(data, list) else [data]
    found = collections.defaultdict(set)
    titles = {}
    for report in reports:
        for c in (report.get("results") or {}).get("failed_checks", []):
            titles[c["check_id"]] = c.get("check_name", "")
            found[c["check_id"]].add((c["file_path"].lstrip("/"), resource_key(c.get("resource"))))
    return found, titles


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir")
    parser.add_argument("--bosun", default="target/release/bosun")
    parser.add_argument("--trivy", default="/tmp/peers/bin/trivy")
    parser.add_argument("--checkov", default="/tmp/peers/bin/checkov")
    args = parser.parse_args()
    root = os.path.abspath(args.dir)
    bosun, rules = bosun_findings(os.path.abspath(args.bosun), root)
    trivy, trivy_titles = trivy_findings(args.trivy, root)
    checkov, checkov_titles = checkov_findings(args.checkov, root)

    claimed_trivy, claimed_checkov = set(), set()
    print("| bosun rule | trivy | checkov | bosun resources | trivy resources | checkov resources |")
    print("|---|---|---|---|---|---|")
    for rule in sorted(rules, key=lambda r: r["id"]):
        aliases = rule.get("aliases") or []
        tv = [a.removeprefix("AVD-") for a in aliases if a.startswith("AVD-")]
        ck = [a for a in aliases if a.startswith(("CKV_", "CKV2_"))]
        claimed_trivy.update(tv)
        claimed_checkov.update(ck)
        b = {r for _, r in bosun.get(rule["id"], set())}
        t = {r for a in tv for _, r in trivy.get(a, set())}
        c = {r for a in ck for _, r in checkov.get(a, set())}
        if not (b or t or c):
            continue
        show = lambda s: ", ".join(sorted(s)) or "—"
        print(f"| {rule['id']} `{rule['name']}` | {' '.join(tv) or '—'} | {' '.join(ck) or '—'} "
              f"| {show(b)} | {show(t)} | {show(c)} |")
    print()
    print("Peer checks that fired and that no bosun rule lists as an alias:")
    print()
    for name, found, titles, claimed in (("trivy", trivy, trivy_titles, claimed_trivy),
                                         ("checkov", checkov, checkov_titles, claimed_checkov)):
        for check in sorted(set(found) - claimed):
            resources = ", ".join(sorted({r for _, r in found[check]}))
            print(f"- {name} {check} ({titles.get(check, '')}): {resources}")


if __name__ == "__main__":
    main()
