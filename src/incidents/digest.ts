/**
 * Article → ArticleDigest: the compact per-article facts that grouping and merging use (entities, events,
 * counts, services, MinHash), each with its evidence. Computed once per article version and stored by the
 * incident store, so rebuilding an incident never re-reads or re-analyses its articles. Pure.
 */
import type { Article, ArticleIncident, TemporalValue, TextLocation } from '../core/types.ts';
import { terms } from '../store/tokenize.ts';
import { allSentences, inSentence, type Sentence } from './article.ts';
import {
  BROAD_PLACES,
  COUNT_SUBJECT,
  COUNT_UNITS,
  EVENT_CUES,
  EVENT_NEGATIONS,
  EXTRA_RESPONDERS,
  NUMBER,
  NUMBER_WORDS,
  RESPONDER_NAMES,
  SERVICE_CUES,
  TYPE_CUES,
} from './lexicon.ts';
import { minhash, shingles } from './minhash.ts';
import type { ArticleDigest, CountMention, EventMention, EvidenceRef } from './types.ts';
import { LEAD_PARAGRAPHS } from './typing.ts';

function ref(articleId: string, loc: TextLocation, sentence?: string): EvidenceRef {
  return {
    articleId,
    paragraph: loc.paragraph,
    start: loc.start,
    end: loc.end,
    ...(sentence ? { sentence } : {}),
  };
}

function parseNumber(raw: string): number {
  const word = NUMBER_WORDS[raw.toLowerCase()];
  if (word !== undefined) return word;
  const m = /^([\d,.]+)\s*(lakh|crore|लाख|करोड़)?/u.exec(raw);
  const n = Number((m?.[1] ?? '').replace(/,/g, ''));
  const scale = m?.[2] ? (/lakh|लाख/.test(m[2]) ? 1e5 : 1e7) : 1;
  return n * scale;
}

/** Counts with units in one text ("14 लोगों को सुरक्षित निकाला", "288 people were killed"). */
export function countsIn(text: string, articleId: string, paragraph: number | null): CountMention[] {
  const out: CountMention[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const after = text.slice((m.index ?? 0) + m[0].length);
    const subject = COUNT_SUBJECT.exec(after)?.[0] ?? '';
    const rest = after.slice(subject.length);
    const unit =
      COUNT_UNITS.find(([, re]) => re.test(rest))?.[0] ??
      (subject ? COUNT_UNITS.find(([, re]) => re.test(after))?.[0] : undefined);
    if (!unit) continue;
    const quantity = parseNumber(m[1]!);
    if (!Number.isFinite(quantity) || quantity <= 0) continue;
    const start = m.index ?? 0;
    const unitMatch = COUNT_UNITS.find(([u]) => u === unit)![1].exec(rest);
    const end = start + m[0].length + subject.length + (unitMatch?.[0].length ?? 0);
    out.push({ quantity, unit, evidence: ref(articleId, { paragraph, start, end }, text.slice(start, end)) });
  }
  return out;
}

const ANY_TYPE_CUE = new RegExp(TYPE_CUES.map(([, re]) => re.source).join('|'), 'giu');
/** How far after a type cue a date still names the incident itself ("the derailment on June 2"). */
const INCIDENT_DATE_REACH = 60;

/** Is this date in the sentence the incident's own date, named as background ("the fire on Monday")? */
function namesIncidentDate(t: TemporalValue, s: Sentence, startDate: string | undefined): boolean {
  if (!startDate || t.value.slice(0, 10) !== startDate) return false;
  const at = t.start - s.start;
  for (const m of s.text.matchAll(ANY_TYPE_CUE)) {
    const end = (m.index ?? 0) + m[0].length;
    if (end <= at && at - end <= INCIDENT_DATE_REACH) return true;
  }
  return false;
}

/** Calendar date of the article's publication as written (IST offsets in Indian sources). */
const publishedDate = (a: Article) => a.published?.slice(0, 10);

function events(a: Article, sents: Sentence[], start: ArticleDigest['start']): EventMention[] {
  const out: EventMention[] = [];
  const published = publishedDate(a);
  const startDate = start?.value.slice(0, 10);
  if (start) out.push({ kind: 'began', date: startDate, evidence: start.evidence });
  for (const s of sents) {
    for (const [kind, re] of EVENT_CUES) {
      if (!re.test(s.text) || EVENT_NEGATIONS[kind]?.test(s.text)) continue;
      const t = a.temporal.find((x) => (x.kind === 'date' || x.kind === 'datetime') && inSentence(x, s));
      // A date that only names when the incident happened does not date this event: use publication.
      // A date after publication is a plan or a misread relative date ("two weeks after ..."), not when
      // the event happened.
      const dated =
        t && !namesIncidentDate(t, s, startDate) && !(published && t.value.slice(0, 10) > published);
      out.push({ kind, ...(dated ? { date: t.value.slice(0, 10) } : {}), evidence: ref(a.id, s, s.text) });
    }
  }
  return out;
}

/** Start of the incident: the stage's, else the first date in a sentence that reports the incident. */
function startOf(a: Article, incident: ArticleIncident, sents: Sentence[]): ArticleDigest['start'] {
  // An incident cannot begin after the article that reports it: a later date is a misreading.
  const published = publishedDate(a);
  if (incident.start && !(published && incident.start.value.slice(0, 10) > published))
    return {
      value: incident.start.value,
      evidence: ref(a.id, incident.start.location, incident.start.sentence),
    };
  for (const ev of incident.typeEvidence) {
    const s = sents.find((x) => x.paragraph === ev.location.paragraph && x.start === ev.location.start);
    const t =
      s &&
      a.temporal.find(
        (x) => (x.kind === 'date' || x.kind === 'datetime' || x.kind === 'time') && inSentence(x, s),
      );
    if (s && t && !(published && t.value.slice(0, 10) > published))
      return { value: t.value, evidence: ref(a.id, s, s.text) };
  }
  return undefined;
}

/** Headline and lead terms of three letters or more (short ones are mostly function words). */
function keywordsOf(a: Article): string[] {
  const lead = [a.title, ...a.paragraphs.slice(0, LEAD_PARAGRAPHS).map((p) => p.text)].join('\n');
  return [...new Set(terms(lead).filter((t) => [...t].length >= 3))].sort();
}

/** The digest of an article, or undefined when the article reports no incident. */
export function digestArticle(a: Article): ArticleDigest | undefined {
  const sents = allSentences(a);
  // Only the per-article stage types an incident (typing.ts): a stray "accident" in the body does not.
  const incident = a.incident;
  if (!incident) return undefined;
  const sentenceAt = (loc: TextLocation) => sents.find((s) => inSentence(loc, s))?.text;
  const orgs: ArticleDigest['orgs'] = [];
  const places: ArticleDigest['places'] = [];
  const people: NonNullable<ArticleDigest['people']> = [];
  for (const e of a.entities) {
    const m = e.mentions[0];
    if (!m) continue;
    const evidence = ref(a.id, m, sentenceAt(m));
    const responder = [e.canonical, e.partOf].some(
      (n) => n !== undefined && (RESPONDER_NAMES.test(n) || EXTRA_RESPONDERS.test(n)),
    );
    if (e.type === 'ORG' && !responder) orgs.push({ name: e.canonical, evidence });
    if (e.type === 'LOC' && !BROAD_PLACES.has(e.canonical)) places.push({ name: e.canonical, evidence });
    if (e.type === 'PER') people.push({ name: e.canonical, evidence });
  }
  const counts: CountMention[] = [...countsIn(a.title, a.id, null)];
  a.paragraphs.forEach((p, i) => {
    counts.push(...countsIn(p.text, a.id, i));
  });
  const services: ArticleDigest['services'] = [];
  for (const [name, re] of SERVICE_CUES) {
    const s = sents.find((x) => re.test(x.text));
    if (s) services.push({ name, evidence: ref(a.id, s, s.text) });
  }
  const published = a.published ? Date.parse(a.published) : Number.NaN;
  const start = startOf(a, incident, sents);
  const started = start ? Date.parse(start.value) : Number.NaN;
  const time = Number.isFinite(published) ? published : Number.isFinite(started) ? started : 0;
  return {
    id: a.id,
    ...((a.canonicalUrl ?? a.url) ? { url: a.canonicalUrl ?? a.url } : {}),
    ...(a.site ? { site: a.site } : {}),
    title: a.title,
    language: a.language,
    ...(a.published ? { published: a.published } : {}),
    time,
    contentHash: a.contentHash,
    type: incident.type,
    incident,
    orgs,
    places,
    people,
    keywords: keywordsOf(a),
    ...(start ? { start } : {}),
    events: events(a, sents, start),
    counts,
    services,
    minhash: minhash(shingles([a.title, ...a.paragraphs.map((p) => p.text)].join('\n'))),
  };
}
