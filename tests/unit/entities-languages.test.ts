/**
 * The entity stage per paragraph language: the English and Hindi name rules run on English and Hindi
 * text; a paragraph in another language (German, Spanish …) gets gazetteer names and acronyms only,
 * since its capitalised nouns are not names and its words are not English head words.
 */
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../src/entities/index.ts';

const names = (title: string, paragraphs: { text: string; lang: string }[]): string[] =>
  extractEntities({ title, paragraphs })
    .map((e) => `${e.type}:${e.canonical}`)
    .sort();

describe('entities by paragraph language', () => {
  it('finds a person after a title in English', () => {
    const found = names('', [{ text: 'The hearing was led by Justice Arun Mehra on Monday.', lang: 'eng' }]);
    expect(found).toContain('PER:Arun Mehra');
  });

  it('reads no English name rules into a German paragraph, but keeps gazetteer names and acronyms', () => {
    const text =
      'Vielen Dank Anja, sagte der Sprecher der Deutsche Bank nach dem Treffen in Mumbai mit der WHO.';
    const found = names('', [{ text, lang: 'deu' }]);
    expect(found).toContain('LOC:Mumbai');
    expect(found.some((n) => n.endsWith(':WHO') || n.includes('World Health'))).toBe(true);
    expect(found.some((n) => n.startsWith('PER:'))).toBe(false);
    expect(found).not.toContain('ORG:Deutsche Bank');
  });

  it('takes a Latin title for English only when the body is not in another Latin-script language', () => {
    const german = [
      { text: 'Die Polizei hat am Montag in Mumbai ermittelt, teilte ein Sprecher mit.', lang: 'deu' },
    ];
    expect(names('Gespräch mit Minister Karl Weber', german).some((n) => n.startsWith('PER:'))).toBe(false);
    const english = [{ text: 'Police in Mumbai said on Monday that the case was registered.', lang: 'eng' }];
    expect(names('Talks with Minister Karl Weber', english)).toContain('PER:Karl Weber');
  });

  it('still reads English names written inside a Hindi paragraph', () => {
    const text = 'मरीज को Tata Memorial Hospital ले जाया गया।';
    expect(names('', [{ text, lang: 'hin' }])).toContain('ORG:Tata Memorial Hospital');
  });
});
