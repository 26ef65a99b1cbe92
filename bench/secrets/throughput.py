#!/usr/bin/env python3
"""Helpers for bench/scan-secrets.sh (Python 3 standard library only).

    throughput.py run TSV LABEL STDOUT CMD...   run CMD once, append its numbers to TSV
    throughput.py stats DIR                     JSON: bytes, files, binary bytes, big files, top-level dirs
    throughput.py subset SRC DST MB [SEED]      copy a random (seeded) subset of SRC's files, about MB MB
    throughput.py report OUTDIR                 the Markdown report from OUTDIR/{times.tsv,*.json,env.txt}

`run` records, for one command: wall seconds (monotonic clock), peak RSS (the
largest process of the command's tree: GNU time's %M when /usr/bin/time is
there, else getrusage(RUSAGE_CHILDREN).ru_maxrss, which has a floor of this
Python process's own ~15 MB), CPU seconds (user+system of the tree), the
bytes the command read through read(2) and friends (rchar of /proc/PID/io,
read after the command exits and before it is reaped, so it includes the
children it reaped itself) and the exit code. The command's stderr goes to
TSV.LABEL.stderr.
"""

import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time

BIG = 10 * 1024 * 1024  # bosun's default size limit for a scanned file (10 MiB)


GNU_TIME = "/usr/bin/time"


def gnu_time():
    try:
        return subprocess.run([GNU_TIME, "-f", "%M", "true"], capture_output=True).returncode == 0
    except OSError:
        return False


def cmd_run(tsv, label, stdout, cmd):
    load1 = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    rss_file = None
    if gnu_time():
        # GNU time's own footprint is ~2 MB; a child forked from this Python process would
        # inherit its ~15 MB high-water mark into ru_maxrss.
        rss_file = f"{tsv}.{label}.rss"
        cmd = [GNU_TIME, "-f", "%M", "-o", rss_file] + cmd
    with open(stdout, "wb") as out, open(f"{tsv}.{label}.stderr", "wb") as err:
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdout=out, stderr=err)
        os.waitid(os.P_PID, p.pid, os.WEXITED | os.WNOWAIT)
        wall = time.monotonic() - t0
        rchar = ""
        try:
            with open(f"/proc/{p.pid}/io") as f:
                rchar = next(int(line.split()[1]) for line in f if line.startswith("rchar:"))
        except (OSError, StopIteration):
            pass
        code = p.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rss = after.ru_maxrss
    if rss_file:
        with open(rss_file) as f:
            rss = int(f.read().split()[-1])
        os.unlink(rss_file)
    with open(tsv, "a") as f:
        f.write(f"{label}\t{wall:.3f}\t{rss}\t{cpu:.2f}\t{rchar}\t{code}\t{load1:.2f}\n")
    print(f"    {label:<22} {wall:8.2f} s  {rss / 1024:8.1f} MiB  cpu {cpu:7.2f} s  "
          f"read {rchar / 1e6 if rchar != '' else float('nan'):8.1f} MB  load {load1:.2f}  exit {code}", file=sys.stderr)


def walk(root):
    for dirpath, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            if os.path.isfile(path) and not os.path.islink(path):
                yield path


def is_binary(path):
    try:
        with open(path, "rb") as f:
            return b"\0" in f.read(8192)
    except OSError:
        return False


def cmd_stats(root):
    total = files = binary = big = big_bytes = 0
    top = {}
    for path in walk(root):
        size = os.path.getsize(path)
        total += size
        files += 1
        if is_binary(path):
            binary += size
        if size > BIG:
            big += 1
            big_bytes += size
        head = os.path.relpath(path, root).split(os.sep)[0]
        t = top.setdefault(head, [0, 0])
        t[0] += size
        t[1] += 1
    json.dump({"bytes": total, "files": files, "binary_bytes": binary, "big_files": big, "big_bytes": big_bytes,
               "top": top}, sys.stdout, indent=1)
    print()


def cmd_subset(src, dst, mb, seed=1):
    paths = list(walk(src))
    random.Random(seed).shuffle(paths)
    budget, taken = mb * 1e6, 0
    for path in paths:
        size = os.path.getsize(path)
        if size > BIG:
            continue
        if taken + size > budget:
            if taken > 0.98 * budget:
                break
            continue
        target = os.path.join(dst, os.path.relpath(path, src))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(path, target)
        taken += size
    print(f"subset: {taken / 1e6:.1f} MB of {src} in {dst}", file=sys.stderr)


def load_times(outdir):
    rows = {}
    with open(os.path.join(outdir, "times.tsv")) as f:
        for line in f:
            label, wall, rss, cpu, rchar, code, load1 = line.rstrip("\n").split("\t")
            rows.setdefault(label.rsplit(".", 1)[0], []).append(dict(
                run=label.rsplit(".", 1)[1], wall=float(wall), rss=int(rss), cpu=float(cpu),
                rchar=int(rchar) if rchar else None, code=code, load1=float(load1)))
    return rows


def count_findings(outdir, tool):
    path = os.path.join(outdir, f"{tool}.json")
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    if tool.startswith("bosun"):
        return len(data.get("findings", []))
    if tool.startswith("trivy"):
        return sum(len(r.get("Secrets") or []) for r in data.get("Results") or [])
    if tool.startswith("detect-secrets"):
        return sum(len(v) for v in (data.get("results") or {}).values())
    return None


def cmd_report(outdir):
    rows = load_times(outdir)
    with open(os.path.join(outdir, "stats.json")) as f:
        stats = json.load(f)
    subset = None
    if os.path.exists(os.path.join(outdir, "subset-stats.json")):
        with open(os.path.join(outdir, "subset-stats.json")) as f:
            subset = json.load(f)
    with open(os.path.join(outdir, "env.txt")) as f:
        env = f.read().rstrip()

    def mb(x):
        return x / 1e6

    print("```")
    print(env)
    print("```")
    print()
    print(f"Tree: {mb(stats['bytes']):.1f} MB in {stats['files']:,} files "
          f"({mb(stats['binary_bytes']):.1f} MB of them binary: a NUL byte in the first 8 KiB); "
          f"{stats['big_files']} files over 10 MiB ({mb(stats['big_bytes']):.1f} MB).")
    print()
    print("| part | MB | files |")
    print("|---|---:|---:|")
    for name, (size, n) in sorted(stats["top"].items(), key=lambda kv: -kv[1][0]):
        print(f"| {name} | {mb(size):.1f} | {n:,} |")
    print()
    print("| tool | scanned | timed runs | wall s (best) | MB/s | CPU s | peak RSS MiB | read MB | findings |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    best = {}
    empty = {"bytes": 0}
    for tool, label, data in [("cat", "cat", stats), ("bosun", "bosun", stats), ("trivy", "trivy", stats),
                              ("detect-secrets", "detect-secrets-subset", subset), ("bosun", "bosun-subset", subset),
                              ("trivy", "trivy-subset", subset), ("bosun", "bosun-startup", empty),
                              ("trivy", "trivy-startup", empty)]:
        runs = [r for r in rows.get(label, []) if r["run"] != "warm"] or rows.get(label, [])
        if not runs or data is None:
            continue
        b = min(runs, key=lambda r: r["wall"])
        best[label] = (b, data)
        n = count_findings(outdir, label)
        rchar = f"{mb(b['rchar']):.1f}" if b["rchar"] is not None else "?"
        scope = "tree" if data is stats else "empty directory" if data is empty else f"{mb(data['bytes']):.0f} MB subset"
        speed = f"{mb(data['bytes']) / b['wall']:.1f}" if data["bytes"] else "-"
        odd = [r["code"] for r in rows[label] if r["code"] not in ("0", "1")]
        print(f"| {tool} | {scope} | {len(runs)} | {b['wall']:.2f} | {speed} | "
              f"{b['cpu']:.2f} | {b['rss'] / 1024:.1f} | {rchar} | {n if n is not None else '-'}"
              f"{' (exit ' + ','.join(odd) + ')' if odd else ''} |")
    print()

    def ratio(a, b):
        if a in best and b in best:
            ra, rb = best[a][0], best[b][0]
            sa, sb = mb(best[a][1]["bytes"]) / ra["wall"], mb(best[b][1]["bytes"]) / rb["wall"]
            return f"x{sa / sb:.1f}"
        return "n/a"

    print(f"- bosun / trivy throughput: {ratio('bosun', 'trivy')} on the tree, "
          f"{ratio('bosun-subset', 'trivy-subset')} on the subset")
    print(f"- bosun / cat throughput: {ratio('bosun', 'cat')} (cat reads every byte and does nothing else)")
    print(f"- bosun / detect-secrets throughput (same subset): {ratio('bosun-subset', 'detect-secrets-subset')}")
    if "bosun" in best and "trivy" in best:
        print(f"- peak RSS trivy / bosun: x{best['trivy'][0]['rss'] / best['bosun'][0]['rss']:.1f}")
    print()
    for label, runs in rows.items():
        walls = ", ".join(f"{r['run']} {r['wall']:.2f}s [load {r['load1']:.1f}]" for r in runs)
        print(f"- {label}: {walls}; median of timed runs "
              f"{statistics.median([r['wall'] for r in runs if r['run'] != 'warm'] or [r['wall'] for r in runs]):.2f}s")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sub, args = sys.argv[1], sys.argv[2:]
    if sub == "run" and len(args) >= 4:
        cmd_run(args[0], args[1], args[2], args[3:])
    elif sub == "stats" and len(args) == 1:
        cmd_stats(args[0])
    elif sub == "subset" and len(args) in (3, 4):
        cmd_subset(args[0], args[1], float(args[2]), int(args[3]) if len(args) == 4 else 1)
    elif sub == "report" and len(args) == 1:
        cmd_report(args[0])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
