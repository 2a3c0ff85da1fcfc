#!/usr/bin/python3
"""A 10,000-item toolkit, as a gpress project and as the same site for Hugo.

    bench/make-toolkit.py [--items N] [--out DIR]

Replicates the sample's toolkit items (content/<theme>/*.md) round-robin
until there are N of them: copy k of an item gets the slug <slug>-000k and
the title "<title> #000k"; everything else in the file is kept. Writes

    DIR/toolkit-10k/   gpress.toml (search off), data/themes.yaml, content/
    DIR/hugo-10k/      config.toml, content/ (the same Markdown files, plus an
                       _index.md per theme), layouts/ from bench/hugo-layout/

Both folders are rebuilt from scratch. DIR defaults to bench/out.
"""
import argparse
import json
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FRONT = re.compile(r"\A---\n(.*?\n)---\n", re.S)


def load_themes(path):
    import yaml  # Debian's python3-yaml

    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)["themes"]


def retitle(text, path, suffix):
    """The file with ' #<suffix>' appended to its title, front matter intact."""
    import yaml

    m = FRONT.match(text)
    if not m:
        sys.exit(f"{path}: no front matter")
    lines = m.group(1).splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("title:"):
            title = yaml.safe_load(line)["title"]
            # A JSON string is a valid double-quoted YAML scalar.
            lines[i] = "title: " + json.dumps(f"{title} #{suffix}", ensure_ascii=False) + "\n"
            break
    else:
        sys.exit(f"{path}: no title")
    return "---\n" + "".join(lines) + "---\n" + text[m.end():]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--items", type=int, default=10000)
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    args = ap.parse_args()

    themes = load_themes(os.path.join(ROOT, "data", "themes.yaml"))
    sources = []
    for t in themes:
        folder = os.path.join(ROOT, "content", t["slug"])
        for name in sorted(os.listdir(folder)):
            if name.endswith(".md"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as f:
                    sources.append((t["slug"], name[:-3], path, f.read()))
    if not sources:
        sys.exit("no toolkit items under content/")

    gp = os.path.join(args.out, "toolkit-10k")
    hu = os.path.join(args.out, "hugo-10k")
    for d in (gp, hu):
        shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(gp, "data"))
    shutil.copy(os.path.join(ROOT, "data", "themes.yaml"), os.path.join(gp, "data"))
    shutil.copytree(os.path.join(ROOT, "content", "pages"), os.path.join(gp, "content", "pages"))
    shutil.copytree(os.path.join(ROOT, "content", "pages"), os.path.join(hu, "content", "pages"))

    with open(os.path.join(ROOT, "gpress.toml"), encoding="utf-8") as f:
        toml = f.read()
    # Hugo has no search index; Pagefind is measured on its own by bench/run.
    toml = re.sub(r"(?ms)^\[search\].*?(?=^\[|\Z)", "", toml).rstrip() + "\n\n[search]\nenabled = false\n"
    with open(os.path.join(gp, "gpress.toml"), "w", encoding="utf-8") as f:
        f.write(toml)

    for t in themes:
        for d in (gp, hu):
            os.makedirs(os.path.join(d, "content", t["slug"]), exist_ok=True)
        with open(os.path.join(hu, "content", t["slug"], "_index.md"), "w", encoding="utf-8") as f:
            f.write("---\n" + "title: " + json.dumps(t["title"]) + "\n"
                    + "summary: " + json.dumps(t["summary"]) + "\n"
                    + f"weight: {t['number']}\n---\n")

    for i in range(args.items):
        theme, slug, path, text = sources[i % len(sources)]
        suffix = f"{i // len(sources) + 1:04d}"
        out = retitle(text, path, suffix)
        rel = os.path.join("content", theme, f"{slug}-{suffix}.md")
        for d in (gp, hu):
            with open(os.path.join(d, rel), "w", encoding="utf-8") as f:
                f.write(out)

    title = re.search(r'(?m)^title\s*=\s*"(.*)"', toml).group(1)
    with open(os.path.join(hu, "config.toml"), "w", encoding="utf-8") as f:
        f.write(f'''baseURL = "https://toolkit.example.nhs.uk/"
languageCode = "en-gb"
title = {json.dumps(title)}
disableHugoGeneratorInject = true
# gpress's feed.xml holds the 50 newest items.
rssLimit = 50
enableRobotsTXT = false
[taxonomies]
  tag = "tags"
# gpress writes one feed (feed.xml) and one sitemap; Hugo would otherwise
# write an RSS feed for every section and tag as well.
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
[markup.goldmark.renderer]
  unsafe = false
''')
    shutil.copytree(os.path.join(HERE, "hugo-layout"), os.path.join(hu, "layouts"))
    # gpress's case-studies and maturity-framework pages, as Hugo pages.
    os.makedirs(os.path.join(hu, "data"))
    shutil.copy(os.path.join(ROOT, "data", "themes.yaml"), os.path.join(hu, "data"))
    for slug, title in (("case-studies", "Case studies"), ("maturity-framework", "Maturity framework")):
        with open(os.path.join(hu, "content", slug + ".md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: {title}\nlayout: {slug.split('-')[0]}\n---\n")
    print(f"{args.items} items from {len(sources)} sample items: {gp} and {hu}")


if __name__ == "__main__":
    main()
