#!/usr/bin/env python3
"""The longest functions of a cvsite checkout (tests excluded), by lines from `fn` to its
closing brace: `tests/tools/longest-functions.py [ROOT] [HOW_MANY]`."""
import re,sys,os
def strip(l):
    l=re.sub(r'"(\\.|[^"\\])*"','""',l)
    l=re.sub(r"'(\\.|[^'\\])'","''",l)
    return l.split('//')[0]
res=[]
root=sys.argv[1] if len(sys.argv)>1 else '.'
for dp,_,fs in os.walk(os.path.join(root,'src')):
    for f in fs:
        if not f.endswith('.rs'): continue
        p=os.path.join(dp,f); lines=open(p).read().split('\n')
        in_test=False
        for i,l in enumerate(lines):
            if '#[cfg(test)]' in l: break
            m=re.match(r'^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?fn\s+(\w+)',l)
            if not m: continue
            depth=0; started=False
            for j in range(i,len(lines)):
                s=strip(lines[j])
                if not started and ';' in s and '{' not in s: break
                depth+=s.count('{')-s.count('}')
                if '{' in s: started=True
                if started and depth<=0:
                    res.append((j-i+1,os.path.relpath(p,root)+':'+str(i+1),m.group(5))); break
res.sort(reverse=True)
for r in res[:int(sys.argv[2]) if len(sys.argv)>2 else 8]: print(*r)
