p='content/alpha/checklist.md'
open(p,'ab').write(b'\nCaf\xe9 au lait\n')
