open('data/values.csv','a').write('A81001,qof_achievement,2021-22,' + '9'*1000000 + ',,\n')
