/**
 * Highlighting for stores that do not do it themselves: whole words whose index term matches a query
 * clause, plus the mentions of entities the query named, wrapped in <mark>. Fragments are cut at word
 * boundaries around the first mark of the best paragraphs.
 */
import { words } from '../core/text.ts';
import type { Article } from '../core/types.ts';
import type { QueryClause } from './query.ts';
import { termOf } from './tokenize.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

interface Span {
  start: number;
  end: number;
}

/** Spans of words that match a one-word alternative, or runs of words that match a whole phrase. */
function markSpans(text: string, phrases: string[][], extra: Span[]): Span[] {
  const spans: Span[] = [...extra];
  const ws = [...words(text)].map((w) => ({ ...w, term: termOf(w.word) }));
  for (let i = 0; i < ws.length; i++) {
    for (const phrase of phrases) {
      if (i + phrase.length > ws.length) continue;
      if (phrase.every((t, k) => ws[i + k]!.term === t)) {
        const last = ws[i + phrase.length - 1]!;
        spans.push({ start: ws[i]!.index, end: last.index + last.word.length });
      }
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

function render(text: string, spans: Span[], from: number, to: number): string {
  let out = '';
  let pos = from;
  for (const s of spans) {
    if (s.end <= from || s.start >= to) continue;
    out +=
      escapeHtml(text.slice(pos, s.start)) + '<mark>' + escapeHtml(text.slice(s.start, s.end)) + '</mark>';
    pos = s.end;
  }
  return out + escapeHtml(text.slice(pos, to));
}

/** Up to `max` highlighted fragments of about `size` characters from the title and body. */
export function highlightArticle(article: Article, clauses: QueryClause[], max = 3, size = 220): string[] {
  const phrases = clauses.flatMap((c) => c.alternatives);
  const entities = new Set(clauses.map((c) => c.entity).filter(Boolean));
  const fields = [
    { paragraph: null as number | null, text: article.title },
    ...article.paragraphs.map((p) => ({ paragraph: p.index as number | null, text: p.text })),
  ];
  const scored = fields
    .map((f) => {
      const mentions = article.entities
        .filter((e) => entities.has(e.canonical))
        .flatMap((e) => e.mentions.filter((m) => m.paragraph === f.paragraph));
      return { ...f, spans: markSpans(f.text, phrases, mentions) };
    })
    .filter((f) => f.spans.length > 0)
    .sort((a, b) => b.spans.length - a.spans.length)
    .slice(0, max);
  return scored.map(({ text, spans }) => {
    if (text.length <= size) return render(text, spans, 0, text.length);
    let from = Math.max(0, spans[0]!.start - Math.floor(size / 3));
    while (from > 0 && !/\s/.test(text[from - 1]!)) from--;
    let to = Math.min(text.length, from + size);
    while (to < text.length && !/\s/.test(text[to]!)) to++;
    return (from > 0 ? '… ' : '') + render(text, spans, from, to).trim() + (to < text.length ? ' …' : '');
  });
}
