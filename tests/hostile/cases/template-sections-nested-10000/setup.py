# 10,000 sections nested in a page template.
import os
os.makedirs("templates", exist_ok=True)
with open("templates/404.html", "w") as f:
    f.write("{{#page_title}}\n" * 10_000 + "{{/page_title}}" * 10_000)
