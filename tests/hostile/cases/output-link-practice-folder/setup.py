# private/practices/A81001 points at an empty folder outside the project.
import os
import shutil

outside = os.path.join(os.environ["SANDBOX"], "outside", "A81001")
os.makedirs(outside)
shutil.rmtree("private/practices/A81001")
os.symlink(outside, "private/practices/A81001")
