/**
 * Date parsing for publication times: the visible dateline formats of Indian Hindi and English news
 * sites, machine dates from meta tags and JSON-LD, zones, impossible dates, and dates in URLs.
 */
import { describe, expect, it } from 'vitest';
import { dateFromUrl } from '../../src/extract/dates-url.ts';
import {
  DATELINE,
  DATELINE_ANYWHERE,
  labelledDate,
  parseDateValue,
  parseHumanDate,
  parseMachineDate,
  UPDATED_ANYWHERE,
  UPDATED_LINE,
} from '../../src/extract/published.ts';

describe('parseHumanDate: visible datelines', () => {
  it.each([
    ['Updated: Jan 16, 2012, 03.47 AM IST', '2012-01-16T03:47:00+05:30'],
    ['Published : Nov 24, 2022, 9:04 PM IST', '2022-11-24T21:04:00+05:30'],
    ['Last Updated: 16th January 2012 | 10:47 IST', '2012-01-16T10:47:00+05:30'],
    ['January 16, 2012 10:47 IST', '2012-01-16T10:47:00+05:30'],
    ['Mon, 16 Jan 2012 10:47 AM (IST)', '2012-01-16T10:47:00+05:30'],
    ['Jan 16 2012 | 12:05 AM', '2012-01-16T00:05:00+05:30'],
    ['16-Jan-2012 12:30 pm', '2012-01-16T12:30:00+05:30'],
    ['Sept. 3, 2021 at 6:15 p.m.', '2021-09-03T18:15:00+05:30'],
    ['16/01/2012', '2012-01-16T00:00:00+05:30'],
    ['16.01.2012, 14:20', '2012-01-16T14:20:00+05:30'],
    ['2012-01-16', '2012-01-16T00:00:00+05:30'],
    // Month first only when the day-first reading is impossible.
    ['01/16/2012', '2012-01-16T00:00:00+05:30'],
    ['05/06/2012', '2012-06-05T00:00:00+05:30'],
    // The time may come first.
    ['10:47 AM IST, 16 Jan 2012', '2012-01-16T10:47:00+05:30'],
  ])('%s', (text, iso) => {
    expect(parseHumanDate(text)).toBe(iso);
  });

  it.each([
    ['16 जनवरी 2012', '2012-01-16T00:00:00+05:30'],
    ['प्रकाशित: 16 जनवरी 2012, 10:30 AM', '2012-01-16T10:30:00+05:30'],
    ['अपडेटेड: २९ फ़रवरी २०१२, ०३:४७ PM', '2012-02-29T15:47:00+05:30'],
    ['अपडेटेड: 29 फरवरी 2012', '2012-02-29T00:00:00+05:30'],
    ['सोमवार, 16 जन॰ 2012 शाम 6:30 बजे', '2012-01-16T18:30:00+05:30'],
    ['3 सितम्बर 2021', '2021-09-03T00:00:00+05:30'],
    ['3 सितंबर, 2021 रात 11:05 बजे', '2021-09-03T23:05:00+05:30'],
    ['5 अक्तूबर 2020', '2020-10-05T00:00:00+05:30'],
    ['5 अक्टूबर 2020', '2020-10-05T00:00:00+05:30'],
    ['1 नवम्बर 2019 | 09:00', '2019-11-01T09:00:00+05:30'],
    ['12 दिसं. 2018', '2018-12-12T00:00:00+05:30'],
    ['मार्च 7, 2017', '2017-03-07T00:00:00+05:30'],
    ['२२ अग॰ २०२२', '2022-08-22T00:00:00+05:30'],
  ])('Hindi: %s', (text, iso) => {
    expect(parseHumanDate(text)).toBe(iso);
  });

  it('keeps the zone the page gives', () => {
    expect(parseHumanDate('Jan 16, 2012 10:47 AM GMT')).toBe('2012-01-16T10:47:00+00:00');
    expect(parseHumanDate('16 January 2012 10:47 UTC')).toBe('2012-01-16T10:47:00+00:00');
    expect(parseHumanDate('Jan 16, 2012 10:47 EST')).toBe('2012-01-16T10:47:00-05:00');
    expect(parseHumanDate('Thu, 24 Nov 2022 21:04:00 +0000')).toBe('2022-11-24T21:04:00+00:00');
    expect(parseHumanDate('Thu Nov 24 2022 21:04:00 GMT+0530 (India Standard Time)')).toBe(
      '2022-11-24T21:04:00+05:30',
    );
    expect(parseHumanDate('2022-11-24T21:04:00Z')).toBe('2022-11-24T21:04:00+00:00');
  });

  it('rejects impossible and implausible dates', () => {
    for (const bad of [
      '31 February 2012',
      '13/13/2012',
      '30/02/2020',
      '12 Jan 1985',
      '1 Jan 2150',
      'Marathon 16, 2012',
      'no date here, 2012',
      '16 January',
    ])
      expect(parseHumanDate(bad), bad).toBeUndefined();
  });

  it('drops a time that cannot be, keeping the day', () => {
    expect(parseHumanDate('16 Jan 2012 25:61')).toBe('2012-01-16T00:00:00+05:30');
  });

  it('stays linear on hostile text', () => {
    const hostile = `${'1 '.repeat(50_000)}${' \t'.repeat(50_000)}Jan ${'9'.repeat(10_000)}`;
    expect(parseHumanDate(hostile)).toBeUndefined();
  });
});

describe('machine dates (meta tags, JSON-LD, <time datetime>)', () => {
  it.each([
    ['2022-11-24', '2022-11-24T00:00:00+05:30'],
    ['2022-11-24T21:04', '2022-11-24T21:04:00+05:30'],
    ['2022-11-24T21:04:00+0530', '2022-11-24T21:04:00+05:30'],
    ['2022-11-24T15:34:00+00:00', '2022-11-24T15:34:00+00:00'],
    ['2022-11-24 15:34:00.000Z', '2022-11-24T15:34:00+00:00'],
    ['2022/11/24', '2022-11-24T00:00:00+05:30'],
  ])('%s', (value, iso) => {
    expect(parseMachineDate(value)).toBe(iso);
    expect(parseDateValue(value)).toBe(iso);
  });

  it('is strict where machine dates are expected, and broad for meta values', () => {
    expect(parseMachineDate('2022-11-24T21:04 and more')).toBeUndefined();
    expect(parseMachineDate('2022-13-24')).toBeUndefined();
    expect(parseDateValue('Thu, 24 Nov 2022 21:04:00 +0530')).toBe('2022-11-24T21:04:00+05:30');
    expect(parseDateValue('1669303440')).toBe('2022-11-24T20:54:00+05:30');
    expect(parseDateValue('1669303440000')).toBe('2022-11-24T20:54:00+05:30');
    expect(parseDateValue('')).toBeUndefined();
  });
});

describe('dateline labels', () => {
  it('finds a labelled date and names the text it came from', () => {
    expect(labelledDate('रिपोर्ट: संवाददाता | Published : Nov 24, 2022, 9:04 PM IST')).toEqual({
      iso: '2022-11-24T21:04:00+05:30',
      from: 'Published : Nov 24, 2022, 9:04 PM IST',
    });
    expect(labelledDate('प्रकाशित: 16 जनवरी 2012, 10:30 AM')?.iso).toBe('2012-01-16T10:30:00+05:30');
    expect(labelledDate('Publish Date: Mon, 16 Jan 2012 10:47 AM (IST)')?.iso).toBe(
      '2012-01-16T10:47:00+05:30',
    );
  });

  it('reads "Published by …" as a byline, not a dateline, so the update time is found as such', () => {
    const line = 'Published by: डेस्क टीम Updated Mon, 16 Jan 2012 10:47 AM IST';
    expect(labelledDate(line, DATELINE_ANYWHERE)).toBeUndefined();
    expect(labelledDate(line, UPDATED_ANYWHERE)?.from).toBe('Updated Mon, 16 Jan 2012 10:47 AM IST');
  });

  it('does not take prose that opens with the label word for a dateline', () => {
    expect(DATELINE.test('Published research from 2012 shows a rise')).toBe(false);
    expect(DATELINE.test('प्रकाशित रिपोर्ट में 2012 के आंकड़े')).toBe(false);
    expect(DATELINE.test('Published: 16 Jan 2012')).toBe(true);
    expect(DATELINE.test('प्रकाशित 16 जनवरी 2012')).toBe(true);
    expect(UPDATED_LINE.test('Last Updated: 16th January 2012')).toBe(true);
    expect(UPDATED_LINE.test('अपडेटेड: 16 जनवरी 2012')).toBe(true);
    expect(UPDATED_LINE.test('Updated guidelines came out in 2012')).toBe(false);
    // The date must follow the label closely.
    expect(labelledDate(`Published: ${'x '.repeat(40)}16 Jan 2012`)).toBeUndefined();
  });
});

describe('dateFromUrl', () => {
  const now = Date.parse('2023-06-01T00:00:00Z');
  it.each([
    ['https://news.example.in/india/2022/11/24/aiims-server-down.html', '2022-11-24T00:00:00+05:30'],
    ['https://news.example.in/india/2022-11-24/aiims-server-down', '2022-11-24T00:00:00+05:30'],
    ['https://news.example.in/india/aiims-server-down-20221124', '2022-11-24T00:00:00+05:30'],
    ['https://news.example.in/news/20221124/aiims.cms', '2022-11-24T00:00:00+05:30'],
    ['https://news.example.in/news/aiims-server-24-11-2022', '2022-11-24T00:00:00+05:30'],
  ])('%s', (url, iso) => {
    expect(dateFromUrl(url, now)).toBe(iso);
  });

  it('ignores ids, impossible days, future days, queries and unparseable URLs', () => {
    for (const url of [
      'https://news.example.in/articleshow/95737373.cms',
      'https://news.example.in/2022/13/45/x',
      'https://news.example.in/2024/01/16/x',
      'https://news.example.in/x?date=2022-11-24',
      'https://news.example.in/1985/01/16/x',
      'https://',
      '//news.example.in/2022/11/24/x',
    ])
      expect(dateFromUrl(url, now), url).toBeUndefined();
  });
});
