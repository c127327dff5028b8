"""Selects the paragraphs of pib-hindi-ner from a clone of DhanviDesai/PIB_Scraping (see README.md).

Run: python3 pick.py /path/to/PIB_Scraping > paragraphs.jsonl

Hindi releases (Hindi.txt) of the commit below, less January 2020 (the month of the AIR bulletins that
entities-news measures on) and less every release that incidents-real holds (entities-news's PIB
paragraphs come from those). Releases in hash order; per release, the lines with 30 or more Devanagari
letters, until 2,500 characters are taken. About one release in six (by hash) is the dev split.
"""
import hashlib, json, re, subprocess, sys
from pathlib import Path

REPO = sys.argv[1]
COMMIT = 'ecc3f68540e93c65ad20ef27d93c56985b6217e8'
HERE = Path(__file__).resolve().parent
excluded = set()
for line in open(HERE.parent / 'incidents-real' / 'articles.jsonl', encoding='utf8'):
    item = json.loads(line)
    m = re.search(r':(2020/.*)/(?:English|Hindi)\.txt$', item['source'])
    if item['id'].startswith('pib') and m:
        excluded.add(m.group(1))
names = subprocess.run(['git', '-C', REPO, 'ls-tree', '-r', '--name-only', COMMIT],
                       capture_output=True, text=True, check=True).stdout.split('\n')
files = [f for f in names if f.endswith('/Hindi.txt') and not f.startswith('2020/January/')
         and f[: -len('/Hindi.txt')] not in excluded]
files.sort(key=lambda f: hashlib.sha256(('pib-ner:' + f).encode()).hexdigest())
for f in files:
    text = subprocess.run(['git', '-C', REPO, 'show', f'{COMMIT}:{f}'], capture_output=True, check=True).stdout.decode('utf8')
    release = f.split('/')[-2]
    split = 'dev' if int(hashlib.sha256(('pib-ner-split:' + release).encode()).hexdigest()[:8], 16) % 6 == 0 else 'train'
    chars = 0
    for k, line in enumerate(x.strip() for x in text.split('\n')):
        if len(re.findall(r'[\u0900-\u097f]', line)) < 30:
            continue
        if chars > 2500:
            break
        print(json.dumps({'id': f'pib-{release}-p{k}', 'release': release, 'split': split,
                          'source': f'DhanviDesai/PIB_Scraping@{COMMIT}:{f}', 'text': line}, ensure_ascii=False))
        chars += len(line)
