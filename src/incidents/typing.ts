/**
 * Incident typing: does an article report one specific real-world incident, and of which kind? The headline
 * and the lead (first two paragraphs) decide; the body only adds support, so a word in paragraph seven never
 * makes an article an incident report. Figurative uses are removed before cues are tested, and subjects that
 * are not incident reports (sport, elections, opinion, business, features, science, court verdicts,
 * anniversaries) count against. Most articles get no type. Pure.
 */
import { sentences } from '../core/text.ts';
import type { Evidence, IncidentType } from '../core/types.ts';
import { ACCIDENT_FAMILY, CASUALTY, FIGURATIVE, GENERIC_ACCIDENT, NONE_TRAPS, TYPE_CUES } from './lexicon.ts';

/** Paragraphs read as the lead. */
export const LEAD_PARAGRAPHS = 2;
/** Confidence below which an article gets no incident. */
export const MIN_CONFIDENCE = 0.5;

const WEIGHT = { title: 2, lead: 1, body: 0.25 } as const;
const CAP = { lead: 2, body: 1 } as const;
/** A casualty in the sentence that carries the cue: the mark of something that happened. */
const CASUALTY_BONUS = 0.5;
/** Per trap category (sport, election, …) in the headline, and in the lead. */
const TRAP_PENALTY = { title: 1.5, lead: 0.5 } as const;
const MAX_LEAD_TRAPS = 2;

export interface TypingInput {
  title: string;
  paragraphs: { text: string }[];
}

interface Sentence {
  text: string;
  paragraph: number | null;
  start: number;
  end: number;
}

type Zone = 'title' | 'lead' | 'body';

/** The type of the incident an article reports, with its evidence and confidence. */
export interface Typing {
  type: IncidentType;
  confidence: number;
  /** Sentences that carry the type's cues, headline and lead first; `value` is the cue as written. */
  evidence: Evidence[];
  /** Categories of "none" traps seen in the headline and lead (for audit). */
  traps: string[];
}

function zoned(input: TypingInput): (Sentence & { zone: Zone })[] {
  const out: (Sentence & { zone: Zone })[] = sentences(input.title).map((s) => ({
    ...s,
    paragraph: null,
    zone: 'title',
  }));
  input.paragraphs.forEach((p, i) => {
    const zone: Zone = i < LEAD_PARAGRAPHS ? 'lead' : 'body';
    for (const s of sentences(p.text)) out.push({ ...s, paragraph: i, zone });
  });
  return out;
}

/** The cue of `type` in a sentence as written, after its figurative uses are taken out; undefined if none. */
export function cueIn(type: IncidentType, text: string): string | undefined {
  const re = TYPE_CUES.find(([t]) => t === type)?.[1];
  if (!re) return undefined;
  const figurative = FIGURATIVE[type];
  // Blank out figurative spans (same length, so nothing else shifts).
  const literal = figurative ? text.replace(figurative, (m) => ' '.repeat(m.length)) : text;
  return re.exec(literal)?.[0];
}

/** Trap categories in a text. */
export function trapsIn(text: string): string[] {
  return NONE_TRAPS.filter(([, re]) => re.test(text)).map(([name]) => name);
}

/** Score of every type with its evidence; exported for tests and the eval's error listing. */
export function scoreTypes(
  input: TypingInput,
): { type: IncidentType; score: number; evidence: Evidence[] }[] {
  const sents = zoned(input);
  const out: { type: IncidentType; score: number; evidence: Evidence[] }[] = [];
  const specific = new Map(TYPE_CUES.map(([t]) => [t, sents.some((s) => cueIn(t, s.text))]));
  const anyAccident = ACCIDENT_FAMILY.some((t) => t !== 'accident' && specific.get(t));
  for (const [type] of TYPE_CUES) {
    const hits = { title: 0, lead: 0, body: 0 };
    const evidence: Evidence[] = [];
    let casualty = false;
    // A bare "accident" supports the accident kind some sentence names (a derailment, a bus overturning), or
    // plain `accident` when none does.
    const generic =
      ACCIDENT_FAMILY.includes(type) && (type === 'accident' ? !anyAccident : specific.get(type) === true);
    for (const s of sents) {
      const cue = cueIn(type, s.text) ?? (generic ? GENERIC_ACCIDENT.exec(s.text)?.[0] : undefined);
      if (!cue) continue;
      hits[s.zone]++;
      if (s.zone !== 'body' && CASUALTY.test(s.text)) casualty = true;
      if (s.zone !== 'body' || evidence.length < 4)
        evidence.push({
          value: cue,
          sentence: s.text,
          location: { paragraph: s.paragraph, start: s.start, end: s.end },
        });
    }
    // The headline and lead decide: body support alone never types an article.
    if (hits.title + hits.lead === 0) continue;
    const score =
      Math.min(hits.title, 1) * WEIGHT.title +
      Math.min(hits.lead * WEIGHT.lead, CAP.lead) +
      Math.min(hits.body * WEIGHT.body, CAP.body) +
      (casualty ? CASUALTY_BONUS : 0);
    out.push({ type, score, evidence });
  }
  return out;
}

/** Penalty of the "none" traps in the headline and lead, and the categories seen. */
function trapPenalty(input: TypingInput): { penalty: number; traps: string[] } {
  const title = trapsIn(input.title);
  const lead = trapsIn(
    input.paragraphs
      .slice(0, LEAD_PARAGRAPHS)
      .map((p) => p.text)
      .join('\n'),
  ).filter((t) => !title.includes(t));
  return {
    penalty: title.length * TRAP_PENALTY.title + Math.min(lead.length, MAX_LEAD_TRAPS) * TRAP_PENALTY.lead,
    traps: [...title, ...lead],
  };
}

/** Confidence from a score: 0 at 0.5, 0.5 at 2 (a headline cue alone), 1 from 3.5 up. */
const confidenceOf = (score: number) => Math.max(0, Math.min(1, (score - 0.5) / 3));

/** Type the article; undefined (no incident) when no type is confident enough. */
export function typeIncident(input: TypingInput, minConfidence = MIN_CONFIDENCE): Typing | undefined {
  const scored = scoreTypes(input);
  if (scored.length === 0) return undefined;
  const { penalty, traps } = trapPenalty(input);
  // Highest score wins; TYPE_CUES order (specific before generic) breaks ties.
  const best = [...scored].sort((a, b) => b.score - a.score)[0]!;
  const confidence = Math.round(confidenceOf(best.score - penalty) * 1000) / 1000;
  if (confidence < minConfidence) return undefined;
  return { type: best.type, confidence, evidence: best.evidence.slice(0, 5), traps };
}
