/**
 * The world (countries and capitals) and Union (ministries and departments) gazetteer lists: they must
 * not take aliases from the older hand-checked lists, and the words they could be confused with must stay
 * what they are.
 */
import { describe, expect, it } from 'vitest';
import districts from '../../src/entities/gazetteer-districts.json' with { type: 'json' };
import loc from '../../src/entities/gazetteer-loc.json' with { type: 'json' };
import misc from '../../src/entities/gazetteer-misc.json' with { type: 'json' };
import org from '../../src/entities/gazetteer-org.json' with { type: 'json' };
import national from '../../src/entities/gazetteer-org-national.json' with { type: 'json' };
import union from '../../src/entities/gazetteer-union.json' with { type: 'json' };
import world from '../../src/entities/gazetteer-world.json' with { type: 'json' };
import { extractEntities } from '../../src/entities/index.ts';

type Entry = { canonical: string; aliases: string[] };
const names = (e: Entry) => [e.canonical, ...e.aliases];
const found = (text: string, lang: string) =>
  extractEntities({ title: '', paragraphs: [{ text, lang }] }).map((e) => `${e.type}:${e.canonical}`);

describe('world and Union gazetteer lists', () => {
  it('share no alias with an older entry of another name', () => {
    const older = new Map<string, string>();
    for (const e of [...org, ...national, ...loc, ...districts, ...misc] as Entry[])
      for (const n of names(e)) older.set(n.toLowerCase(), e.canonical);
    const clashes: string[] = [];
    for (const e of [...world, ...union] as Entry[])
      for (const n of names(e)) {
        const owner = older.get(n.toLowerCase());
        if (owner !== undefined && owner !== e.canonical) clashes.push(`${n}: ${e.canonical} / ${owner}`);
      }
    expect(clashes).toEqual([]);
  });

  it('find countries, capitals and Union ministries in both scripts', () => {
    expect(found('खान मंत्रालय ने पेरू और केन्या के साथ समझौता किया, बैठक नैरोबी में हुई।', 'hin')).toEqual(
      expect.arrayContaining(['ORG:Ministry of Mines', 'LOC:Peru', 'LOC:Kenya', 'LOC:Nairobi']),
    );
    expect(found('The Ministry of Mines signed an agreement with Peru in Lima.', 'eng')).toEqual(
      expect.arrayContaining(['ORG:Ministry of Mines', 'LOC:Peru', 'LOC:Lima']),
    );
  });

  it('match a mixed-case acronym only with its case', () => {
    expect(found('The DoT and MoLE issued orders.', 'eng')).toEqual(
      expect.arrayContaining([
        'ORG:Department of Telecommunications',
        'ORG:Ministry of Labour and Employment',
      ]),
    );
    expect(found('He took a Dot Net course and saw a mole near the temple.', 'eng')).toEqual([]);
    // A brand with a longer lowercase run is a name, not an acronym: any case finds it.
    expect(found('He sent it on Whatsapp.', 'eng')).toEqual(['ORG:WhatsApp']);
  });

  it('leave idioms, dishes, ragas and state bodies alone', () => {
    for (const text of [
      'उसके रोम-रोम में देशभक्ति है।',
      'मेनू में चिली पनीर था।',
      'उन्होंने राग यमन गाया।',
      'राज्य निर्वाचन आयोग ने तारीख घोषित की।',
      'तहसील में राजस्व विभाग की टीम पहुंची।',
      'मशीन में ग्रीस लगाना जरूरी है।',
      'उसने हनी चिली आलू मंगाया।',
    ])
      expect(found(text, 'hin'), text).toEqual([]);
    expect(found('रोम में बैठक हुई और तुर्की ने विरोध किया।', 'hin')).toEqual(['LOC:Rome', 'LOC:Turkey']);
  });

  it('leave people named like a country or capital to the person rules', () => {
    expect(found('Michael Jordan and Sofia Hayat met Chad Smith.', 'eng')).toEqual([
      'PER:Michael Jordan',
      'PER:Sofia Hayat',
      'PER:Chad Smith',
    ]);
  });
});
