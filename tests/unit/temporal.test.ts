import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TemporalValue } from '../../src/core/types.ts';
import { extractTemporal } from '../../src/temporal/index.ts';

// Thursday, 9:04 PM IST: the seed article's publication time.
const PUBLISHED = '2022-11-24T21:04:00+05:30';
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'etv-aiims-hi.txt');

function run(
  text: string,
  lang = /[\u0900-\u097F]/.test(text) ? 'hin' : 'eng',
  published: string | null = PUBLISHED,
) {
  return extractTemporal({ title: '', paragraphs: [{ text, lang }] }, { published: published ?? undefined });
}

function seedParagraphs(): string[] {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n');
  const body = lines.slice(lines.findIndex((l) => l.startsWith('Published')));
  const starts = ['दिल्ली एम्स ने एक बयान में कहा कि', 'नई दिल्ली: साउथ दिल्ली पुलिस', 'सर्वर हैक होने के कारण'];
  return starts.map((s) => body.find((l) => l.startsWith(s))!.trim());
}

describe('temporal: seed article (etv-aiims-hi)', () => {
  const paragraphs = seedParagraphs();
  const values = extractTemporal(
    {
      title: 'दिल्ली AIIMS सर्वर हैक मामले में दिल्ली पुलिस ने अज्ञात लोगों के खिलाफ मामला दर्ज किया',
      paragraphs: paragraphs.map((text) => ({ text, lang: 'hin' })),
    },
    { published: PUBLISHED },
  );

  it.each([
    { surface: 'बुधवार', kind: 'date', value: '2022-11-23' },
    { surface: 'गुरुवार', kind: 'date', value: '2022-11-24' },
    { surface: 'सुबह सात बजे', kind: 'time', value: '2022-11-23T07:00:00+05:30' },
    { surface: 'करीब 11 घंटे', kind: 'duration', value: 'PT11H', approximate: true },
  ])('finds $surface', (expected) => {
    expect(values).toContainEqual(expect.objectContaining(expected));
  });

  it('locates every value exactly in its paragraph', () => {
    expect(values.length).toBeGreaterThanOrEqual(4);
    for (const v of values) {
      expect(v.paragraph).not.toBeNull();
      expect(paragraphs[v.paragraph!].slice(v.start, v.end)).toBe(v.surface);
    }
  });

  it('finds nothing spurious (no bare numbers, no overlaps)', () => {
    expect(values.map((v) => v.surface).sort()).toEqual(
      ['करीब 11 घंटे', 'गुरुवार', 'बुधवार', 'बुधवार', 'सुबह सात बजे'].sort(),
    );
  });
});

type Case = [
  text: string,
  surface: string,
  kind: TemporalValue['kind'],
  value: string,
  approximate?: boolean,
];

// Reference for every case: Thursday 2022-11-24 21:04 +05:30.
const CASES: Case[] = [
  // Absolute dates, Hindi
  ['24 नवंबर 2022 को हमला हुआ था', '24 नवंबर 2022', 'date', '2022-11-24'],
  ['घटना 24 नवम्बर, 2022 की है', '24 नवम्बर, 2022', 'date', '2022-11-24'],
  ['नवंबर 24 को सर्वर बंद था', 'नवंबर 24', 'date', '2022-11-24'],
  ['१५ अगस्त १९४७ को देश आजाद हुआ', '१५ अगस्त १९४७', 'date', '1947-08-15'],
  ['5 दिसंबर को धमाका हुआ था', '5 दिसंबर', 'date', '2021-12-05'],
  ['24/11/2022 को एफआईआर दर्ज हुई', '24/11/2022', 'date', '2022-11-24'],
  ['आदेश 24-11-2022 को जारी हुआ', '24-11-2022', 'date', '2022-11-24'],
  ['तारीख 2022-11-24 दर्ज है', '2022-11-24', 'date', '2022-11-24'],
  ['3 तारीख को मामला दर्ज हुआ था', '3 तारीख', 'date', '2022-11-03'],
  ['नवंबर 2022 में सर्वर हैक हुआ', 'नवंबर 2022', 'date', '2022-11'],
  ['मार्च में चुनाव हुए थे', 'मार्च', 'date', '2022-03'],
  ['15 फ़रवरी को हादसा हुआ था', '15 फ़रवरी', 'date', '2022-02-15'],
  // Absolute dates, English
  ['The attack was reported on Nov 24, 2022.', 'Nov 24, 2022', 'date', '2022-11-24'],
  ['It happened on 24 November 2022 in Delhi.', '24 November 2022', 'date', '2022-11-24'],
  ['Services were hit on November 24.', 'November 24', 'date', '2022-11-24'],
  ['The blast happened on Dec 5.', 'Dec 5', 'date', '2021-12-05'],
  ['The meeting will be held on December 5.', 'December 5', 'date', '2022-12-05'],
  ['The order is dated 5/3/2022.', '5/3/2022', 'date', '2022-03-05'],
  ['A US filing dated 11/24/2022 was cited.', '11/24/2022', 'date', '2022-11-24'],
  ['On Thursday, Nov. 24 the hospital switched to paper.', 'Nov. 24', 'date', '2022-11-24'],
  ['Admissions resumed on 24th November.', '24th November', 'date', '2022-11-24'],
  ['The breach began in November 2022.', 'November 2022', 'date', '2022-11'],
  ['The probe began on the 5th of March, officials said.', '5th of March', 'date', '2022-03-05'],
  // Weekdays
  ['बुधवार को सर्वर डाउन हुआ', 'बुधवार', 'date', '2022-11-23'],
  ['एम्स ने गुरुवार को निर्देश जारी किए', 'गुरुवार', 'date', '2022-11-24'],
  ['सोमवार से हड़ताल चल रही थी', 'सोमवार', 'date', '2022-11-21'],
  ['बृहस्पतिवार को आदेश आया', 'बृहस्पतिवार', 'date', '2022-11-24'],
  ['रविवार को रैली हुई थी', 'रविवार', 'date', '2022-11-20'],
  ['शुक्रवार को बारिश हुई', 'शुक्रवार', 'date', '2022-11-18'],
  ['शनिवार को बाजार बंद रहा', 'शनिवार', 'date', '2022-11-19'],
  ['मंगलवार को सुनवाई हुई थी', 'मंगलवार', 'date', '2022-11-22'],
  ['अगले सोमवार को सुनवाई होगी', 'अगले सोमवार', 'date', '2022-11-28'],
  ['पिछले गुरुवार को बैठक हुई थी', 'पिछले गुरुवार', 'date', '2022-11-17'],
  ['बैठक सोमवार को होगी', 'सोमवार', 'date', '2022-11-28'],
  ['Police registered a case on Monday.', 'Monday', 'date', '2022-11-21'],
  ['The server crashed on Wednesday.', 'Wednesday', 'date', '2022-11-23'],
  ['AIIMS issued guidelines on Thursday.', 'Thursday', 'date', '2022-11-24'],
  ['The hearing is next Monday.', 'next Monday', 'date', '2022-11-28'],
  ['It was last Thursday.', 'last Thursday', 'date', '2022-11-17'],
  ['The minister will visit on Saturday.', 'Saturday', 'date', '2022-11-26'],
  // Relative dates
  ['आज अस्पताल में भीड़ रही', 'आज', 'date', '2022-11-24'],
  ['कल पुलिस ने मामला दर्ज किया', 'कल', 'date', '2022-11-23'],
  ['कल सुनवाई होगी', 'कल', 'date', '2022-11-25'],
  ['कल सर्वर ठीक हो जाएगा', 'कल', 'date', '2022-11-25'],
  ['परसों हादसा हुआ था', 'परसों', 'date', '2022-11-22'],
  ['परसों बैठक होगी', 'परसों', 'date', '2022-11-26'],
  ['पिछले हफ्ते सर्वर धीमा था', 'पिछले हफ्ते', 'date', '2022-11-17', true],
  ['पिछले सप्ताह जांच शुरू हुई', 'पिछले सप्ताह', 'date', '2022-11-17', true],
  ['दो दिन पहले हमला हुआ', 'दो दिन पहले', 'date', '2022-11-22'],
  ['3 दिन बाद रिपोर्ट आएगी', '3 दिन बाद', 'date', '2022-11-27'],
  ['बीते दिन आग लगी', 'बीते दिन', 'date', '2022-11-23'],
  ['पिछले महीने भी ऐसा हुआ था', 'पिछले महीने', 'date', '2022-10'],
  ['पिछले साल भी हमला हुआ था', 'पिछले साल', 'date', '2021'],
  ['इस साल तीन हमले हुए', 'इस साल', 'date', '2022'],
  ['दो घंटे पहले सर्वर बहाल हुआ', 'दो घंटे पहले', 'datetime', '2022-11-24T19:04:00+05:30'],
  ['The OPD was crowded today.', 'today', 'date', '2022-11-24'],
  ['Systems went down yesterday.', 'yesterday', 'date', '2022-11-23'],
  ['Services resume tomorrow.', 'tomorrow', 'date', '2022-11-25'],
  ['A similar attack happened last week.', 'last week', 'date', '2022-11-17', true],
  ['The breach began two days ago.', 'two days ago', 'date', '2022-11-22'],
  ['Services were restored three weeks later.', 'three weeks later', 'date', '2022-12-15'],
  ['A warning was issued earlier this month.', 'earlier this month', 'date', '2022-11'],
  ['Hackers struck last night.', 'last night', 'date', '2022-11-23'],
  ['The audit is due next month.', 'next month', 'date', '2022-12'],
  ['It started a week ago.', 'a week ago', 'date', '2022-11-17'],
  // Times of day
  ['सुबह सात बजे धमाका हुआ', 'सुबह सात बजे', 'time', '2022-11-24T07:00:00+05:30'],
  ['रात 9 बजे बिजली गई', 'रात 9 बजे', 'time', '2022-11-24T21:00:00+05:30'],
  ['शाम 5:30 बजे बैठक हुई', 'शाम 5:30 बजे', 'time', '2022-11-24T17:30:00+05:30'],
  ['दोपहर 2 बजे सर्वर बंद हुआ', 'दोपहर 2 बजे', 'time', '2022-11-24T14:00:00+05:30'],
  ['साढ़े सात बजे ओपीडी खुली', 'साढ़े सात बजे', 'time', '2022-11-24T07:30:00+05:30'],
  ['सुबह ६ बजे लाइन लगी', 'सुबह ६ बजे', 'time', '2022-11-24T06:00:00+05:30'],
  ['रात 11 बजे हमला हुआ', 'रात 11 बजे', 'time', '2022-11-23T23:00:00+05:30'],
  ['शाम पाँच बजे प्रदर्शन हुआ', 'शाम पाँच बजे', 'time', '2022-11-24T17:00:00+05:30'],
  ['सवा दस बजे सुनवाई हुई', 'सवा दस बजे', 'time', '2022-11-24T10:15:00+05:30'],
  ['पौने नौ बजे ट्रेन आई', 'पौने नौ बजे', 'time', '2022-11-24T08:45:00+05:30'],
  ['सुबह 10.30 बजे बैठक शुरू हुई', 'सुबह 10.30 बजे', 'time', '2022-11-24T10:30:00+05:30'],
  ['सात बजकर 20 मिनट पर धमाका हुआ', 'सात बजकर 20 मिनट', 'time', '2022-11-24T07:20:00+05:30'],
  ['कल रात 10 बजे आग लगी थी', 'रात 10 बजे', 'time', '2022-11-23T22:00:00+05:30'],
  ['24 नवंबर 2022 को रात 8 बजे मामला दर्ज हुआ', 'रात 8 बजे', 'time', '2022-11-24T20:00:00+05:30'],
  ['करीब सात बजे सर्वर ठप हुआ', 'करीब सात बजे', 'time', '2022-11-24T07:00:00+05:30', true],
  ['The statement came at 9:04 PM.', '9:04 PM', 'time', '2022-11-24T21:04:00+05:30'],
  ['Queues formed by 7 am.', '7 am', 'time', '2022-11-24T07:00:00+05:30'],
  [
    'It went down around 7 in the morning.',
    'around 7 in the morning',
    'time',
    '2022-11-24T07:00:00+05:30',
    true,
  ],
  ['Officials met at 10.30 a.m. to review.', '10.30 a.m.', 'time', '2022-11-24T10:30:00+05:30'],
  ['The FIR was lodged at 2100 hrs.', '2100 hrs', 'time', '2022-11-24T21:00:00+05:30'],
  ['Doctors met at noon.', 'noon', 'time', '2022-11-24T12:00:00+05:30'],
  ['On Wednesday, the server crashed at 7 am.', '7 am', 'time', '2022-11-23T07:00:00+05:30'],
  ['The server crashed at 7 am on Wednesday.', '7 am', 'time', '2022-11-23T07:00:00+05:30'],
  ['The alert went out on Nov 23, 2022 at 9 PM GMT.', '9 PM GMT', 'time', '2022-11-23T21:00:00+00:00'],
  // Durations
  ['सर्वर करीब 11 घंटे तक खराब रहा', 'करीब 11 घंटे', 'duration', 'PT11H', true],
  ['सर्वर 11 घंटे तक खराब रहा', '11 घंटे', 'duration', 'PT11H'],
  ['सेवाएं दो दिन तक बंद रहीं', 'दो दिन', 'duration', 'P2D'],
  ['जांच में दो हफ्ते लगेंगे', 'दो हफ्ते', 'duration', 'P2W'],
  ['ढाई घंटे तक इंतजार करना पड़ा', 'ढाई घंटे', 'duration', 'PT2H30M'],
  ['45 मिनट में आग बुझी', '45 मिनट', 'duration', 'PT45M'],
  ['डेढ़ घंटे की देरी हुई', 'डेढ़ घंटे', 'duration', 'PT1H30M'],
  ['साढ़े तीन घंटे तक जाम रहा', 'साढ़े तीन घंटे', 'duration', 'PT3H30M'],
  ['लगभग 48 घंटे बीत गए', 'लगभग 48 घंटे', 'duration', 'PT48H', true],
  ['सर्वर 11 घंटे से ज्यादा बंद रहा', '11 घंटे से ज्यादा', 'duration', 'PT11H', true],
  ['पिछले 24 घंटों में 11 लोग घायल हुए', 'पिछले 24 घंटों', 'duration', 'PT24H'],
  ['दोषी को दो साल की सजा हुई', 'दो साल', 'duration', 'P2Y'],
  ['The outage lasted about 11 hours.', 'about 11 hours', 'duration', 'PT11H', true],
  ['Records were kept by hand for nearly two weeks.', 'nearly two weeks', 'duration', 'P2W', true],
  ['The system was down for over 24 hours.', 'over 24 hours', 'duration', 'PT24H', true],
  ['Patients waited two and a half hours.', 'two and a half hours', 'duration', 'PT2H30M'],
  ['The fire was controlled in half an hour.', 'half an hour', 'duration', 'PT30M'],
  ['Unions called a 24-hour strike.', '24-hour', 'duration', 'PT24H'],
  ['The probe may take three months.', 'three months', 'duration', 'P3M'],
  ['Cases rose in the past 24 hours.', 'past 24 hours', 'duration', 'PT24H'],
  ['The camp ran for a fortnight.', 'a fortnight', 'duration', 'P2W'],
];

describe('temporal: table', () => {
  it('has at least 80 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(80);
  });

  it.each(CASES)('%s → %s', (text, surface, kind, value, approximate) => {
    const found = run(text).find((v) => v.surface === surface);
    expect(found, JSON.stringify(run(text))).toBeDefined();
    expect({ kind: found!.kind, value: found!.value }).toEqual({ kind, value });
    if (approximate !== undefined) expect(found!.approximate).toBe(approximate);
    expect(text.slice(found!.start, found!.end)).toBe(surface);
  });
});

describe('temporal: negatives', () => {
  it.each([
    '11 लोगों की मौत हो गई',
    'फैक्टरी के कल-पुर्जे चोरी हो गए',
    'आजकल सर्वर धीमा रहता है',
    '25 साल का युवक गिरफ्तार',
    '20 साल की उम्र में उसने घर छोड़ा',
    'आईपीसी की धारा 302 के तहत मामला दर्ज',
    'खबर आज तक चैनल पर चली',
    'A 25-year-old man was arrested.',
    'The score was 2:1 at half time.',
    'Police may act against the hackers.',
    'Doctors visit twice a day.',
    'Around 200 patients were affected.',
    'योगी आदित्यनाथ ने रोगी कल्याण समिति की बैठक ली',
  ])('%s → nothing', (text) => {
    expect(run(text)).toEqual([]);
  });

  it('does not report a duration inside a relative date', () => {
    expect(run('दो दिन पहले सर्वर हैक हुआ').map((v) => v.kind)).toEqual(['date']);
    expect(run('It began two days ago.').map((v) => v.kind)).toEqual(['date']);
  });
});

describe('temporal: reference handling', () => {
  it('returns only self-contained values without a publication time', () => {
    const values = run('बुधवार को 24 नवंबर 2022 की रात 8 बजे सर्वर करीब 11 घंटे बंद रहा', 'hin', null);
    expect(values.map((v) => [v.surface, v.value])).toEqual([
      ['24 नवंबर 2022', '2022-11-24'],
      ['रात 8 बजे', '2022-11-24T20:00:00+05:30'],
      ['करीब 11 घंटे', 'PT11H'],
    ]);
  });

  it('reads a UTC publication time in the Indian zone', () => {
    const [v] = run('बुधवार को सर्वर डाउन हुआ', 'hin', '2022-11-24T15:34:00Z');
    expect(v.value).toBe('2022-11-23');
    // 20:00 UTC on Wednesday is already Thursday in India.
    const [late] = run('बुधवार को सर्वर डाउन हुआ', 'hin', '2022-11-23T20:00:00Z');
    expect(late.value).toBe('2022-11-23');
  });

  it('honours another time zone', () => {
    const values = extractTemporal(
      { title: '', paragraphs: [{ text: 'The server crashed at 7 am on Wednesday.', lang: 'eng' }] },
      { published: '2022-11-24T09:00:00-05:00', timeZone: 'America/New_York' },
    );
    expect(values.find((v) => v.kind === 'time')?.value).toBe('2022-11-23T07:00:00-05:00');
  });

  it('locates title matches with paragraph null', () => {
    const values = extractTemporal(
      { title: 'बुधवार को एम्स का सर्वर हैक', paragraphs: [] },
      { published: PUBLISHED },
    );
    expect(values).toEqual([
      expect.objectContaining({ surface: 'बुधवार', paragraph: null, start: 0, end: 6 }),
    ]);
  });

  it('is deterministic and pure', () => {
    const input = { title: '', paragraphs: seedParagraphs().map((text) => ({ text, lang: 'hin' })) };
    expect(extractTemporal(input, { published: PUBLISHED })).toEqual(
      extractTemporal(input, { published: PUBLISHED }),
    );
  });
});
