# .gpress points at a folder outside the project.
import os
import shutil

outside = os.path.join(os.environ["SANDBOX"], "outside", "state")
shutil.copytree(".gpress", outside)
shutil.rmtree(".gpress")
os.symlink(outside, ".gpress")
