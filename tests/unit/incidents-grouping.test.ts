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
