p='data/values.csv'
lines=open(p).read().splitlines()
out=[lines[0]+', Value ']+[l+',x' for l in lines[1:]]
open(p,'w').write('\n'.join(out)+'\n')
