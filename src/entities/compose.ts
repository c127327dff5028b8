/**
 * Compositional organisation names: a known place followed by an institutional head word is an
 * organisation named after that place — `राजस्थान सरकार` → Rajasthan Government, `नूंह पुलिस` →
 * Nuh Police, `Kerala government` → Kerala Government, `प्रयागराज विकास प्राधिकरण` → Prayagraj
 * Development Authority. The canonical is the place's canonical plus the English head, unless the
 * gazetteer knows that name (Delhi Police, Delhi High Court …).
 */
import { entryFor, type Gazetteer } from './gazetteer.ts';
import { makeSpan, type Span, tokenAt } from './match.ts';
import { type Token, wordKey } from './text.ts';

/** Head phrases (as token keys) → English head of the canonical name. `*` matches any one word. */
const HEADS: ReadonlyArray<[string[], string]> = (
  [
    ['पुलिस', 'Police'],
    ['सरकार', 'Government'],
    ['हाईकोर्ट', 'High Court'],
    ['हाई कोर्ट', 'High Court'],
    ['उच्च न्यायालय', 'High Court'],
    ['नगर निगम', 'Municipal Corporation'],
    ['महानगरपालिका', 'Municipal Corporation'],
    ['विकास प्राधिकरण', 'Development Authority'],
    ['वन विभाग', 'Forest Department'],
    ['स्वास्थ्य विभाग', 'Health Department'],
    ['शिक्षा विभाग', 'Education Department'],
    ['खाद्य विभाग', 'Food Department'],
    ['परिवहन विभाग', 'Transport Department'],
    ['विधानसभा', 'Legislative Assembly'],
    ['विधान परिषद', 'Legislative Council'],
    ['प्रदूषण नियंत्रण बोर्ड', 'Pollution Control Board'],
    ['राज्य प्रदूषण नियंत्रण बोर्ड', 'State Pollution Control Board'],
    ['लोक सेवा आयोग', 'Public Service Commission'],
    ['राज्य चुनाव आयोग', 'State Election Commission'],
    ['राज्य निर्वाचन आयोग', 'State Election Commission'],
    ['राज्य आपदा प्रबंधन प्राधिकरण', 'State Disaster Management Authority'],
    ['आपदा प्रबंधन प्राधिकरण', 'Disaster Management Authority'],
    ['राज्य सड़क परिवहन निगम', 'State Road Transport Corporation'],
    ['परिवहन निगम', 'Transport Corporation'],
    ['नगर पालिका', 'Municipality'],
    ['नगरपालिका', 'Municipality'],
    ['नगर परिषद', 'Municipal Council'],
    ['जिला प्रशासन', 'District Administration'],
    ['विश्वविद्यालय', 'University'],
    ['मेडिकल कॉलेज', 'Medical College'],
    ['मेट्रो', 'Metro'],
    ['साइबर पुलिस', 'Cyber Police'],
    ['राज्य साइबर पुलिस', 'State Cyber Police'],
    ['क्राइम ब्रांच', 'Crime Branch'],
    ['अपराध शाखा', 'Crime Branch'],
    ['राजस्व विभाग', 'Revenue Department'],
    ['police', 'Police'],
    ['cyber police', 'Cyber Police'],
    ['crime branch', 'Crime Branch'],
    ['pollution control board', 'Pollution Control Board'],
    ['public service commission', 'Public Service Commission'],
    ['state election commission', 'State Election Commission'],
    ['metro', 'Metro'],
    ['university', 'University'],
    ['medical college', 'Medical College'],
    ['government', 'Government'],
    ['high court', 'High Court'],
    ['municipal corporation', 'Municipal Corporation'],
    ['development authority', 'Development Authority'],
    ['legislative assembly', 'Legislative Assembly'],
    ['assembly', 'Legislative Assembly'],
    ['* department', 'Department'],
  ] as const
)
  .map(([h, en]): [string[], string] => [h.split(' ').map((w) => (w === '*' ? w : wordKey(w))), en])
  // Longest first: "राज्य साइबर पुलिस" before "पुलिस".
  .sort((a, b) => b[0].length - a[0].length);

const titleCase = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

/** ORG spans for gazetteer places directly followed by an institutional head word. */
export function composedOrgSpans(text: string, tokens: Token[], spans: Span[], gaz: Gazetteer): Span[] {
  const out: Span[] = [];
  for (const loc of spans) {
    if (loc.type !== 'LOC' || loc.source !== 'gazetteer') continue;
    const i = tokenAt(tokens, loc.end);
    if (i >= tokens.length || !/^[\s\u00a0]+$/.test(text.slice(loc.end, tokens[i].start))) continue;
    for (const [keys, en] of HEADS) {
      // The head's words follow the place one after another, separated by white space only (read in
      // place: a slice of the tokens per head and place was a tenth of the stage's garbage on Hindi text).
      const len = keys.length;
      if (i + len > tokens.length) continue;
      let q = 0;
      while (q < len && (keys[q] === '*' || tokens[i + q].key === keys[q])) q++;
      if (q < len) continue;
      q = 1;
      while (q < len && /^[\s\u00a0]+$/.test(text.slice(tokens[i + q - 1].end, tokens[i + q].start))) q++;
      if (q < len) continue;
      const first = tokens[i];
      // `* department` only for a lowercase English word (Bihar food department).
      if (keys[0] === '*' && !/^[a-z]+$/.test(first.text)) continue;
      const head = keys[0] === '*' ? `${titleCase(first.text)} ${en}` : en;
      const name = `${loc.canonical} ${head}`;
      const entry = entryFor(name, gaz);
      const end = tokens[i + len - 1].end;
      out.push(makeSpan(text, loc.start, end, 'ORG', entry?.canonical ?? name, 'rule', entry));
      break;
    }
  }
  return out;
}

/** Institutions with campuses in many cities: "AIIMS Jodhpur" is not AIIMS (Delhi), "IIT Madras" not IIT. */
const MULTI_CAMPUS = new Set(['AIIMS', 'IIT', 'IIM', 'NIT', 'IIIT', 'IISER', 'NIPER', 'NIFT', 'ESIC', 'KVS']);

/**
 * ORG spans for a multi-campus institution directly followed by a place (`AIIMS Jodhpur`, `एम्स भोपाल`,
 * `IIT-Kanpur`): canonical "<institution> <place>", or the gazetteer's name for it (AIIMS Delhi → AIIMS).
 */
export function campusOrgSpans(text: string, spans: Span[], gaz: Gazetteer): Span[] {
  const out: Span[] = [];
  // The first LOC span at each start: one lookup per institution instead of a scan of every later span
  // with a slice of the text up to it (quadratic: 10 s on a 1.4 MB paragraph naming AIIMS 10,000 times).
  const locAt = new Map<number, Span>();
  for (const s of spans) if (s.type === 'LOC' && !locAt.has(s.start)) locAt.set(s.start, s);
  for (const org of spans) {
    if (org.type !== 'ORG' || !MULTI_CAMPUS.has(org.canonical)) continue;
    let place: Span | undefined;
    for (let at = org.end + 1; at <= org.end + 3 && !place; at++) {
      const s = locAt.get(at);
      if (s && /^[\s\u00a0]*(?:[-–][\s\u00a0]*)?$/.test(text.slice(org.end, at))) place = s;
    }
    if (!place) continue;
    const name = `${org.canonical} ${place.canonical}`;
    const entry = entryFor(name, gaz);
    out.push(makeSpan(text, org.start, place.end, 'ORG', entry?.canonical ?? name, 'rule', entry));
  }
  return out;
}
