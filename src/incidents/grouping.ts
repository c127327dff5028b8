/**
 * Grouping rules: when two articles report the same incident, which index keys find the candidates, how
 * clusters are formed and named, and which articles are copies of one story. Conservative by design: two
 * reports join only with the same kind of incident, overlapping event dates, a specific shared anchor
 * (anchors.ts: a named target, a district or finer place, a named person) and similar text; an undated
 * article never joins through names alone; and a member must be linked to most of its incident's core, not
 * to one neighbour, so chains of look-alikes cannot drift. A shared anchor of one kind alone is weaker
 * evidence: a district alone needs the same few days (and, for crimes, not two different named people); a
 * person alone, within one language, needs close wording (the figure at the centre of a crisis is named in
 * every story of it). Pure.
 *
 * Order independence: `linked` is a symmetric predicate of two digests, and `clusters` sorts its input by
 * (time, id) before its greedy pass, so a set of articles gives the same incidents in any arrival order.
 */
import { stableId } from '../core/hash.ts';
import type { IncidentType } from '../core/types.ts';
import { entityKey } from '../store/tokenize.ts';
import { anchorsOf, isWidePlace, namesOf } from './anchors.ts';
import { isBroadPlace } from './broad-places.ts';
import { bandKeys, similarity } from './minhash.ts';
import { namesDifferentPeople } from './people.ts';
import type { ArticleDigest } from './types.ts';
import { LEAD_PARAGRAPHS } from './typing.ts';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** Two reports at most this far apart (publication) can be about the same incident. */
export const LINK_WINDOW_MS = 45 * DAY;
/** The event days of two reports (start, else publication) must be closer than this: a week on is news again. */
const EVENT_WINDOW_MS = 7 * DAY;
/**
 * When a district (or finer place) is all two reports share, their event days must be this close: ceasefire
 * violations, encounters and road accidents recur in one district every few days.
 */
export const PLACE_ONLY_WINDOW_MS = 3 * DAY;
/** Kinds that last for days or weeks in one place (a flood, an outbreak, a sit-in): the window above is moot. */
const LASTING_KINDS: IncidentType[] = [
  'natural-disaster',
  'epidemic',
  'protest',
  'service-outage',
  'cyberattack',
  'data-breach',
];
/** Week buckets searched either side of an article's own (covers the link window). */
const BUCKET_REACH = Math.ceil(LINK_WINDOW_MS / WEEK);
/** Estimated Jaccard at or above which two same-language articles are one story (syndicated or near-copy). */
export const COPY_SIMILARITY = 0.6;
/** Same language: headline-and-lead term Jaccard (or shingle MinHash) at or above which texts are similar. */
export const TEXT_LINK_SIMILARITY = 0.12;
const SHINGLE_LINK_SIMILARITY = 0.1;
/** Across languages: Jaccard of the canonical names both articles mention. */
export const NAME_LINK_SIMILARITY = 0.2;
/** Core of an incident: its earliest independent stories; a newcomer must link to most of them. */
export const CORE_SIZE = 5;

/**
 * Kinds one incident is often reported under: a hack first reported as "servers down"; a derailment called
 * "the accident"; a bomb blast reported as an attack. Other types only group with themselves.
 */
const FAMILY: Partial<Record<IncidentType, string>> = {
  cyberattack: 'it',
  'data-breach': 'it',
  'service-outage': 'it',
  'rail-accident': 'accident',
  'road-accident': 'accident',
  accident: 'accident',
  explosion: 'blast',
  attack: 'blast',
};

/** Kinds a first report uses before the specific kind is known. */
const GENERIC_KINDS: IncidentType[] = ['accident', 'service-outage'];

export const familyOf = (t: IncidentType): string => FAMILY[t] ?? t;

const bucketOf = (time: number) => Math.floor(time / WEEK);
/** LSH band keys are bucketed by the link window: a neighbour bucket either side covers every linkable pair. */
const bandBucketOf = (time: number) => Math.floor(time / LINK_WINDOW_MS);

function anchorKeys(d: ArticleDigest): string[] {
  return [...anchorsOf(d)].map((a) => `${a[0]}${entityKey(a.slice(2))}`);
}

/** Keys an article is indexed under: its specific anchors in its week bucket, and its LSH bands. */
export function indexKeys(d: ArticleDigest): string[] {
  const family = familyOf(d.type);
  const bucket = bucketOf(d.time);
  const band = bandBucketOf(d.time);
  const day = statedDayKey(d);
  return [
    ...anchorKeys(d).map((k) => `${family}:${k}:${bucket}`),
    ...bandKeys(d.minhash).map((k) => `${k}:${band}`),
    ...(day ? [`${d.type}:${day}`] : []),
  ];
}

/**
 * The day the report says the incident happened, as a key (`s` + YYYY-MM-DD), when it says so to the day;
 * undefined otherwise. Reports without a specific anchor meet through it (sameDayPlaces).
 */
function statedDayKey(d: ArticleDigest): string | undefined {
  return d.start && d.start.value.length >= 10 ? `s${d.start.value.slice(0, 10)}` : undefined;
}

/** Fewest cities (or finer places) two reports without a specific anchor must share to be one incident. */
const SAME_DAY_PLACES = 2;

/**
 * No specific anchor, but the same kind of incident on the same stated day (not publication day) in the
 * same places, two or more cities or finer ("arrested in Bengaluru on Tuesday, remanded in Chennai"), with
 * similar text: a Hindi and an English report of one arrest whose only names are two big cities. Cities
 * alone never tie reports (the same day is asked for too), nor one city and a day (too many reports share
 * those), and a country or state does not count as a second place (Tehran, Iran is one place).
 */
function sameDayPlaces(a: ArticleDigest, b: ArticleDigest): boolean {
  const day = statedDayKey(a);
  if (!day || a.type !== b.type || day !== statedDayKey(b)) return false;
  const theirs = new Set(b.places.map((p) => p.name));
  const shared = new Set(a.places.map((p) => p.name).filter((n) => theirs.has(n) && !isWidePlace(n)));
  return shared.size >= SAME_DAY_PLACES && textSimilar(a, b);
}

/** Keys to look up for an article's candidates: its anchors in every bucket within reach, and its bands. */
export function lookupKeys(d: ArticleDigest): string[] {
  const bucket = bucketOf(d.time);
  const family = familyOf(d.type);
  const out: string[] = [];
  for (const k of anchorKeys(d)) {
    for (let b = bucket - BUCKET_REACH; b <= bucket + BUCKET_REACH; b++) out.push(`${family}:${k}:${b}`);
  }
  // Bands carry a link-window bucket too: boilerplate shingles collide across years of news, and
  // without the bucket the candidates of a band would grow with the store.
  const band = bandBucketOf(d.time);
  for (const k of bandKeys(d.minhash)) for (let b = band - 1; b <= band + 1; b++) out.push(`${k}:${b}`);
  const day = statedDayKey(d);
  if (day) out.push(`${d.type}:${day}`);
  return out;
}

const jaccard = (a: Set<string>, b: Set<string>) => {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
};
const intersects = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));

/** Same story: same language and nearly the same words (syndicated copies, light rewrites). */
export function isCopy(a: ArticleDigest, b: ArticleDigest): boolean {
  return (
    a.language === b.language &&
    (a.contentHash === b.contentHash || similarity(a.minhash, b.minhash) >= COPY_SIMILARITY)
  );
}

/** When the incident happened by this article, when it says so to the day (a bare year says nothing). */
const startOf = (d: ArticleDigest) => {
  const t = d.start && d.start.value.length >= 10 ? Date.parse(d.start.value) : Number.NaN;
  return Number.isFinite(t) ? t : undefined;
};

/**
 * Do the two reports place the incident at the same time? The closest of their days (stated start, else
 * publication) must be within a week, and publication within the link window: a follow-up weeks later that
 * names the incident's date still joins. Never for an undated report.
 */
export function datesOverlap(a: ArticleDigest, b: ArticleDigest): boolean {
  if (!a.time || !b.time || Math.abs(a.time - b.time) > LINK_WINDOW_MS) return false;
  return daysWithin(a, b, EVENT_WINDOW_MS);
}

/** Is the closest pair of the two reports' days (stated start, else publication) nearer than `window`? */
function daysWithin(a: ArticleDigest, b: ArticleDigest, window: number): boolean {
  const da = [a.time, startOf(a)].filter((x): x is number => x !== undefined);
  const db = [b.time, startOf(b)].filter((x): x is number => x !== undefined);
  return da.some((x) => db.some((y) => Math.abs(x - y) < window));
}

const localNames = (d: ArticleDigest) => new Set([...namesOf(d)].filter((n) => !isBroadPlace(n)));

/** Is the text of two reports alike: words within a language, canonical names and counts across. */
export function textSimilar(a: ArticleDigest, b: ArticleDigest): boolean {
  if (a.language === b.language) {
    if (similarity(a.minhash, b.minhash) >= SHINGLE_LINK_SIMILARITY) return true;
    if (jaccard(new Set(a.keywords ?? []), new Set(b.keywords ?? [])) >= TEXT_LINK_SIMILARITY) return true;
  }
  // Countries and world capitals do not count: two stories from one week naming "US", "Iran" and "Iraq" can be
  // any two stories of one crisis.
  if (jaccard(localNames(a), localNames(b)) >= NAME_LINK_SIMILARITY) return true;
  return sharedCount(a, b);
}

/** The same toll or rescue count in both ("288 dead", "14 rescued"): strong evidence across scripts. */
function sharedCount(a: ArticleDigest, b: ArticleDigest): boolean {
  const counts = (d: ArticleDigest) =>
    new Set(d.counts.filter((c) => c.quantity >= 3).map((c) => `${c.quantity} ${c.unit}`));
  return intersects(counts(a), counts(b));
}

/** Text evidence that holds across kinds: shingles or headline terms well above the usual bar, or a shared toll. */
function strongSimilar(a: ArticleDigest, b: ArticleDigest): boolean {
  if (a.language === b.language) {
    if (similarity(a.minhash, b.minhash) >= 2 * SHINGLE_LINK_SIMILARITY) return true;
    if (jaccard(new Set(a.keywords ?? []), new Set(b.keywords ?? [])) >= 2 * TEXT_LINK_SIMILARITY)
      return true;
  }
  return sharedCount(a, b);
}

/**
 * Do two articles report the same incident? Copies of one story always do (within the window). Otherwise:
 * same family of type, overlapping dates, a shared specific anchor, and similar text. Symmetric.
 */
export function linked(a: ArticleDigest, b: ArticleDigest): boolean {
  if (a.id === b.id) return true;
  if (isCopy(a, b))
    return !a.time || !b.time ? a.contentHash === b.contentHash : Math.abs(a.time - b.time) <= LINK_WINDOW_MS;
  if (familyOf(a.type) !== familyOf(b.type)) return false;
  if (!datesOverlap(a, b)) return false;
  const theirs = anchorsOf(b);
  const shared = [...anchorsOf(a)].filter((x) => theirs.has(x));
  if (shared.length === 0) return sameDayPlaces(a, b);
  const onlyKind = (prefix: string) => shared.every((x) => x.startsWith(prefix));
  if (onlyKind('l:')) {
    // Only a district in common: recurring incidents of one place (a ceasefire violation a week after
    // another, two arrests of one group's men) must be on the same few days unless the kind lasts (a flood
    // is news for a week in one district); and an arrest or crime naming one person is not one naming another.
    const lasting = LASTING_KINDS.includes(a.type) || LASTING_KINDS.includes(b.type);
    if (!lasting && !daysWithin(a, b, PLACE_ONLY_WINDOW_MS)) return false;
    if (a.type === 'crime' && b.type === 'crime' && namesDifferentPeople(a, b)) return false;
  }
  // Only a person in common, in one language: the figure at the centre of a crisis (a general killed in a
  // strike) is named in every story of its aftermath, whose shared vocabulary passes the usual word test.
  // Across languages the name test already asks for more than one name.
  if (onlyKind('p:') && a.language === b.language) return strongSimilar(a, b);
  // The same kind of incident at the same named target, place or person, named in both headlines or leads, in
  // the same days: headline and lead say which incident each report is about, so the bodies need not share
  // words (a minister's reaction and a police update on one campus attack), nor a Hindi and an English report
  // their other names.
  if (a.type === b.type) {
    const inLead = leadAnchors(b);
    if ([...leadAnchors(a)].some((x) => inLead.has(x))) return true;
  }
  // A generic kind ("the accident", "services down") joins the specific kind it was later found to be. Two
  // specific kinds of one family (a blast and an attack) in one district in one week are as often two incidents
  // (a gunfight, then a mine blast) as one: only near-identical wording or the same toll ties them.
  if (a.type !== b.type && !GENERIC_KINDS.includes(a.type) && !GENERIC_KINDS.includes(b.type))
    return strongSimilar(a, b);
  return textSimilar(a, b);
}

/** The digest's anchors first named in its headline or lead paragraphs. */
function leadAnchors(d: ArticleDigest): Set<string> {
  const all = anchorsOf(d);
  const out = new Set<string>();
  for (const [k, xs] of [
    ['o:', d.orgs],
    ['l:', d.places],
    ['p:', d.people ?? []],
  ] as const)
    for (const x of xs) {
      const inLead = x.evidence.paragraph === null || x.evidence.paragraph < LEAD_PARAGRAPHS;
      if (inLead && all.has(k + x.name)) out.add(k + x.name);
    }
  return out;
}

/** Canonical order of articles: publication time, then id. */
export function byTime(a: ArticleDigest, b: ArticleDigest): number {
  return a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Incident id from its earliest article: stable under any arrival order. */
export function incidentIdFor(members: ArticleDigest[]): string {
  const first = [...members].sort(byTime)[0]!;
  return `inc-${stableId(`incident:${first.id}`)}`;
}

/**
 * Incidents among the given digests. In (time, id) order each article joins the incident whose core (its
 * first CORE_SIZE members) it links to most, provided it links to more than half of that core or is a copy
 * of a member; otherwise it starts an incident. A chain A~B~C with A and C unrelated stays apart once B is
 * in A's incident: C links to one of two core members, not more than half.
 */
export function clusters(digests: ArticleDigest[]): ArticleDigest[][] {
  const out: ArticleDigest[][] = [];
  for (const d of [...digests].sort(byTime)) {
    let best: { i: number; n: number } | undefined;
    for (let i = 0; i < out.length; i++) {
      const members = out[i]!;
      if (members.some((m) => isCopy(m, d) && linked(m, d))) {
        best = { i, n: Number.POSITIVE_INFINITY };
        break;
      }
      const core = members.slice(0, CORE_SIZE);
      const n = core.filter((m) => linked(m, d)).length;
      if (2 * n > core.length && (!best || n / core.length > best.n)) best = { i, n: n / core.length };
    }
    if (best) out[best.i]!.push(d);
    else out.push([d]);
  }
  return out;
}

/** For each article, the earliest article of its story (copy relation closed transitively); self if original. */
export function storyOf(members: ArticleDigest[]): Map<string, string> {
  const sorted = [...members].sort(byTime);
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      if (!isCopy(sorted[i]!, sorted[j]!)) continue;
      const a = find(i);
      const b = find(j);
      // The lower index (earlier article) stays root, so a story is named after its first publication.
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  return new Map(sorted.map((d, i) => [d.id, sorted[find(i)]!.id]));
}
