/**
 * English places, organisations and people from compromise's word lists (src/entities/english-lexicon.ts),
 * through the whole entity stage: what its tagger used to add, without running the tagger.
 */
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../src/entities/index.ts';

const found = (text: string) =>
  extractEntities({ title: '', paragraphs: [{ text, lang: 'eng' }] }).map((e) => `${e.type}:${e.canonical}`);

describe('English entities from compromise word lists', () => {
  it('finds foreign cities and countries the gazetteer does not list', () => {
    const got = found('The delegation flew from Lisbon to Montevideo on Sunday before talks in Uruguay.');
    expect(got).toEqual(expect.arrayContaining(['LOC:Lisbon', 'LOC:Montevideo', 'LOC:Uruguay']));
  });

  it('reads a multi-word place as one', () => {
    expect(found('Relief material was sent to Sri Lanka by ship.')).toContain('LOC:Sri Lanka');
  });

  it('finds a listed organisation', () => {
    expect(found('The satellite data was shared by Google with the state government.')).toContain(
      'ORG:Google',
    );
  });

  it('names a person from a listed given name and the capitalised words after it', () => {
    expect(found('The complaint was filed by Emily Hargreaves on Friday.')).toContain('PER:Emily Hargreaves');
  });

  it('keeps capitalised words just before the given name in the name', () => {
    expect(found('The shop owner, Bilal Ahmad Sheikh, told the police he was away.')).toContain(
      'PER:Bilal Ahmad Sheikh',
    );
  });

  it('does not make a person of a scheme, a firm or a place inside a longer name', () => {
    const got = found(
      'Beneficiaries of Ayushman Bharat were treated at the camp run by Mehta Associates near Lisbon Road.',
    );
    expect(got.filter((x) => x.startsWith('PER:'))).toEqual([]);
    expect(got).not.toContain('LOC:Lisbon');
  });

  it('skips a lone listed word at a sentence start, as the tagger did', () => {
    expect(found('Reading the order, the judge adjourned the case.')).toEqual([]);
  });
});
