/**
 * Evaluation of language identification on a labelled line set (tests/fixtures/langid/lines.tsv),
 * comparing {@link detectLanguage} with plain franc. Pure: the caller reads the file.
 */

import { franc } from 'franc';
import { detectLanguage } from './detect.ts';

/** One labelled line. `lang` is an ISO 639-3 code, or `hin-Latn` for romanised Hindi. */
export interface LabelledLine {
  lang: string;
  text: string;
}

/** Correct / total counts and their ratio. */
export interface Accuracy {
  correct: number;
  total: number;
  /** correct / total, or 0 when total is 0. */
  accuracy: number;
}

/** Accuracy of one system, overall, by length bucket and by gold label. */
export interface SystemReport {
  overall: Accuracy;
  /** `short`: text under {@link SHORT_LINE_CHARS} characters; `long`: the rest. */
  buckets: { short: Accuracy; long: Accuracy };
  perLang: Record<string, Accuracy>;
  /** Lines this system got wrong, with its answer, for error analysis. */
  errors: { gold: string; predicted: string; text: string }[];
}

/** Result of {@link evaluateLanguageId}. */
export interface LanguageIdReport {
  lines: number;
  ours: SystemReport;
  franc: SystemReport;
}

/** Lines shorter than this many characters (UTF-16 code units) fall in the `short` bucket. */
export const SHORT_LINE_CHARS = 20;

/**
 * Parses a `lang<TAB>text` file. Blank lines, `#` comments and a `lang<TAB>text` header are skipped.
 */
export function parseLabelledLines(tsv: string): LabelledLine[] {
  const lines: LabelledLine[] = [];
  for (const raw of tsv.split(/\r?\n/)) {
    if (!raw.trim() || raw.startsWith('#')) continue;
    const tab = raw.indexOf('\t');
    if (tab < 0) continue;
    const lang = raw.slice(0, tab).trim();
    if (lang === 'lang') continue;
    lines.push({ lang, text: raw.slice(tab + 1) });
  }
  return lines;
}

/** franc reports individual languages where we report macrolanguages; accept both for fairness. */
const FRANC_EQUIVALENT: Record<string, string> = { npi: 'nep', arb: 'ara', pes: 'fas' };

type Predictor = (text: string) => { lang: string; romanized: boolean };

function newAccuracy(): Accuracy {
  return { correct: 0, total: 0, accuracy: 0 };
}

function add(acc: Accuracy, ok: boolean): void {
  acc.total++;
  if (ok) acc.correct++;
  acc.accuracy = acc.correct / acc.total;
}

function evaluate(lines: readonly LabelledLine[], predict: Predictor, checkRomanized: boolean): SystemReport {
  const report: SystemReport = {
    overall: newAccuracy(),
    buckets: { short: newAccuracy(), long: newAccuracy() },
    perLang: {},
    errors: [],
  };
  for (const { lang: gold, text } of lines) {
    const guess = predict(text);
    const romanizedGold = gold === 'hin-Latn';
    const expected = romanizedGold ? 'hin' : gold;
    let ok = guess.lang === expected;
    // Our detector must also flag romanisation; franc has no such notion, so only its language counts.
    if (ok && checkRomanized) ok = guess.romanized === romanizedGold;
    add(report.overall, ok);
    add(text.length < SHORT_LINE_CHARS ? report.buckets.short : report.buckets.long, ok);
    report.perLang[gold] ??= newAccuracy();
    add(report.perLang[gold], ok);
    if (!ok) {
      report.errors.push({ gold, predicted: guess.lang + (guess.romanized ? '-Latn' : ''), text });
    }
  }
  return report;
}

/**
 * Evaluates {@link detectLanguage} (without prior) and plain `franc(text)` (default options) on the
 * same labelled lines; returns accuracy overall, by length bucket and per gold label for both.
 */
export function evaluateLanguageId(lines: readonly LabelledLine[]): LanguageIdReport {
  return {
    lines: lines.length,
    ours: evaluate(lines, (text) => detectLanguage(text), true),
    franc: evaluate(
      lines,
      (text) => {
        const code = franc(text);
        return { lang: FRANC_EQUIVALENT[code] ?? code, romanized: false };
      },
      false,
    ),
  };
}

const pct = (a: Accuracy): string => `${(a.accuracy * 100).toFixed(1)}% (${a.correct}/${a.total})`;

/** Formats a report as a small plain-text table for `npm run eval`. */
export function formatLanguageIdReport(report: LanguageIdReport): string {
  const rows: [string, string, string][] = [
    ['overall', pct(report.ours.overall), pct(report.franc.overall)],
    [`< ${SHORT_LINE_CHARS} chars`, pct(report.ours.buckets.short), pct(report.franc.buckets.short)],
    [`>= ${SHORT_LINE_CHARS} chars`, pct(report.ours.buckets.long), pct(report.franc.buckets.long)],
  ];
  for (const lang of Object.keys(report.ours.perLang).sort()) {
    rows.push([lang, pct(report.ours.perLang[lang]), pct(report.franc.perLang[lang])]);
  }
  const lines = [`language id on ${report.lines} lines`, 'bucket'.padEnd(14) + 'ours'.padEnd(22) + 'franc'];
  for (const [name, ours, plain] of rows) lines.push(name.padEnd(14) + ours.padEnd(22) + plain);
  return lines.join('\n');
}
