# site/tags points at ../outside, which holds a page a build would remove as stale.
import os
import shutil

outside = os.path.join(os.environ["SANDBOX"], "outside")
shutil.copytree("site/tags", os.path.join(outside, "tags"))
os.makedirs(os.path.join(outside, "tags", "stale"))
with open(os.path.join(outside, "tags", "stale", "index.html"), "w") as f:
    f.write("a stale page outside the project\n")
shutil.rmtree("site/tags")
os.symlink(os.path.join(outside, "tags"), "site/tags")
