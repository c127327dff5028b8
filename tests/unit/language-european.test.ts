/**
 * German (and other European) text that shares short words with English (`in`, `an`, `was`, `will`)
 * is not English: function words of those languages send it to the trigram decision.
 */
import { describe, expect, it } from 'vitest';
import { detectDocumentLanguages, detectLanguage } from '../../src/language/index.ts';

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

describe('lines with no English cue on a page in another Latin language', () => {
  const page = [
    'Die Plätzchen werden nach dem Rezept meiner Großmutter gebacken, und sie schmecken jedes Jahr.',
    'Den Teig über Nacht im Kühlschrank ruhen lassen und dann dünn ausrollen.',
    '300 g Mehl',
    'Backofen auf 200 °C (Umluft) vorheizen',
  ];

  it("take the page's language instead of the English default", () => {
    expect(detectLanguage('300 g Mehl').lang).toBe('eng');
    const { paragraphs, document } = detectDocumentLanguages(page, { title: 'Zimtsterne' });
    expect(document.lang).toBe('deu');
    expect(paragraphs.map((p) => p.lang)).toEqual(['deu', 'deu', 'deu', 'deu']);
  });

  it('leave an English line English on such a page, and a line on an English page English', () => {
    const mixed = detectDocumentLanguages([...page, 'Photo courtesy of the author.']);
    expect(mixed.paragraphs.at(-1)!.lang).toBe('eng');
    const english = detectDocumentLanguages([
      'The police said the accused was arrested on Monday.',
      '300 g Mehl',
    ]);
    expect(english.paragraphs.map((p) => p.lang)).toEqual(['eng', 'eng']);
  });
});

describe('function words that settle a language without trigrams', () => {
  it('reads a paragraph full of one language’s function words as that language, with high confidence', () => {
    const german = detectLanguage(
      'Die Nutzung von Office im Rahmen der Duldung ist an mehrere Bedingungen geknüpft, und die Schule muss sie mit den Eltern absprechen, bevor sie auf den Rechnern der Kinder läuft.',
    );
    expect(german.lang).toBe('deu');
    expect(german.confidence).toBeGreaterThanOrEqual(0.9);
    const french = detectLanguage(
      'Les trottinettes électriques sont interdites sur les trottoirs, et la ville veut que les loueurs les retirent des rues avant la fin du mois pour la sécurité des piétons.',
    );
    expect(french.lang).toBe('fra');
    const spanish = detectLanguage(
      'El gobierno anunció que los precios de la gasolina bajarán este mes, pero los transportistas dicen que la medida llega tarde para las empresas pequeñas del país.',
    );
    expect(spanish.lang).toBe('spa');
  });

  it('leaves text whose function words do not clearly lead to the trigram step', () => {
    // Three Spanish and two Italian function words: no language leads clearly, franc decides.
    const guess = detectLanguage(
      'Il sindaco ha detto che la strada con una nuova piazza sarà aperta presto per tutti i cittadini della zona.',
    );
    expect(guess.lang).toBe('ita');
    expect(guess.confidence).toBeLessThan(0.9);
  });
});
