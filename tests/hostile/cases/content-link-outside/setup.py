# content/pages/secret.md points at a page outside the project.
import os

outside = os.path.join(os.environ["SANDBOX"], "outside", "secret.md")
with open(outside, "w") as f:
    f.write("---\ntitle: Secret\ntype: page\n---\nNot for publishing.\n")
os.symlink(outside, "content/pages/secret.md")
