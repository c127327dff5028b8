/**
 * Merging: the incident record built from what each member article says. Every value keeps its sources;
 * single-valued fields keep all conflicting claims and resolve one by a stated rule:
 * - type, start: most specific (a time beats a bare date; cyberattack beats "servers down"), then most cited;
 * - end, duration, status: newest (the latest article's statement: later reports correct earlier ones);
 * - lists (targets, places, responders, actions, impact): every value, most cited first.
 * "Cited" counts independent stories: syndicated copies of one story count once. Deterministic and pure:
 * the same members give the same record in any order.
 */
import type { IncidentType } from '../core/types.ts';
import { lookupAlias } from '../entities/index.ts';
import { byTime, storyOf } from './grouping.ts';
import { ENGLISH_MONTHS, HINDI_MONTHS, INVESTIGATOR_NAMES, TYPE_CUES, TYPE_NAMES } from './lexicon.ts';
import { buildTimeline, istDate } from './timeline.ts';
import type {
  ArticleDigest,
  Claim,
  CountClaim,
  EvidenceRef,
  IncidentRecord,
  IncidentStatus,
  ResolutionRule,
  ResolvedField,
} from './types.ts';

const PERSON_UNITS = new Set(['dead', 'injured', 'rescued', 'arrested', 'patients', 'passengers', 'people']);
const MAX_STATEMENTS = 20;

/** Collects claims of one field across articles (which must be added in canonical order). */
class Claims<T extends string> {
  readonly #by = new Map<string, Claim<T> & { storyIds: Set<string>; lastTime: number; order: number }>();
  constructor(readonly stories: Map<string, string>) {}

  add(value: T, d: ArticleDigest, evidence: EvidenceRef): void {
    let c = this.#by.get(value);
    if (!c) {
      c = {
        value,
        articles: [],
        stories: 0,
        evidence: [],
        storyIds: new Set(),
        lastTime: d.time,
        order: this.#by.size,
      };
      if (d.published) c.firstSeen = d.published;
      this.#by.set(value, c);
    }
    if (!c.articles.includes(d.id)) c.articles.push(d.id);
    if (!c.evidence.some((e) => e.articleId === d.id)) c.evidence.push(evidence);
    c.storyIds.add(this.stories.get(d.id) ?? d.id);
    c.stories = c.storyIds.size;
    // Claims may be added out of time order (end dates come from the timeline): keep the extremes.
    if (d.time >= c.lastTime) {
      c.lastTime = d.time;
      if (d.published) c.lastSeen = d.published;
    }
    if (d.published && (!c.firstSeen || Date.parse(d.published) < Date.parse(c.firstSeen)))
      c.firstSeen = d.published;
  }

  /** Most cited first; ties by first appearance (earliest article, then position in it). */
  list(): (Claim<T> & { lastTime: number })[] {
    return [...this.#by.values()]
      .sort((a, b) => b.stories - a.stories || b.articles.length - a.articles.length || a.order - b.order)
      .map(({ storyIds: _s, order: _o, ...c }) => c);
  }

  plain(): Claim<T>[] {
    return this.list().map(({ lastTime: _t, ...c }) => c);
  }

  resolve(rule: ResolutionRule, specificity?: (v: T) => number): ResolvedField<T> {
    const list = this.list();
    let best = list[0];
    if (rule === 'newest') best = [...list].sort((a, b) => b.lastTime - a.lastTime)[0];
    if (rule === 'most-specific' && specificity)
      best = [...list].sort((a, b) => specificity(b.value) - specificity(a.value))[0];
    return {
      ...(best ? { value: best.value } : {}),
      rule,
      conflict: list.length > 1,
      claims: list.map(({ lastTime: _t, ...c }) => c),
    };
  }
}

const TYPE_RANK = new Map(TYPE_CUES.map(([t], i) => [t, TYPE_CUES.length - i]));

/** Devanagari name of an entity from the gazetteer, else the name as written. */
function hindiName(name: string): string {
  return lookupAlias(name)?.aliases.find((a) => /[\u0900-\u097f]/.test(a)) ?? name;
}

function titles(type: IncidentType, target?: string, place?: string, date?: string): IncidentRecord['title'] {
  const names = TYPE_NAMES[type];
  // A flood or an earthquake is named by where it struck, not by the authority that reported it.
  const who = type === 'natural-disaster' ? undefined : target;
  const where = [who, place && place !== who ? place : undefined].filter((x): x is string => !!x);
  const [y, m, d] = (date ?? '').split('-').map(Number);
  const engDate = date ? `, from ${d} ${ENGLISH_MONTHS[m! - 1]} ${y}` : '';
  const hinDate = date ? `, ${d} ${HINDI_MONTHS[m! - 1]} ${y} से` : '';
  return {
    eng: `${names.eng}${where.length ? ` at ${where.join(', ')}` : ''}${engDate}`,
    hin: `${where.length ? `${where.map(hindiName).join(', ')} में ` : ''}${names.hin}${hinDate}`,
  };
}

/** Status an article claims: restored beats under investigation beats ongoing. */
function statusOf(d: ArticleDigest): IncidentStatus {
  if (d.events.some((e) => e.kind === 'restored')) return 'restored';
  if (d.events.some((e) => ['case-registered', 'arrest', 'investigation', 'detention'].includes(e.kind)))
    return 'under-investigation';
  return 'ongoing';
}

/** Build the record of incident `id` from its members. */
export function buildRecord(id: string, members: ArticleDigest[]): IncidentRecord {
  const sorted = [...members].sort(byTime);
  const stories = storyOf(sorted);
  const claims = <T extends string>() => new Claims<T>(stories);
  const type = claims<IncidentType>();
  const [targets, places, responders, investigators, actions] = [1, 2, 3, 4, 5].map(() => claims());
  const [start, end, duration, services, statements] = [1, 2, 3, 4, 5].map(() => claims());
  const status = claims<IncidentStatus>();
  const counts = claims();
  const countValues = new Map<string, { quantity: number; unit: string }>();
  const ev = (
    d: ArticleDigest,
    e: { sentence: string; location: EvidenceRef | { paragraph: number | null; start: number; end: number } },
  ): EvidenceRef => ({
    articleId: d.id,
    paragraph: e.location.paragraph,
    start: e.location.start,
    end: e.location.end,
    sentence: e.sentence,
  });
  for (const d of sorted) {
    const inc = d.incident;
    const first = inc.typeEvidence[0];
    type.add(d.type, d, first ? ev(d, first) : { articleId: d.id, paragraph: null, start: 0, end: 0 });
    if (inc.target) targets.add(inc.target.value, d, ev(d, inc.target));
    for (const p of d.places) places.add(p.name, d, p.evidence);
    for (const r of inc.responders)
      (INVESTIGATOR_NAMES.test(r.value) ? investigators : responders).add(r.value, d, ev(d, r));
    for (const a of inc.legalActions) actions.add(a.value, d, ev(d, a));
    if (d.start) start.add(d.start.value, d, d.start.evidence);
    // Durations under a minute are misreadings ("for a second day"), not durations.
    if (inc.duration && !/^PT\d+(?:\.\d+)?S$/.test(inc.duration.value))
      duration.add(inc.duration.value, d, ev(d, inc.duration));
    for (const s of d.services) services.add(s.name, d, s.evidence);
    for (const s of inc.impact) statements.add(s.value, d, ev(d, s));
    for (const c of d.counts) {
      const key = `${c.quantity} ${c.unit}`;
      countValues.set(key, { quantity: c.quantity, unit: c.unit });
      counts.add(key, d, c.evidence);
    }
    status.add(
      statusOf(d),
      d,
      d.events.at(-1)?.evidence ?? { articleId: d.id, paragraph: null, start: 0, end: 0 },
    );
  }
  const countClaims: CountClaim[] = counts.plain().map((c) => ({ ...c, ...countValues.get(c.value)! }));
  const typeField = type.resolve('most-specific', (t) => TYPE_RANK.get(t) ?? 0);
  const startField = start.resolve('most-specific', (v) => v.length);
  const timeline = buildTimeline(sorted, istDate(startField.value ?? ''));
  // End: when services were restored, as placed on the timeline (an undated "restored" in a later story
  // is the same restoration, so it claims the same date).
  const byArticle = new Map(sorted.map((d) => [d.id, d]));
  for (const e of timeline.filter((x) => x.kind === 'restored'))
    for (const s of e.sources) end.add(e.date, byArticle.get(s.articleId)!, s.evidence);
  const targetList = targets.plain();
  const placeList = places.plain();
  const byLang = (lang: string) => sorted.find((d) => d.language === lang)?.title;
  const headlines: IncidentRecord['headlines'] = {};
  if (byLang('eng')) headlines.eng = byLang('eng');
  if (byLang('hin')) headlines.hin = byLang('hin');
  const recordType = typeField.value ?? 'other';
  return {
    id,
    type: recordType,
    typeField,
    title: titles(
      recordType,
      targetList[0]?.value,
      placeList[0]?.value,
      istDate(startField.value ?? sorted[0]?.time ?? 0),
    ),
    headlines,
    targets: targetList,
    locations: placeList,
    start: startField,
    end: end.resolve('newest'),
    duration: duration.resolve('newest'),
    impact: {
      services: services.plain(),
      people: countClaims.filter((c) => PERSON_UNITS.has(c.unit)),
      counts: countClaims,
      statements: statements.plain().slice(0, MAX_STATEMENTS),
    },
    responders: responders.plain(),
    investigators: investigators.plain(),
    actions: actions.plain(),
    status: status.resolve('newest'),
    sources: sorted.map((d) => ({
      articleId: d.id,
      ...(d.url ? { url: d.url } : {}),
      ...(d.site ? { site: d.site } : {}),
      title: d.title,
      language: d.language,
      ...(d.published ? { published: d.published } : {}),
      ...(stories.get(d.id) !== d.id ? { copyOf: stories.get(d.id)! } : {}),
    })),
    articleCount: sorted.length,
    storyCount: new Set(stories.values()).size,
    ...(sorted[0]?.published ? { firstSeen: sorted[0].published } : {}),
    ...(sorted.at(-1)?.published ? { lastSeen: sorted.at(-1)!.published } : {}),
    timeline,
  };
}
