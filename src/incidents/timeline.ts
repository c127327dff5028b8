/**
 * Timeline: the dated events of an incident from all its articles, both languages, each with its sources.
 * A sentence that states its own date gives the event that date. A sentence without one is dated by its
 * article's publication, unless an earlier event of the same kind exists: a follow-up's "police had
 * registered a case" is background, so it becomes one more source of the earlier event instead of a new
 * one. Mentions are processed in a canonical order, so the result does not depend on arrival order. Pure.
 */
import { EVENT_CUES, EVENT_LABELS } from './lexicon.ts';
import type { ArticleDigest, EventKind, EventMention, TimelineEvent } from './types.ts';

const KIND_ORDER: EventKind[] = ['began', ...EVENT_CUES.map(([k]) => k)];
const IST_MS = 330 * 60_000;

/** Calendar date (IST) of an ISO time or epoch ms. */
export function istDate(value: string | number): string | undefined {
  if (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}(?:$|T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\+05:30$)/.test(value)
  )
    return value.slice(0, 10);
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms) || ms === 0) return undefined;
  return new Date(ms + IST_MS).toISOString().slice(0, 10);
}

interface Placed {
  digest: ArticleDigest;
  mention: EventMention;
  date: string;
  datedInText: boolean;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function canonicalOrder(a: Placed, b: Placed): number {
  return (
    cmp(a.date, b.date) ||
    KIND_ORDER.indexOf(a.mention.kind) - KIND_ORDER.indexOf(b.mention.kind) ||
    cmp(a.digest.id, b.digest.id) ||
    (a.mention.evidence.paragraph ?? -1) - (b.mention.evidence.paragraph ?? -1) ||
    a.mention.evidence.start - b.mention.evidence.start
  );
}

/**
 * Build the timeline of an incident from its member articles. `start`: the incident's resolved start date;
 * the one "began" event is placed there (other articles' start claims stay conflicting claims of the
 * start field, not extra beginnings).
 */
export function buildTimeline(members: ArticleDigest[], start?: string): TimelineEvent[] {
  const dated: Placed[] = [];
  const undated: Placed[] = [];
  for (const d of members) {
    const published = istDate(d.published ?? d.time);
    for (const m of d.events) {
      if (m.kind === 'began' && m.date !== start) continue;
      // A date after publication is a plan ("will be restored by Monday"), not an event that happened.
      if (m.date && (!published || m.date <= published))
        dated.push({ digest: d, mention: m, date: m.date, datedInText: true });
      else if (published) undated.push({ digest: d, mention: m, date: published, datedInText: false });
    }
  }
  const events = new Map<string, TimelineEvent>();
  const add = (p: Placed, at: string) => {
    const key = `${at}|${p.mention.kind}`;
    let e = events.get(key);
    if (!e) {
      e = { date: at, kind: p.mention.kind, label: EVENT_LABELS[p.mention.kind], sources: [] };
      events.set(key, e);
    }
    if (e.sources.some((s) => s.articleId === p.digest.id)) return;
    e.sources.push({
      articleId: p.digest.id,
      ...(p.digest.url ? { url: p.digest.url } : {}),
      language: p.digest.language,
      sentence: p.mention.evidence.sentence ?? '',
      evidence: p.mention.evidence,
      datedInText: p.datedInText,
    });
  };
  for (const p of dated.sort(canonicalOrder)) add(p, p.date);
  for (const p of undated.sort(canonicalOrder)) {
    const earlier = [...events.values()]
      .filter((e) => e.kind === p.mention.kind && e.date <= p.date)
      .sort((a, b) => cmp(a.date, b.date))[0];
    add(p, earlier?.date ?? p.date);
  }
  return [...events.values()].sort(
    (a, b) => cmp(a.date, b.date) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
}
