/**
 * Merge resolved mentions into one Entity per canonical: learned alias links, surname-only
 * person mentions and equal romanisations are unified with a union-find over canonical names.
 */
import type { Entity, EntityMention, EntityType } from '../core/types.ts';
import type { GazetteerEntry } from './gazetteer.ts';
import type { Span } from './match.ts';
import { isDevanagari } from './text.ts';
import { phoneticKey } from './translit.ts';

/** A resolved span with the text it was found in. */
export interface LocatedSpan {
  paragraph: number | null;
  span: Span;
}

interface Node {
  parent: string;
  entry?: GazetteerEntry;
  canonicals: string[];
}

class Groups {
  readonly nodes = new Map<string, Node>();

  add(canonical: string, entry?: GazetteerEntry): string {
    const k = canonical.toLowerCase();
    const n = this.nodes.get(k);
    if (!n) this.nodes.set(k, { parent: k, entry, canonicals: [canonical] });
    else {
      n.entry ??= entry;
      if (!n.canonicals.includes(canonical)) n.canonicals.push(canonical);
    }
    return k;
  }

  find(k: string): string {
    let n = this.nodes.get(k);
    while (n && n.parent !== k) {
      k = n.parent;
      n = this.nodes.get(k);
    }
    return k;
  }

  /** Union two groups unless each is a different gazetteer entity. */
  union(a: string, b: string): void {
    const ra = this.find(a.toLowerCase());
    const rb = this.find(b.toLowerCase());
    if (ra === rb) return;
    const na = this.nodes.get(ra);
    const nb = this.nodes.get(rb);
    if (!na || !nb) return;
    if (na.entry && nb.entry && na.entry !== nb.entry) return;
    // Keep the gazetteer-backed node as root so its entry speaks for the group.
    const [root, child] = nb.entry && !na.entry ? [nb, na] : [na, nb];
    child.parent = root === na ? ra : rb;
    root.entry ??= child.entry;
    root.canonicals.push(...child.canonicals);
  }
}

const isLatin = (s: string): boolean => !isDevanagari(s) && /[A-Za-z]/.test(s);
const TYPE_PREFERENCE: EntityType[] = ['ORG', 'LOC', 'PER', 'ID'];

function chooseCanonical(node: Node): string {
  if (node.entry) return node.entry.canonical;
  const latin = node.canonicals.filter(isLatin);
  // Acronyms are what articles reuse (and what the gazetteer uses as canonical: AIIMS, CBI).
  return latin.find((c) => /^[A-Z0-9&-]{2,8}$/.test(c)) ?? latin[0] ?? node.canonicals[0];
}

function chooseType(node: Node, spans: Span[]): EntityType {
  if (node.entry) return node.entry.type;
  // A learned long form ("… Centre") is better evidence than the ID default of a bare acronym.
  const types = new Set(spans.filter((s) => s.source !== 'nlp').map((s) => s.type));
  const nonId = TYPE_PREFERENCE.find((t) => t !== 'ID' && types.has(t));
  return nonId ?? (types.has('ID') ? 'ID' : spans[0].type);
}

/**
 * Build the Entity list from resolved spans (in document order) and learned canonical links.
 * Entities come out in order of first mention.
 */
export function mergeEntities(located: LocatedSpan[], links: Array<[string, string]>): Entity[] {
  const g = new Groups();
  for (const { span } of located) g.add(span.canonical, span.entry);
  for (const [a, b] of links) {
    g.add(a);
    g.add(b);
    g.union(a, b);
  }
  unifyPeople(g, located);

  const byRoot = new Map<string, LocatedSpan[]>();
  for (const ls of located) {
    const r = g.find(ls.span.canonical.toLowerCase());
    const list = byRoot.get(r) ?? [];
    list.push(ls);
    byRoot.set(r, list);
  }
  const out: Entity[] = [];
  for (const [root, list] of byRoot) {
    const node = g.nodes.get(root)!;
    const spans = list.map((l) => l.span);
    const canonical = chooseCanonical(node);
    const aliasSet = new Set<string>([
      ...(node.entry ? [node.entry.canonical, ...node.entry.aliases] : []),
      ...node.canonicals,
      ...spans.map((s) => s.surface),
    ]);
    aliasSet.delete(canonical);
    const mentions: EntityMention[] = [];
    const seen = new Set<string>();
    for (const { paragraph, span } of list) {
      const k = `${paragraph}:${span.start}:${span.end}`;
      if (seen.has(k)) continue;
      seen.add(k);
      mentions.push({ paragraph, start: span.start, end: span.end, surface: span.surface });
    }
    const e: Entity = { canonical, type: chooseType(node, spans), aliases: [...aliasSet], mentions };
    const partOf = node.entry?.partOf ?? spans.find((s) => s.partOf)?.partOf;
    if (partOf && partOf !== canonical) e.partOf = partOf;
    out.push(e);
  }
  return out;
}

/** Surname-only mentions join the one full name ending in it; equal romanisations join up. */
function unifyPeople(g: Groups, located: LocatedSpan[]): void {
  const people = new Map<string, string>();
  for (const { span } of located)
    if (span.type === 'PER' || span.type === 'LOC') people.set(span.canonical, span.type);
  const byKey = new Map<string, string>();
  for (const [c] of people) {
    if (!isLatin(c)) continue;
    const k = `${people.get(c)}:${phoneticKey(c)}`;
    const prev = byKey.get(k);
    if (prev) g.union(prev, c);
    else byKey.set(k, c);
  }
  const full = [...people].filter(([c, t]) => t === 'PER' && /\s/.test(c)).map(([c]) => c);
  for (const [c, t] of people) {
    if (t !== 'PER' || /\s/.test(c)) continue;
    const matches = full.filter((f) => f.toLowerCase().endsWith(` ${c.toLowerCase()}`));
    if (matches.length === 1) g.union(matches[0], c);
  }
}
