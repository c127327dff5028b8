/**
 * Cue words for the incident stage, Hindi and English. Each list is a regular-expression alternation
 * matched at word starts; Hindi stems are written without their inflected endings where that is safe.
 */
import type { IncidentType } from '../core/types.ts';

/** Incident types with the cues that signal them. Order breaks ties: more specific types first. */
export const TYPE_CUES: [IncidentType, RegExp][] = [
  [
    'cyberattack',
    /(?:हैक|रैंसमवेयर|रेनसमवेयर|साइबर\s*हमल|साइबर\s*अटैक|मैलवेयर|hack|ransomware|cyber[\s-]?attack|malware|cyber\s+intrusion)/iu,
  ],
  [
    'data-breach',
    /(?:डेटा\s*लीक|डाटा\s*लीक|डेटा\s*चोरी|data\s+(?:leak|breach)|leaked\s+data|exposed\s+records)/iu,
  ],
  [
    'service-outage',
    /(?:सर्वर\s*डाउन|ठप|बिजली\s*गुल|outage|went\s+down|servers?\s+(?:were\s+)?down|power\s+cut|blackout)/iu,
  ],
  ['fire', /(?:आग\s+लग|भीषण\s+आग|आगजनी|\bfire\b|blaze|caught\s+fire)/iu],
  ['building-collapse', /(?:इमारत\s+(?:ढह|गिर)|मकान\s+(?:ढह|गिर)|building\s+collapse|collapsed)/iu],
  ['rail-accident', /(?:ट्रेन\s+हादस|रेल\s+हादस|पटरी\s+से\s+उतर|derail|train\s+(?:accident|collision|crash))/iu],
  [
    'road-accident',
    /(?:सड़क\s+हादस|सड़क\s+दुर्घटना|road\s+accident|bus\s+accident|(?:car|truck|bus)\s+(?:crash|collided))/iu,
  ],
  ['natural-disaster', /(?:बाढ़|भूकंप|चक्रवात|भूस्खलन|flood|earthquake|cyclone|landslide)/iu],
  ['protest', /(?:प्रदर्शन|धरना|protest|demonstrat)/iu],
  ['crime', /(?:हत्या|लूट|डकैती|murder|robbery|kidnap|अपहरण)/iu],
];

/** Sentences that say what was hit or disrupted. */
export const IMPACT_CUES =
  /(?:प्रभावित|परेशानी|इलाज|मैन्युअल|ठप|बाधित|affected|disrupted|hit|manual(?:ly)?|patients?\s+(?:faced|could\s+not)|services?\s+(?:were|remained)|(?:माना|किया|दिया)\s+जाएगा|will\s+be\s+(?:treated|used|done|carried\s+out|handled))/iu;

/** Sentences that say the thing stopped working, for start time and duration. */
export const DISRUPTION_CUES = /(?:डाउन|खराब|ठप|बंद|हैक|down|outage|hack|crash|disrupt|stopped|offline)/iu;

/** Legal and official actions, with the label each one gets. */
export const ACTION_CUES: [string, RegExp][] = [
  [
    'case registered',
    /(?:मामला\s+दर्ज|केस\s+दर्ज|एफआईआर|प्राथमिकी|\bFIR\b|case\s+(?:was\s+)?registered|registered\s+a\s+case|booked)/iu,
  ],
  ['arrest', /(?:गिरफ्तार|arrest)/iu],
  ['order issued', /(?:आदेश\s+(?:दिए|जारी)|ordered|order\s+issued)/iu],
  ['guidelines issued', /(?:दिशा-?निर्देश\s+जारी|एसओपी|\bSOP\b|guidelines\s+(?:were\s+)?issued)/iu],
  ['investigation', /(?:जांच\s+(?:शुरू|शुरु|कर)|investigat|probe)/iu],
];

/** Against unknown persons / unidentified accused. */
export const UNKNOWN_PERSONS =
  /(?:अज्ञात\s+(?:लोगों|व्यक्तियों|आरोपियों)|unknown\s+persons?|unidentified\s+(?:persons?|people|accused))/iu;

/** Names of organisations that investigate or respond rather than suffer the incident. */
export const RESPONDER_NAMES =
  /(?:police|IFSO|CERT-?In|\bNIA\b|\bCBI\b|\bED\b|\bNDRF\b|\bSDRF\b|fire\s+(?:service|brigade|department)|intelligence|agency|agencies|I4C|cyber\s+cell)/i;
