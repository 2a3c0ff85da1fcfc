# A 10 MB variable name in a page template.
import os
os.makedirs("templates", exist_ok=True)
with open("templates/404.html", "w") as f:
    f.write("<p>{{" + "x" * 10_000_000 + "}}</p>\n")
