/**
 * German (and other European) text that shares short words with English (`in`, `an`, `was`, `will`)
 * is not English: function words of those languages send it to the trigram decision.
 */
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/language/index.ts';

describe('Latin-script text in other European languages', () => {
  it('calls short German sentences German, not English', () => {
    expect(detectLanguage('Verdienen die anderen auch nicht mehr?').lang).toBe('deu');
    expect(detectLanguage('Den Kuchen bei 175 °C für etwa 80 Minuten backen.').lang).toBe('deu');
    expect(detectLanguage('Die Software ist selbsterklärend und bedarf keiner Anleitung').lang).toBe('deu');
  });

  it('keeps English sentences English, Indian surnames like Das or De included', () => {
    for (const t of [
      'Police said the accused was arrested in Kolkata on Monday.',
      'Mr Das and Ms De met the officials in the district.',
      'Made in Germany',
      'The minister will visit the site in an hour.',
    ])
      expect(detectLanguage(t).lang).toBe('eng');
  });

  it('keeps romanised Hindi Hindi', () => {
    expect(detectLanguage('AIIMS ka server hack ho gaya hai aur data leak hua').lang).toBe('hin');
  });
});
