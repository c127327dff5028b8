"""Selects the paragraphs of pib-hindi-ner from a clone of DhanviDesai/PIB_Scraping (see README.md).

Run: python3 pick.py /path/to/PIB_Scraping > paragraphs.jsonl

Hindi releases (Hindi.txt) of the commit below, less January 2020 (the month of the AIR bulletins that
entities-news measures on) and less every release that shares text with an item of incidents-real
(entities-news's paragraphs come from there): PIB often issues one text under several release ids (the
Cabinet's release and the ministry's copy, the daily bulletin), so a release is left out when its Hindi
text shares over a fifth of its word 5-grams with an incidents-real Hindi item (or the item over a fifth
of its own with the release), or its English text with an English one. Releases in hash order; per release, the lines with 30 or more Devanagari letters, until
2,500 characters are taken. Releases that share over a fifth of the smaller one's 5-grams are grouped, and about one group
in six (by hash) is the dev split, so no text is in both splits; a dev paragraph whose 5-grams are over half
in the train split is left out.
"""
import hashlib, json, re, subprocess, sys, unicodedata
from pathlib import Path

REPO = sys.argv[1]
COMMIT = 'ecc3f68540e93c65ad20ef27d93c56985b6217e8'
HERE = Path(__file__).resolve().parent
SHARED_WITH_EVAL = 0.2
SAME_TEXT = 0.2
MOSTLY = 0.5


def words(text):
    """Runs of letters, marks and digits (Python's \\w leaves out Devanagari vowel signs and the virama)."""
    out, cur = [], []
    for ch in text.lower():
        if ch in '\u200c\u200d':
            continue
        if unicodedata.category(ch)[0] in 'LMN':
            cur.append(ch)
        elif cur:
            out.append(''.join(cur))
            cur = []
    if cur:
        out.append(''.join(cur))
    return out


def shingles(text):
    w = words(text)
    return {' '.join(w[i:i + 5]) for i in range(len(w) - 4)}


def shared(a, b):
    return len(a & b) / len(a) if a else 0.0


def git_text(path):
    out = subprocess.run(['git', '-C', REPO, 'show', f'{COMMIT}:{path}'], capture_output=True)
    return out.stdout.decode('utf8') if out.returncode == 0 else ''


held = {'hin': [], 'eng': []}
for line in open(HERE.parent / 'incidents-real' / 'articles.jsonl', encoding='utf8'):
    item = json.loads(line)
    held[item['lang']].append(shingles(item['title'] + '\n' + item['text']))

names = subprocess.run(['git', '-C', REPO, 'ls-tree', '-r', '--name-only', COMMIT],
                       capture_output=True, text=True, check=True).stdout.split('\n')
releases = []
for f in names:
    if not f.endswith('/Hindi.txt') or f.startswith('2020/January/'):
        continue
    hindi = git_text(f)
    english = git_text(f[: -len('Hindi.txt')] + 'English.txt')
    sh, se = shingles(hindi), shingles(english)
    # Either way round: a release inside an item, or an item inside a (longer) release.
    if any(max(shared(sh, h), shared(h, sh)) > SHARED_WITH_EVAL for h in held['hin']) or any(
            max(shared(se, e), shared(e, se)) > SHARED_WITH_EVAL for e in held['eng']):
        continue
    releases.append((f, hindi, sh))

# Group releases that carry the same text (union-find over pairs sharing over a fifth of the smaller one's 5-grams).
parent = list(range(len(releases)))
def root(i):
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i
for i in range(len(releases)):
    for j in range(i + 1, len(releases)):
        a, b = releases[i][2], releases[j][2]
        if a and b and len(a & b) / min(len(a), len(b)) > SAME_TEXT:
            parent[root(i)] = root(j)
group_key = {}
for i, (f, _, _) in enumerate(releases):
    key = group_key.setdefault(root(i), min(r[0].split('/')[-2] for k, r in enumerate(releases) if root(k) == root(i)))

releases_sorted = sorted(range(len(releases)),
                         key=lambda i: hashlib.sha256(('pib-ner:' + releases[i][0]).encode()).hexdigest())
rows = []
for i in releases_sorted:
    f, text, _ = releases[i]
    release = f.split('/')[-2]
    group = group_key[root(i)]
    split = 'dev' if int(hashlib.sha256(('pib-ner-split:' + group).encode()).hexdigest()[:8], 16) % 6 == 0 else 'train'
    chars = 0
    for k, line in enumerate(x.strip() for x in text.split('\n')):
        if len(re.findall(r'[\u0900-\u097f]', line)) < 30:
            continue
        if chars > 2500:
            break
        rows.append({'id': f'pib-{release}-p{k}', 'release': release, 'split': split,
                     'source': f'DhanviDesai/PIB_Scraping@{COMMIT}:{f}', 'text': line})
        chars += len(line)
# A dev paragraph whose 5-grams are mostly in the train split (a statement repeated across releases that
# the grouping did not join) is left out.
train_grams = set().union(*(shingles(r['text']) for r in rows if r['split'] == 'train'))
for r in rows:
    if r['split'] == 'dev' and shared(shingles(r["text"]), train_grams) > MOSTLY:
        continue
    print(json.dumps(r, ensure_ascii=False))
