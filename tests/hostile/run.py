#!/usr/bin/env python3
"""Runs the hostile-input corpus (tests/hostile/README.md describes a case).

    run.py GPRESS_EXE [NAME_REGEX]

The base project is built once. Each case copies that built project into a
sandbox of its own, changes its input, runs gpress over the previous output
and checks: the exit code, the exact error lines, that a failed run left every
file in the sandbox byte-identical (output included), that a successful run
changed nothing outside the output folders, and that every page it wrote is
well-formed and holds no live script, handler or unsafe link.
"""

import concurrent.futures
import fnmatch
import hashlib
import html.parser
import os
import re
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import tomllib
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
BASE = os.path.join(HERE, "base")
# What a build may change. .gpress/ is gpress's own record of the last build
# (a cache of parsed content), not output, but it is gpress's to rewrite.
OUTPUT_ROOTS = ("site/", "private/", ".gpress/")
CASE_KEYS = {"description", "args", "exit", "errors", "warnings", "stdout", "delete", "append",
             "may_change", "contains", "absent", "timeout"}
TIMEOUT = 30  # seconds: a case that runs longer has hung
MEMORY_LIMIT = 4 << 30  # bytes of address space: a case that needs more is unbounded


def snapshot(root):
    """Every entry under root: relative path -> (kind, content hash or link target, mode)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root)
            st = os.lstat(full)
            if stat.S_ISLNK(st.st_mode):
                out[rel] = ("link", os.readlink(full), 0)
            elif stat.S_ISDIR(st.st_mode):
                out[rel] = ("dir", "", stat.S_IMODE(st.st_mode))
            else:
                h = hashlib.sha256()
                try:
                    with open(full, "rb") as f:
                        h.update(f.read())
                    digest = h.hexdigest()
                except PermissionError:
                    digest = "unreadable"
                out[rel] = ("file", digest, stat.S_IMODE(st.st_mode))
        # os.walk does not descend into links to folders, which is what we want.
    return out


def diff(before, after):
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))


class Inertness(html.parser.HTMLParser):
    """Finds what would run in a browser: a script with a payload's marker, an
    event-handler attribute, a link or source with a scripting scheme."""

    URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcdoc"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        self.check(tag, attrs)
        self.in_script = tag == "script"

    def handle_startendtag(self, tag, attrs):
        self.check(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and "gpxss" in data.lower():
            self.problems.append(f"a <script> runs a payload: {data.strip()[:80]!r}")

    def check(self, tag, attrs):
        if tag in ("iframe", "object", "embed", "base"):
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            if name in self.URL_ATTRS and value is not None:
                scheme = re.sub(r"[\x00-\x20]", "", value).lower()
                if scheme.startswith(("javascript:", "vbscript:")) or (
                        scheme.startswith("data:") and scheme != "data:,"):
                    self.problems.append(f"<{tag} {name}={value[:60]!r}> unsafe URL")


def check_outputs(project):
    """Problems in the pages a successful run wrote."""
    problems = []
    for root in ("site", "private"):
        for dirpath, _, filenames in os.walk(os.path.join(project, root)):
            for name in filenames:
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, project)
                if rel.startswith("site/assets/") or rel.startswith("site/pagefind/"):
                    continue
                if name.endswith((".xml", ".svg")):
                    try:
                        ET.parse(full)
                    except ET.ParseError as e:
                        problems.append(f"{rel}: not well-formed XML: {e}")
                if name.endswith((".html", ".svg")):
                    with open(full, "rb") as f:
                        raw = f.read()
                    try:
                        text = raw.decode("utf-8")
                    except UnicodeDecodeError as e:
                        problems.append(f"{rel}: not UTF-8: {e}")
                        continue
                    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text):
                        problems.append(f"{rel}: holds a control character")
                    p = Inertness()
                    p.feed(text)
                    problems += [f"{rel}: {m}" for m in p.problems]
    return problems


def limit_resources():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def sanitized(exe):
    with open(exe, "rb") as f:
        return b"__asan_init" in f.read()


def run_gpress(exe, args, cwd, env, timeout, limit):
    try:
        return subprocess.run([exe] + args, cwd=cwd, env=env, capture_output=True, timeout=timeout,
                              preexec_fn=limit_resources if limit else None)
    except subprocess.TimeoutExpired:
        return None


def lines_of(b):
    return b.decode("utf-8", "replace").splitlines()


def run_case(exe, name, prebuilt, work, limit):
    case_dir = os.path.join(CASES, name)
    with open(os.path.join(case_dir, "case.toml"), "rb") as f:
        case = tomllib.load(f)
    failures = [f"unknown key '{k}' in case.toml" for k in case if k not in CASE_KEYS]
    if "description" not in case:
        failures.append("case.toml has no description")

    sandbox = os.path.join(work, name)
    project = os.path.join(sandbox, "project")
    shutil.copytree(prebuilt, project, symlinks=True)
    for sub in ("outside", "home", "tmp"):
        os.makedirs(os.path.join(sandbox, sub))
    with open(os.path.join(sandbox, "outside", "keep.txt"), "w") as f:
        f.write("a file outside the project\n")

    for rel in case.get("delete", []):
        target = os.path.join(project, rel)
        shutil.rmtree(target) if os.path.isdir(target) else os.remove(target)
    files = os.path.join(case_dir, "files")
    if os.path.isdir(files):
        shutil.copytree(files, project, dirs_exist_ok=True)
    for rel, text in case.get("append", {}).items():
        with open(os.path.join(project, rel), "ab") as f:
            f.write(text.encode("utf-8"))
    env = dict(os.environ, HOME=os.path.join(sandbox, "home"), TMPDIR=os.path.join(sandbox, "tmp"),
               GPRESS=exe, SANDBOX=sandbox, LC_ALL="C.UTF-8")
    setup = os.path.join(case_dir, "setup.py")
    if os.path.exists(setup):
        subprocess.run([sys.executable, setup], cwd=project, env=env, check=True)

    before = snapshot(sandbox)
    r = run_gpress(exe, case.get("args", ["build"]), project, env, case.get("timeout", TIMEOUT), limit)
    if r is None:
        return failures + [f"gpress did not finish within {case.get('timeout', TIMEOUT)} s"]
    after = snapshot(sandbox)
    stderr, stdout = lines_of(r.stderr), lines_of(r.stdout)

    want_exit = case.get("exit", 1)
    if r.returncode != want_exit:
        failures.append(f"exit {r.returncode}, expected {want_exit}")
    # The error lines must be exactly the expected ones: none missing, none extra.
    got_errors = [line for line in stderr if ": error: " in line or line.startswith("error: ")]
    want_errors = case.get("errors", [])
    for line in want_errors:
        if line not in got_errors:
            failures.append(f"missing error: {line}")
    for line in got_errors:
        if line not in want_errors:
            failures.append(f"unexpected error: {line[:300]}")
    for line in case.get("warnings", []):
        if line not in stderr:
            failures.append(f"missing warning: {line}")
    for line in case.get("stdout", []):
        if line not in stdout:
            failures.append(f"missing output line: {line}")

    changed = diff(before, after)
    if r.returncode != 0:
        failures += [f"a failed run changed {p}" for p in changed if not p.startswith("project/.gpress")]
    else:
        allowed = [root for root in OUTPUT_ROOTS] + case.get("may_change", [])
        for p in changed:
            rel = p[len("project/"):] if p.startswith("project/") else None
            if rel is None or not any(rel == a.rstrip("/") or rel.startswith(a) or fnmatch.fnmatch(rel, a)
                                      for a in allowed):
                failures.append(f"wrote outside the output folders: {p}")
        failures += check_outputs(project)
    for check in case.get("contains", []):
        path = os.path.join(project, check["file"])
        text = open(path, encoding="utf-8", errors="replace").read() if os.path.exists(path) else ""
        if check["text"] not in text:
            failures.append(f"{check['file']} does not contain {check['text']!r}")
    for check in case.get("absent", []):
        path = os.path.join(project, check["file"])
        if os.path.exists(path) and check["text"] in open(path, encoding="utf-8", errors="replace").read():
            failures.append(f"{check['file']} contains {check['text']!r}")
    if failures:
        failures.append("stderr was:\n    " + "\n    ".join(line[:300] for line in stderr[:40]))
    shutil.rmtree(sandbox, ignore_errors=True)
    return failures


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: run.py GPRESS_EXE [NAME_REGEX]")
    exe = os.path.abspath(sys.argv[1])
    pattern = re.compile(sys.argv[2] if len(sys.argv) > 2 else "")
    names = sorted(n for n in os.listdir(CASES) if pattern.search(n))
    limit = not sanitized(exe)  # the sanitizers reserve terabytes of address space
    with tempfile.TemporaryDirectory(prefix="gpress-hostile-") as work:
        prebuilt = os.path.join(work, "prebuilt")
        shutil.copytree(BASE, prebuilt)
        r = subprocess.run([exe, "build"], cwd=prebuilt, capture_output=True)
        if r.returncode != 0:
            sys.exit("the base project does not build:\n" + r.stderr.decode("utf-8", "replace"))
        bad = check_outputs(prebuilt)
        if bad:
            sys.exit("the base project's output is not clean:\n" + "\n".join(bad))
        failed = 0
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            results = pool.map(lambda n: (n, run_case(exe, n, prebuilt, work, limit)), names)
            for name, failures in results:
                if failures:
                    failed += 1
                    print(f"FAIL {name}")
                    for f in failures:
                        print("  " + f)
                else:
                    print(f"ok   {name}")
        print(f"{len(names) - failed} of {len(names)} hostile cases passed")
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
