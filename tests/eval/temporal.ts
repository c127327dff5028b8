/**
 * Temporal scoring: an expected expression is correct when the system returns a value whose surface is
 * the same (or whose span overlaps it) with equal kind and value. Accuracy per expression class, per
 * language; baseline: chrono-node alone (English only; it knows no Hindi and no durations).
 */
import * as chrono from 'chrono-node';
import type { TemporalKind, TemporalValue } from '../../src/core/types.ts';
import { extractTemporal } from '../../src/temporal/index.ts';
import { TEMPORAL_CLASSES, type TemporalClass, type TemporalSentence } from './data.ts';

export interface ClassAccuracy {
  correct: number;
  total: number;
  accuracy: number;
}

export interface TemporalSystemReport {
  overall: ClassAccuracy;
  perClass: Record<TemporalClass, ClassAccuracy>;
  perLang: Record<'hin' | 'eng', ClassAccuracy>;
  errors: { id: string; surface: string; expected: string; got: string }[];
  msPerSentence: number;
}

type Found = Pick<TemporalValue, 'surface' | 'kind' | 'value' | 'start' | 'end'>;

const acc = (): ClassAccuracy => ({ correct: 0, total: 0, accuracy: 0 });
function add(a: ClassAccuracy, ok: boolean): void {
  a.total++;
  if (ok) a.correct++;
  a.accuracy = a.correct / a.total;
}

export function scoreTemporal(
  sentences: TemporalSentence[],
  predict: (s: TemporalSentence) => Found[],
): TemporalSystemReport {
  const report: TemporalSystemReport = {
    overall: acc(),
    perClass: Object.fromEntries(TEMPORAL_CLASSES.map((c) => [c, acc()])) as Record<
      TemporalClass,
      ClassAccuracy
    >,
    perLang: { hin: acc(), eng: acc() },
    errors: [],
    msPerSentence: 0,
  };
  let ms = 0;
  for (const s of sentences) {
    const t0 = performance.now();
    const found = predict(s);
    ms += performance.now() - t0;
    for (const e of s.expected) {
      const start = s.text.indexOf(e.surface);
      const end = start + e.surface.length;
      const near = found.filter((f) => f.surface === e.surface || (f.start < end && start < f.end));
      const ok = near.some((f) => f.kind === e.kind && f.value === e.value);
      add(report.overall, ok);
      add(report.perClass[e.class], ok);
      add(report.perLang[s.lang], ok);
      if (!ok) {
        report.errors.push({
          id: s.id,
          surface: e.surface,
          expected: `${e.kind} ${e.value}`,
          got: near.map((f) => `${f.surface} → ${f.kind} ${f.value}`).join('; ') || '(nothing)',
        });
      }
    }
  }
  report.msPerSentence = sentences.length ? ms / sentences.length : 0;
  return report;
}

export function oursTemporal(s: TemporalSentence): Found[] {
  return extractTemporal(
    { title: '', paragraphs: [{ text: s.text, lang: s.lang }] },
    { published: s.published },
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Baseline: plain `chrono.parse` with the publication time as reference, read in IST. */
export function chronoTemporal(s: TemporalSentence): Found[] {
  const out: Found[] = [];
  const instant = new Date(s.published);
  for (const r of chrono.parse(s.text, { instant, timezone: 330 })) {
    const d = new Date(r.start.date().getTime() + 330 * 60_000);
    const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    let kind: TemporalKind = 'date';
    let value = day;
    if (r.start.isCertain('hour')) {
      kind = 'time';
      value = `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00+05:30`;
    } else if (!r.start.isCertain('day') && r.start.isCertain('month')) {
      value = day.slice(0, 7);
    }
    out.push({ surface: r.text, kind, value, start: r.index, end: r.index + r.text.length });
  }
  return out;
}

export interface TemporalReport {
  sentences: number;
  expressions: number;
  ours: TemporalSystemReport;
  chrono: TemporalSystemReport;
}

export function evaluateTemporal(sentences: TemporalSentence[], baseline = true): TemporalReport {
  oursTemporal(sentences[0]);
  return {
    sentences: sentences.length,
    expressions: sentences.reduce((n, s) => n + s.expected.length, 0),
    ours: scoreTemporal(sentences, oursTemporal),
    chrono: scoreTemporal(sentences, baseline ? chronoTemporal : () => []),
  };
}
