/**
 * Per-article incident extraction: what kind of incident the article reports, its target, start, duration,
 * responders, impact and legal actions, each with the sentence it came from. Pure; merging articles into
 * one incident record is a later step.
 */
import { sentences } from '../core/text.ts';
import type { ArticleIncident, Entity, Evidence, TemporalValue } from '../core/types.ts';
import { ACTION_CUES, DISRUPTION_CUES, IMPACT_CUES, RESPONDER_NAMES, UNKNOWN_PERSONS } from './lexicon.ts';
import { typeIncident } from './typing.ts';

export interface IncidentInput {
  title: string;
  paragraphs: { text: string }[];
  entities: Entity[];
  temporal: TemporalValue[];
}

/** A sentence of an article, located in its paragraph (`null`: the headline). */
export interface Sentence {
  text: string;
  paragraph: number | null;
  start: number;
  end: number;
}

/** Every sentence of the headline and the paragraphs, in order. */
export function allSentences(input: { title: string; paragraphs: { text: string }[] }): Sentence[] {
  const out: Sentence[] = sentences(input.title).map((s) => ({ ...s, paragraph: null }));
  input.paragraphs.forEach((p, i) => {
    for (const s of sentences(p.text)) out.push({ ...s, paragraph: i });
  });
  return out;
}

const evidence = <T>(value: T, s: Sentence): Evidence<T> => ({
  value,
  sentence: s.text,
  location: { paragraph: s.paragraph, start: s.start, end: s.end },
});

/** Does the location fall inside the sentence? */
export const inSentence = (loc: { paragraph: number | null; start: number }, s: Sentence) =>
  loc.paragraph === s.paragraph && loc.start >= s.start && loc.start < s.end;

function isResponder(e: Entity): boolean {
  return (
    e.type === 'ORG' &&
    (RESPONDER_NAMES.test(e.canonical) || (e.partOf !== undefined && RESPONDER_NAMES.test(e.partOf)))
  );
}

/** Type and describe the incident an article reports; undefined when it reports none (typing.ts decides). */
export function extractIncident(input: IncidentInput): ArticleIncident | undefined {
  const typing = typeIncident(input);
  if (!typing) return undefined;
  const { type } = typing;
  const sents = allSentences(input);
  const typeSentences = sents.filter((s) =>
    typing.evidence.some((e) => e.location.paragraph === s.paragraph && e.location.start === s.start),
  );

  const responders: Evidence[] = [];
  const seenResponders = new Set<string>();
  for (const e of input.entities.filter(isResponder)) {
    for (const name of [e.canonical, e.partOf].filter((n): n is string => !!n && RESPONDER_NAMES.test(n))) {
      if (seenResponders.has(name)) continue;
      seenResponders.add(name);
      const m = e.mentions[0]!;
      const s = sents.find((x) => inSentence(m, x)) ?? sents[0]!;
      responders.push(evidence(name, s));
    }
  }

  // Target: the organisation most mentioned in incident sentences that is not a responder.
  const orgCounts = new Map<string, { n: number; s: Sentence }>();
  for (const e of input.entities) {
    if (e.type !== 'ORG' || isResponder(e)) continue;
    for (const m of e.mentions) {
      const s = typeSentences.find((x) => inSentence(m, x));
      if (s)
        orgCounts.set(e.canonical, {
          n: (orgCounts.get(e.canonical)?.n ?? 0) + 1,
          s: orgCounts.get(e.canonical)?.s ?? s,
        });
    }
  }
  const targetEntry = [...orgCounts].sort((a, b) => b[1].n - a[1].n)[0];

  const sentenceOf = (t: TemporalValue) => sents.find((s) => inSentence(t, s));
  // Once per sentence, not per date: thousands of dates in one long sentence made this quadratic (fuzz).
  const disruptedSentence = new Map<Sentence | undefined, boolean>();
  const disrupted = (t: TemporalValue) => {
    const s = sentenceOf(t);
    let d = disruptedSentence.get(s);
    if (d === undefined) {
      d = DISRUPTION_CUES.test(s?.text ?? '');
      disruptedSentence.set(s, d);
    }
    return d;
  };
  // A follow-up names the incident's day beside its own ("restored on Wednesday, two weeks after an attack
  // on November 23"): within the first sentence that speaks of the disruption, the incident began earliest.
  const earliestIn = (kinds: string[]) => {
    const found = input.temporal.filter((t) => kinds.includes(t.kind) && disrupted(t));
    const first = found[0] && sentenceOf(found[0]);
    return found.filter((t) => sentenceOf(t) === first).sort((a, b) => (a.value < b.value ? -1 : 1))[0];
  };
  const startValue = earliestIn(['time', 'datetime']) ?? earliestIn(['date']);
  const durationValue = input.temporal.find((t) => t.kind === 'duration' && disrupted(t));

  const impact = sents.filter((s) => IMPACT_CUES.test(s.text)).map((s) => evidence(s.text, s));
  const legalActions: Evidence[] = [];
  for (const s of sents) {
    for (const [label, re] of ACTION_CUES) {
      if (!re.test(s.text)) continue;
      const value =
        label === 'case registered' && UNKNOWN_PERSONS.test(s.text)
          ? 'case registered against unknown persons'
          : label;
      if (!legalActions.some((a) => a.value === value)) legalActions.push(evidence(value, s));
    }
  }
  const locations: Evidence[] = [];
  for (const e of input.entities.filter((x) => x.type === 'LOC')) {
    const s = sents.find((x) => inSentence(e.mentions[0]!, x));
    if (s) locations.push(evidence(e.canonical, s));
  }
  const withSentence = (t: TemporalValue | undefined) => {
    const s = t && sentenceOf(t);
    return t && s ? evidence(t.value, s) : undefined;
  };
  return {
    type,
    typeEvidence: typing.evidence,
    confidence: typing.confidence,
    target: targetEntry ? evidence(targetEntry[0], targetEntry[1].s) : undefined,
    start: withSentence(startValue),
    duration: withSentence(durationValue),
    responders,
    impact,
    legalActions,
    locations,
  };
}
