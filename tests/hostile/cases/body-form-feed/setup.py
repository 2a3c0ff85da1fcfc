p='content/pages/about.md'
open(p,'ab').write(b'\npage\x0cbreak\n')
