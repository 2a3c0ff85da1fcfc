p='data/themes.yaml'
s=open(p).read()
open(p,'w').write(s.replace('The first theme.', 'y'*6000))
