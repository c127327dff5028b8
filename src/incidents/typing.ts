/**
 * Incident typing: does an article report one specific real-world incident, and of which kind? The headline
 * and the lead (first two paragraphs) decide; the body only adds support, so a word in paragraph seven never
 * makes an article an incident report. Figurative uses are removed before cues are tested, and subjects that
 * are not incident reports (sport, elections, opinion, business, features, science, court verdicts,
 * anniversaries) count against. Most articles get no type. Pure.
 */
import { sentences } from '../core/text.ts';
import type { Evidence, IncidentType } from '../core/types.ts';
import { type Folded, fold, foldPattern, unfold } from './fold.ts';
import {
  ACCIDENT_FAMILY,
  ARREST,
  CASUALTY,
  FIGURATIVE,
  GENERIC_ACCIDENT,
  NONE_TRAPS,
  TYPE_CUES,
  TYPE_TRAPS,
} from './lexicon.ts';

/** Paragraphs read as the lead. */
export const LEAD_PARAGRAPHS = 2;
/**
 * Paragraphs read at all (lead included). Body support is capped (four sentences' worth), and a word far down
 * never decides, so reading further only costs time: on a long page most of the stage's work was there.
 */
export const READ_PARAGRAPHS = 6;
/** Sentences of the lead paragraphs read as the lead; the rest of them are body. */
export const LEAD_SENTENCES = 5;
/** Body sentences read: four reach the body cap, and support from further down is as likely to be about something else. */
const BODY_SENTENCES = 4;
/** Confidence below which an article gets no incident. */
export const MIN_CONFIDENCE = 0.5;

const WEIGHT = { title: 2, lead: 1, body: 0.25 } as const;
const CAP = { lead: 2, body: 1 } as const;
/** A casualty in the sentence that carries the cue: the mark of something that happened. */
const CASUALTY_BONUS = 0.5;
/** Per trap category (sport, election, …) in the headline, and in the lead. */
/** Events a report may also call an "accident" (a fire accident, हादसा of a collapse). */
const EVENT_NAMED_ACCIDENT: IncidentType[] = [
  'fire',
  'explosion',
  'building-collapse',
  'stampede',
  'natural-disaster',
];
const TRAP_PENALTY = { title: 1.5, lead: 0.5 } as const;
const MAX_LEAD_TRAPS = 2;
/** A headline trap of the type itself (an avalanche warning): as strong as the headline cue. */
const TYPE_TRAP_PENALTY = 2;

export interface TypingInput {
  title: string;
  paragraphs: { text: string }[];
}

type Zone = 'title' | 'lead' | 'body';

interface Sentence {
  text: string;
  paragraph: number | null;
  start: number;
  end: number;
  zone: Zone;
  /** Cue of each type found in the sentence (as written), computed once. */
  cues: Map<IncidentType, string>;
  /** The bare accident word, if any. */
  generic: string | undefined;
  /** An arrest, raid or seizure word, if any. */
  arrest: string | undefined;
}

/** The type of the incident an article reports, with its evidence and confidence. */
export interface Typing {
  type: IncidentType;
  confidence: number;
  /** Sentences that carry the type's cues, headline and lead first; `value` is the cue as written. */
  evidence: Evidence[];
  /** Categories of "none" traps seen in the headline and lead (for audit). */
  traps: string[];
}

// Cues in folded form (fold.ts), so a joiner inside a Hindi conjunct or a precomposed nukta does not hide one.
const CUES: [IncidentType, RegExp][] = TYPE_CUES.map(([t, re]) => [t, foldPattern(re)]);
const FIG = new Map(
  Object.entries(FIGURATIVE).map(([t, re]) => [t as IncidentType, foldPattern(re as RegExp)]),
);
const GENERIC = foldPattern(GENERIC_ACCIDENT);
const ARRESTED = foldPattern(ARREST);
const TRAPS: [string, RegExp][] = NONE_TRAPS.map(([n, re]) => [n, foldPattern(re)]);

/** The cue of `type` in a folded sentence, as written in `original`; undefined if none. */
function cueOf(type: IncidentType, re: RegExp, original: string, f: Folded): string | undefined {
  const figurative = FIG.get(type);
  // Blank out figurative spans (same length, so nothing else shifts).
  const literal = figurative ? f.text.replace(figurative, (m) => ' '.repeat(m.length)) : f.text;
  const m = re.exec(literal);
  return m ? unfold(original, f, m.index, m.index + m[0].length) : undefined;
}

function zoned(input: TypingInput): Sentence[] {
  const out: Sentence[] = [];
  let lead = 0;
  let body = 0;
  const add = (text: string, paragraph: number | null, zone: Zone) => {
    for (const s of sentences(text)) {
      // The lead is its first few sentences even when a page puts everything in one paragraph; past the body
      // cap nothing more can change the score.
      let z = zone;
      if (z === 'lead' && lead++ >= LEAD_SENTENCES) z = 'body';
      if (z === 'body' && body++ >= BODY_SENTENCES) return;
      const f = fold(s.text);
      const cues = new Map<IncidentType, string>();
      for (const [type, re] of CUES) {
        const cue = cueOf(type, re, s.text, f);
        if (cue) cues.set(type, cue);
      }
      const match = (re: RegExp) => {
        const m = re.exec(f.text);
        return m ? unfold(s.text, f, m.index, m.index + m[0].length) : undefined;
      };
      out.push({ ...s, paragraph, zone: z, cues, generic: match(GENERIC), arrest: match(ARRESTED) });
    }
  };
  add(input.title, null, 'title');
  input.paragraphs.slice(0, READ_PARAGRAPHS).forEach((p, i) => {
    add(p.text, i, i < LEAD_PARAGRAPHS ? 'lead' : 'body');
  });
  return out;
}

/** The cue of `type` in a sentence as written, after its figurative uses are taken out; undefined if none. */
export function cueIn(type: IncidentType, text: string): string | undefined {
  const re = CUES.find(([t]) => t === type)?.[1];
  return re ? cueOf(type, re, text, fold(text)) : undefined;
}

/** Trap categories in a text. */
export function trapsIn(text: string): string[] {
  const folded = fold(text).text;
  return TRAPS.filter(([, re]) => re.test(folded)).map(([name]) => name);
}

/** Score of every type with its evidence; exported for tests and the eval's error listing. */
export function scoreTypes(input: TypingInput): Scored[] {
  return scoreSentences(zoned(input), input.title);
}

type Scored = { type: IncidentType; score: number; evidence: Evidence[] };

function scoreSentences(sents: Sentence[], headline: string): Scored[] {
  const title = fold(headline).text;
  const out: Scored[] = [];
  const specific = (t: IncidentType) => sents.some((s) => s.cues.has(t));
  const anyAccident = ACCIDENT_FAMILY.some((t) => t !== 'accident' && specific(t));
  // An arrest is a crime report unless the headline names the incident it belongs to (an arrest after a
  // train accident or an attack).
  const arrestIsCrime = !sents.some(
    (s) => s.zone === 'title' && [...s.cues.keys()].some((t) => t !== 'crime'),
  );
  for (const [type] of CUES) {
    const hits = { title: 0, lead: 0, body: 0 };
    const evidence: Evidence[] = [];
    let casualty = false;
    // A bare "accident" supports the accident kind some sentence names (a derailment, a bus overturning), or
    // plain `accident` when none does.
    const generic = ACCIDENT_FAMILY.includes(type) && (type === 'accident' ? !anyAccident : specific(type));
    for (const s of sents) {
      // A bare "accident" in a sentence that names a fire, a blast or a collapse is that event ("fire
      // accident", "आग दुर्घटना"), not an accident of its own.
      const named = type === 'accident' && EVENT_NAMED_ACCIDENT.some((t) => s.cues.has(t));
      const cue =
        s.cues.get(type) ??
        (generic && !named ? s.generic : undefined) ??
        (type === 'crime' && arrestIsCrime ? s.arrest : undefined);
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
      (casualty ? CASUALTY_BONUS : 0) -
      (TYPE_TRAPS[type]?.test(title) ? TYPE_TRAP_PENALTY : 0);
    out.push({ type, score, evidence });
  }
  return out;
}

/** Penalty of the "none" traps in the headline and lead (the sentences read as lead), and the categories seen. */
function trapPenalty(title: string, sents: Sentence[]): { penalty: number; traps: string[] } {
  const inTitle = trapsIn(title);
  const lead = trapsIn(
    sents
      .filter((s) => s.zone === 'lead')
      .map((s) => s.text)
      .join('\n'),
  ).filter((t) => !inTitle.includes(t));
  return {
    penalty: inTitle.length * TRAP_PENALTY.title + Math.min(lead.length, MAX_LEAD_TRAPS) * TRAP_PENALTY.lead,
    traps: [...inTitle, ...lead],
  };
}

/** Confidence from a score: 0 at 0.5, 0.5 at 2 (a headline cue alone), 1 from 3.5 up. */
const confidenceOf = (score: number) => Math.max(0, Math.min(1, (score - 0.5) / 3));

/** Type the article; undefined (no incident) when no type is confident enough. */
export function typeIncident(input: TypingInput, minConfidence = MIN_CONFIDENCE): Typing | undefined {
  const sents = zoned(input);
  const scored = scoreSentences(sents, input.title);
  if (scored.length === 0) return undefined;
  const { penalty, traps } = trapPenalty(input.title, sents);
  // Highest score wins; TYPE_CUES order (specific before generic) breaks ties.
  const best = [...scored].sort((a, b) => b.score - a.score)[0]!;
  const confidence = Math.round(confidenceOf(best.score - penalty) * 1000) / 1000;
  if (confidence < minConfidence) return undefined;
  return { type: best.type, confidence, evidence: best.evidence.slice(0, 5), traps };
}
