p='gpress.toml'
s=open(p).read()
open(p,'w').write(s.replace('Fixture Toolkit', 'z'*6000))
