/**
 * Grouping rules: when two articles report the same incident, which index keys find the candidates, how
 * clusters are named, and which articles are copies of one story.
 *
 * Order independence by construction: `linked(a, b)` is a symmetric predicate of the two digests alone,
 * and every pair it can accept shares an index key (an anchor entity key in a nearby week bucket, or a
 * MinHash LSH band). An incident is therefore a connected component of a fixed graph, whatever order its
 * articles arrived in, and its id comes from its earliest article. Pure.
 */
import { stableId } from '../core/hash.ts';
import type { IncidentType } from '../core/types.ts';
import { entityKey } from '../store/tokenize.ts';
import { bandKeys, similarity } from './minhash.ts';
import type { ArticleDigest } from './types.ts';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** Two stories at most this far apart can be about the same incident; follow-ups chain through each other. */
export const LINK_WINDOW_MS = 30 * DAY;
/** Within this gap a shared organisation is enough, wherever the stories place the incident. */
const SAME_WEEK_MS = 7 * DAY;
/** Week buckets searched either side of an article's own (covers the link window). */
const BUCKET_REACH = Math.ceil(LINK_WINDOW_MS / WEEK);
/** Estimated Jaccard at or above which two same-language articles are one story (syndicated or near-copy). */
export const COPY_SIMILARITY = 0.6;
/** Estimated Jaccard at or above which two articles are linked by text alone. */
export const TEXT_LINK_SIMILARITY = 0.5;

/**
 * Types that one incident is often reported under: a hack is first reported as "servers down", and a data
 * leak follows an attack. Other types only group with themselves.
 */
const FAMILY: Partial<Record<IncidentType, string>> = {
  cyberattack: 'it',
  'data-breach': 'it',
  'service-outage': 'it',
  'rail-accident': 'transport',
  'road-accident': 'transport',
};

/** `other` (a story that only says "the accident") may belong to an incident of any type. */
const WILDCARD = '*';
const FAMILIES = [
  ...new Set([...Object.values(FAMILY), 'fire', 'building-collapse', 'crime', 'protest', 'natural-disaster']),
];

export const familyOf = (t: IncidentType): string => (t === 'other' ? WILDCARD : (FAMILY[t] ?? t));

/** Families whose index keys an article must look up. */
const lookupFamilies = (t: IncidentType) =>
  t === 'other' ? [...FAMILIES, WILDCARD] : [familyOf(t), WILDCARD];

const bucketOf = (time: number) => Math.floor(time / WEEK);
/** LSH band keys are bucketed by the link window: a neighbour bucket either side covers every linkable pair. */
const bandBucketOf = (time: number) => Math.floor(time / LINK_WINDOW_MS);

function anchorKeys(d: ArticleDigest): string[] {
  const keys = new Set<string>();
  for (const o of d.orgs) keys.add(`o${entityKey(o.name)}`);
  for (const p of d.places) keys.add(`l${entityKey(p.name)}`);
  return [...keys];
}

/** Keys an article is indexed under: anchor entities in its week bucket, and its LSH bands. */
export function indexKeys(d: ArticleDigest): string[] {
  const family = familyOf(d.type);
  const bucket = bucketOf(d.time);
  const band = bandBucketOf(d.time);
  return [
    ...anchorKeys(d).map((k) => `${family}:${k}:${bucket}`),
    ...bandKeys(d.minhash).map((k) => `${k}:${band}`),
  ];
}

/** Keys to look up for an article's candidates: its anchors in every bucket within reach, and its bands. */
export function lookupKeys(d: ArticleDigest): string[] {
  const bucket = bucketOf(d.time);
  const out: string[] = [];
  for (const family of lookupFamilies(d.type)) {
    for (const k of anchorKeys(d)) {
      for (let b = bucket - BUCKET_REACH; b <= bucket + BUCKET_REACH; b++) out.push(`${family}:${k}:${b}`);
    }
  }
  // Bands carry a link-window bucket too: boilerplate shingles collide across years of news, and
  // without the bucket the candidates of a band would grow with the store.
  const band = bandBucketOf(d.time);
  for (const k of bandKeys(d.minhash)) for (let b = band - 1; b <= band + 1; b++) out.push(`${k}:${b}`);
  return out;
}

const names = (xs: { name: string }[]) => new Set(xs.map((x) => x.name));
const intersects = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));

/** Same story: same language and nearly the same words (syndicated copies, light rewrites). */
export function isCopy(a: ArticleDigest, b: ArticleDigest): boolean {
  return (
    a.language === b.language &&
    (a.contentHash === b.contentHash || similarity(a.minhash, b.minhash) >= COPY_SIMILARITY)
  );
}

/**
 * Do two articles report the same incident? Within the link window, and either the same story, or the
 * same family of type and (a shared organisation with no conflicting place beyond a week, or a shared place when one of them names no organisation,
 * or similar text). A story of type `other` needs a shared organisation. Symmetric.
 */
export function linked(a: ArticleDigest, b: ArticleDigest): boolean {
  if (a.id === b.id) return true;
  if (Math.abs(a.time - b.time) > LINK_WINDOW_MS) return false;
  if (isCopy(a, b)) return true;
  const ao = names(a.orgs);
  const bo = names(b.orgs);
  // A story of unknown type joins an incident only through a shared organisation.
  if (a.type === 'other' || b.type === 'other') return intersects(ao, bo);
  if (familyOf(a.type) !== familyOf(b.type)) return false;
  const ap = names(a.places);
  const bp = names(b.places);
  // A busy organisation (Indian Railways, a state utility) has many incidents a month: beyond a week apart,
  // a shared organisation links two stories only when they do not place them apart.
  const nearby =
    Math.abs(a.time - b.time) <= SAME_WEEK_MS || ap.size === 0 || bp.size === 0 || intersects(ap, bp);
  if (intersects(ao, bo) && nearby) return true;
  // A place alone is weak evidence (a city has many incidents); it links only a story that names no
  // organisation to one that does not contradict it by naming a different one.
  if ((ao.size === 0 || bo.size === 0) && intersects(ap, bp)) return true;
  return similarity(a.minhash, b.minhash) >= TEXT_LINK_SIMILARITY;
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

/** Connected components of `linked` among the given digests (for splitting after an article changes). */
export function components(digests: ArticleDigest[]): ArticleDigest[][] {
  const sorted = [...digests].sort(byTime);
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      if (linked(sorted[i]!, sorted[j]!)) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, ArticleDigest[]>();
  sorted.forEach((d, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), d]);
  });
  return [...groups.values()];
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
