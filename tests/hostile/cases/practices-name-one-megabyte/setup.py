p='data/practices.csv'
s=open(p).read()
open(p,'w').write(s.replace('Alder Surgery','A'*1000000))
