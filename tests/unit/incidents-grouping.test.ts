/**
 * Conservative grouping on articles written for these tests: generic names never join strangers, a chain of
 * look-alikes does not drift, undated reports do not merge through names, and a Hindi and an English report
 * of one fire in one district still meet through canonical entities.
 */
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/types.ts';
import { isBroadPlace } from '../../src/incidents/broad-places.ts';
import { digestArticle } from '../../src/incidents/digest.ts';
import { IncidentEngine } from '../../src/incidents/engine.ts';
import { clusters, linked } from '../../src/incidents/grouping.ts';
import { namesDifferentPeople } from '../../src/incidents/people.ts';
import type { ArticleDigest } from '../../src/incidents/types.ts';
import { analyze } from '../../src/pipeline/analyze.ts';
import { SqliteIncidentStore } from '../../src/store/incidents/sqlite-incident-store.ts';
import { shuffle } from '../eval/incidents.ts';

const article = (title: string, published: string | undefined, ...paragraphs: string[]): Article =>
  analyze({
    content: [title, ...(published ? [`Published : ${published}`] : []), ...paragraphs].join('\n\n'),
    format: 'text',
  });
const digest = (a: Article): ArticleDigest => {
  const d = digestArticle(a);
  if (!d) throw new Error(`not an incident: ${a.title}`);
  return d;
};

async function group(articles: Article[]): Promise<string[][]> {
  const store = new SqliteIncidentStore(':memory:');
  await store.init();
  const engine = new IncidentEngine(store);
  for (const a of articles) await engine.add(a);
  const { incidents } = await store.listIncidents({ limit: 100 });
  const out: string[][] = [];
  for (const i of incidents) out.push((await store.members(i.id)).map((m) => m.title).sort());
  await store.close();
  return out.sort();
}

const fireEn = article(
  'Fire breaks out at cotton mill in Vizianagaram, 14 workers rescued',
  'Mar 3, 2024, 6:10 PM IST',
  'Vizianagaram: A fire broke out at a cotton mill in Vizianagaram district on Sunday afternoon. Fire tenders rescued 14 workers trapped on the upper floor.',
  'Officials said a short circuit in the spinning section is suspected.',
);
const fireHi = article(
  'विजयनगरम की कॉटन मिल में लगी भीषण आग, 14 मजदूरों को बचाया गया',
  'Mar 3, 2024, 8:30 PM IST',
  'विजयनगरम: विजयनगरम जिले की एक कॉटन मिल में रविवार दोपहर भीषण आग लग गई। दमकल की टीम ने ऊपर फंसे 14 लोगों को सुरक्षित निकाला।',
  'अधिकारियों के अनुसार शॉर्ट सर्किट से आग लगने की आशंका है।',
);

describe('conservative grouping', () => {
  it('never merges two stories that share only a party and a big city', async () => {
    const a = article(
      'Congress workers protest in Delhi over fuel price hike',
      'Jun 10, 2024, 2:00 PM IST',
      'New Delhi: Congress workers staged a protest outside the petroleum ministry in Delhi on Monday against the rise in fuel prices.',
    );
    const b = article(
      'Congress workers protest in Delhi against paper leak in recruitment exam',
      'Jun 12, 2024, 4:00 PM IST',
      'New Delhi: Congress workers held a protest in Delhi on Wednesday over the leak of a recruitment exam paper.',
    );
    expect(digest(a).type).toBe('protest');
    expect(digest(b).type).toBe('protest');
    expect(linked(digest(a), digest(b))).toBe(false);
    expect(await group([a, b])).toHaveLength(2);
  });

  it('merges a Hindi and an English report of one fire in one district', async () => {
    expect(digest(fireEn).type).toBe('fire');
    expect(digest(fireHi).type).toBe('fire');
    expect(linked(digest(fireEn), digest(fireHi))).toBe(true);
    expect(await group([fireHi, fireEn])).toHaveLength(1);
  });

  it('does not merge undated reports through names alone', () => {
    const undated = { ...digest(fireHi), id: 'undated', contentHash: 'x', time: 0 };
    delete undated.published;
    expect(linked(digest(fireEn), undated)).toBe(false);
  });

  it('does not merge the same kind of incident at the same place a month apart', () => {
    const later = article(
      'Fire breaks out at cotton mill in Vizianagaram again',
      'Apr 20, 2024, 6:10 PM IST',
      'Vizianagaram: A fire broke out at a cotton mill in Vizianagaram district on Saturday. No one was hurt.',
    );
    expect(linked(digest(fireEn), digest(later))).toBe(false);
  });

  it('does not let a chain A~B~C merge A and C, in any arrival order', async () => {
    const base = digest(fireEn);
    const at = (id: string, hours: number, places: string[]): ArticleDigest => ({
      ...base,
      id,
      contentHash: id,
      time: base.time + hours * 3_600_000,
      minhash: base.minhash.map((v, i) => v + i + id.charCodeAt(0)),
      places: places.map((name) => ({ name, evidence: base.orgs[0]?.evidence ?? base.places[0]!.evidence })),
      orgs: [],
      people: [],
    });
    const a = at('a', 0, ['Kothavalasa']);
    const b = at('b', 2, ['Kothavalasa', 'Bobbili']);
    const c = at('c', 4, ['Bobbili']);
    expect(linked(a, b)).toBe(true);
    expect(linked(b, c)).toBe(true);
    expect(linked(a, c)).toBe(false);
    for (let seed = 1; seed <= 6; seed++) {
      const parts = clusters(shuffle([a, b, c], seed)).map((p) => p.map((d) => d.id).sort());
      expect(parts.some((p) => p.includes('a') && p.includes('c'))).toBe(false);
      expect(parts).toEqual([['a', 'b'], ['c']]);
    }
  });
});

describe('broad places and kinds', () => {
  it('does not tie two attacks in one foreign capital in one week through the city and the country', () => {
    const a = article(
      'Gunmen attack police checkpoint in Baghdad, four killed',
      'Jan 2, 2020, 9:00 AM IST',
      "Baghdad: Gunmen opened fire at a police checkpoint in Iraq's capital on Thursday, killing four policemen.",
    );
    const b = article(
      'Mob attacks shops in Baghdad market, two killed',
      'Jan 3, 2020, 7:00 PM IST',
      "Baghdad: A mob attacked shops in a market in Iraq's capital on Friday, killing two shopkeepers.",
    );
    expect(digest(a).type).toBe('attack');
    expect(digest(b).type).toBe('attack');
    expect(linked(digest(a), digest(b))).toBe(false);
  });

  it('keeps a gunfight and a mine blast in one district two days apart as two incidents', () => {
    const gunfight = article(
      'Two soldiers killed in gunfight with militants in Kupwara',
      'Jan 1, 2020, 11:00 AM IST',
      'Kupwara: Two soldiers were killed in a gunfight with militants in Kupwara district on Wednesday.',
    );
    const blast = article(
      'Officer injured in mine blast near LoC in Kupwara',
      'Jan 3, 2020, 5:00 PM IST',
      'Kupwara: An army officer was injured in a mine blast near the Line of Control in Kupwara district on Friday.',
    );
    expect(digest(gunfight).type).toBe('attack');
    expect(digest(blast).type).toBe('explosion');
    expect(linked(digest(gunfight), digest(blast))).toBe(false);
  });

  it('knows countries and world capitals in English and in transliterated Hindi, not districts', () => {
    expect(isBroadPlace('Iraq')).toBe(true);
    expect(isBroadPlace('Irak')).toBe(true);
    expect(isBroadPlace('इराक')).toBe(true);
    expect(isBroadPlace('Baghdad')).toBe(true);
    expect(isBroadPlace('Saudi Arabia')).toBe(true);
    expect(isBroadPlace('Kupwara')).toBe(false);
    expect(isBroadPlace('Vizianagaram')).toBe(false);
  });
});

describe('one kind of anchor alone is weak evidence', () => {
  const base = digest(fireEn);
  const evidence = base.places[0]!.evidence;
  const named = (names: string[]) => names.map((name) => ({ name, evidence }));
  /** A digest with chosen facts; its shingles share nothing with any other's. */
  const make = (
    id: string,
    over: Partial<ArticleDigest> & { hours?: number; placeNames?: string[]; peopleNames?: string[] },
  ): ArticleDigest => {
    const { hours = 0, placeNames = [], peopleNames = [], ...rest } = over;
    const d: ArticleDigest = {
      ...base,
      id,
      contentHash: id,
      time: base.time + hours * 3_600_000,
      minhash: base.minhash.map((v, i) => v * 7 + i * 13 + id.length * 31 + id.charCodeAt(id.length - 1)),
      places: named(placeNames),
      people: named(peopleNames),
      orgs: [],
      counts: [],
      keywords: [],
      ...rest,
    };
    delete d.start;
    return d;
  };
  const words = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

  it('needs close wording when a person is all two same-language reports share', () => {
    // 5 of 35 headline terms in common (Jaccard 0.14): enough for a shared district, not for a person alone,
    // whom every story of a crisis names.
    const strike = make('strike', {
      type: 'attack',
      language: 'en',
      peopleNames: ['Farhad Tavakoli'],
      keywords: [...words('k', 5), ...words('a', 15)],
    });
    const rockets = make('rockets', {
      type: 'attack',
      language: 'en',
      hours: 40,
      peopleNames: ['Farhad Tavakoli'],
      keywords: [...words('k', 5), ...words('b', 15)],
    });
    expect(linked(strike, rockets)).toBe(false);
    // Near-identical wording (Jaccard above twice the usual bar) still ties them.
    const retold = { ...rockets, keywords: [...words('k', 5), ...words('a', 12), ...words('c', 3)] };
    expect(linked(strike, retold)).toBe(true);
    // The same district with the same weak wording is enough.
    const atPlace = (d: ArticleDigest) => ({ ...d, people: [], places: named(['Kothavalasa']) });
    expect(linked(atPlace(strike), atPlace(rockets))).toBe(true);
  });

  it('still joins a Hindi and an English report through one named person and their names', () => {
    const en = make('arrest-en', {
      type: 'crime',
      language: 'en',
      peopleNames: ['Ranvir Chauhan', 'Sunil Barve'],
    });
    const hi = make('arrest-hi', {
      type: 'crime',
      language: 'hi',
      hours: 1,
      peopleNames: ['Ranvir Chauhan'],
    });
    expect(linked(en, hi)).toBe(true);
  });

  it('keeps two ceasefire violations in one district six days apart apart', () => {
    const first = make('first', {
      type: 'attack',
      language: 'en',
      placeNames: ['Poonch'],
      keywords: words('k', 10),
    });
    const next = {
      ...first,
      id: 'next',
      contentHash: 'next',
      minhash: make('next', {}).minhash,
      time: first.time + 6 * 86_400_000,
    };
    expect(linked(first, next)).toBe(false);
    const sameDay = { ...next, time: first.time + 20 * 3_600_000 };
    expect(linked(first, sameDay)).toBe(true);
    // A named target in common carries a week-later follow-up.
    const withTarget = (d: ArticleDigest) => ({ ...d, orgs: named(['Krishna Ghati Brigade']) });
    expect(linked(withTarget(first), withTarget(next))).toBe(true);
    // A flood is news in one district for a week: lasting kinds keep the usual window.
    const flood = (d: ArticleDigest): ArticleDigest => ({ ...d, type: 'natural-disaster' });
    expect(linked(flood(first), flood(next))).toBe(true);
  });

  it('does not join arrests of two different named men in one district', () => {
    const one = make('one', {
      type: 'crime',
      language: 'en',
      placeNames: ['Ganderbal'],
      peopleNames: ['Nissar Ahmed Dar'],
      keywords: words('k', 10),
    });
    const other = make('other', {
      type: 'crime',
      language: 'hi',
      hours: 20,
      placeNames: ['Ganderbal'],
      peopleNames: ['Irfan Ahmad Lone'],
    });
    expect(namesDifferentPeople(one, other)).toBe(true);
    expect(linked(one, other)).toBe(false);
    // The same man in a rough transliteration with a stray word is the same arrest.
    const same = { ...other, people: named(['Atankawadi Nisar Ahmad']) };
    expect(namesDifferentPeople(one, same)).toBe(false);
    expect(linked(one, same)).toBe(true);
    // A report naming nobody says nothing about who was arrested.
    expect(namesDifferentPeople(one, { ...other, people: [] })).toBe(false);
  });

  it('joins reports of one kind naming the same target in both headlines or leads, whatever their bodies say', () => {
    const campus = (paragraph: number | null) => [
      { name: 'Rajgir Polytechnic', evidence: { ...evidence, paragraph } },
    ];
    const reaction = make('reaction', {
      type: 'attack',
      language: 'en',
      orgs: campus(null),
      peopleNames: ['Mohan Verma', 'Sita Rao', 'Imran Qadri', 'Lalit Joshi'],
      keywords: words('r', 12),
    });
    const update = make('update', {
      type: 'attack',
      language: 'hi',
      hours: 30,
      orgs: campus(null),
      peopleNames: ['Harpreet Sodhi'],
    });
    expect(linked(reaction, update)).toBe(true);
    // Named in the lead paragraph of one is as good.
    expect(linked(reaction, { ...update, orgs: campus(1) })).toBe(true);
    // Named only deeper in the body of one: the usual text test decides, and these bodies share nothing.
    expect(linked(reaction, { ...update, orgs: campus(2) })).toBe(false);
    // A different kind at the same target is not the same incident.
    expect(linked(reaction, { ...update, type: 'fire' })).toBe(false);
  });

  it('treats big cities of neighbouring countries as broad, in both scripts', () => {
    expect(isBroadPlace('Peshawar')).toBe(true);
    expect(isBroadPlace('पेशावर')).toBe(true);
    expect(isBroadPlace('Quetta')).toBe(true);
    expect(isBroadPlace('Nankana Sahib')).toBe(false);
  });
});

describe('no specific anchor: the same stated day in the same cities', () => {
  const arrestEn = article(
    'Police arrest three men for running a fake call centre',
    'Feb 8, 2024, 11:00 AM IST',
    'Police said three men were arrested in Hyderabad on Tuesday for running a fake call centre that cheated customers, and were taken to Pune for questioning.',
    'Officers seized twelve laptops and forty mobile phones from the premises.',
  );
  const arrestHi = article(
    'फर्जी कॉल सेंटर चलाने के आरोप में तीन लोग गिरफ्तार',
    'Feb 8, 2024, 1:30 PM IST',
    'पुलिस ने बताया कि फर्जी कॉल सेंटर चलाकर ग्राहकों से ठगी करने वाले तीन लोगों को मंगलवार को हैदराबाद में गिरफ्तार किया गया और पूछताछ के लिए पुणे ले जाया गया।',
    'पुलिस ने बारह लैपटॉप और चालीस मोबाइल फोन जब्त किए।',
  );

  it('joins a Hindi and an English report naming two cities and one stated day', async () => {
    const en = digest(arrestEn);
    const hi = digest(arrestHi);
    expect(en.type).toBe(hi.type);
    expect(en.start?.value).toBe('2024-02-06');
    expect(hi.start?.value).toBe('2024-02-06');
    expect(linked(en, hi)).toBe(true);
    // Found through the store's key index too, not only when compared.
    expect(await group([arrestHi, arrestEn])).toHaveLength(1);
  });

  it('does not join them on one city, on a city and its state, or on another stated day', () => {
    const en = digest(arrestEn);
    const hi = digest(arrestHi);
    const only = (d: ArticleDigest, names: string[]) => ({
      ...d,
      places: d.places.filter((p) => names.includes(p.name)),
    });
    expect(linked(only(en, ['Hyderabad']), only(hi, ['Hyderabad']))).toBe(false);
    const withState = (d: ArticleDigest) => ({
      ...only(d, ['Hyderabad']),
      places: [...only(d, ['Hyderabad']).places, { name: 'Telangana', evidence: d.places[0]!.evidence }],
    });
    expect(linked(withState(en), withState(hi))).toBe(false);
    expect(linked(en, { ...hi, start: { ...hi.start!, value: '2024-02-05' } })).toBe(false);
    // Another kind of incident on that day in those cities is another incident.
    expect(linked(en, { ...hi, type: 'fire' })).toBe(false);
  });
});
