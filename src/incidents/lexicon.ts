/**
 * The one incident lexicon, Hindi and English: cues that type an article's incident (per-article
 * extraction, article.ts) and cues for merging articles into incidents (timeline events, counts with
 * units, affected services, names used in generated titles). Regular expressions are matched per
 * sentence; Hindi stems are written without their inflected endings where that is safe.
 */
import type { IncidentType } from '../core/types.ts';
import type { EventKind } from './types.ts';

export {
  ACCIDENT_FAMILY,
  ARREST,
  CASUALTY,
  FIGURATIVE,
  GENERIC_ACCIDENT,
  NONE_TRAPS,
  TYPE_CUES,
  TYPE_TRAPS,
} from './typing-cues.ts';

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

/** Event kinds with their cues. Order matters only for display; a sentence may report several events. */
export const EVENT_CUES: [EventKind, RegExp][] = [
  [
    'case-registered',
    /(?:मामला\s+दर्ज|केस\s+दर्ज|एफआईआर|प्राथमिकी|\bFIR\b|case\s+(?:was\s+|has\s+been\s+|had\s+been\s+)?registered|registered\s+a\s+case|booked)/iu,
  ],
  ['arrest', /(?:गिरफ्तार|\barrest(?:ed|s)?\b)/iu],
  ['detention', /(?:हिरासत\s+में\s+(?:लिया|लिए|ले)|\bdetained\b|took\s+into\s+custody)/iu],
  [
    'investigation',
    /(?:जांच\s+(?:शुरू|शुरु|सौंप|अपने\s+हाथ)|जांच\s+में\s+शामिल|सीबीआई\s+जांच|joined\s+the\s+(?:probe|investigation)|(?:ordered|announced)\s+an?\s+(?:[\w-]+\s+)?(?:inquiry|probe|investigation)|(?:began|launched|started|ordered|took\s+over)\s+(?:an?\s+|the\s+)?(?:probe|investigation)|(?:probe|investigation)\s+(?:was\s+|has\s+been\s+)?(?:ordered|handed|launched|began))/iu,
  ],
  [
    'order-issued',
    /(?:आदेश\s+(?:दिए|जारी)|\bordered\s+(?:the|all|a|an)\b(?!\s+(?:[\w-]+\s+)?(?:inquiry|probe|investigation))|order\s+(?:was\s+)?issued)/iu,
  ],
  [
    'guidelines-issued',
    /(?:दिशा-?निर्देश\s+जारी|एसओपी\s+जारी|नई\s+एसओपी|\bSOPs?\b.{0,40}(?:issued|released)|(?:issued|released)\s+(?:new\s+)?(?:SOPs?|guidelines))/iu,
  ],
  [
    'cause-identified',
    /(?:रैंसमवेयर\s+(?:हमले|अटैक)|एन्क्रिप्ट|encrypted|ransomware\s+(?:attack\s+)?(?:was\s+)?(?:suspected|confirmed)|short[\s-]circuit|शॉर्ट\s*सर्किट|signal(?:ling)?\s+(?:error|failure|fault)|सिग्नल\s+(?:में\s+)?(?:गड़बड़ी|खराबी))/iu,
  ],
  [
    'restored',
    /(?:बहाल|फिर\s+से\s+(?:शुरू|चालू)|सामान्य\s+(?:हो|रूप)|restored|back\s+online|resumed|restoration\s+(?:was\s+)?complete|services?\s+(?:are|were)\s+back|traffic\s+(?:was\s+)?restored)/iu,
  ],
  ['compensation', /(?:मुआवज|अनुग्रह\s+राशि|ex[\s-]gratia|compensation)/iu],
];

/** Sentences that name an event without reporting it: a demand for an arrest is not an arrest. */
export const EVENT_NEGATIONS: Partial<Record<EventKind, RegExp>> = {
  arrest: /(?:demand\w{0,6}\s+(?:for\s+)?(?:the\s+)?arrest|गिरफ्तारी\s+की\s+मांग)/iu,
  restored:
    /(?:not\s+(?:yet\s+)?(?:been\s+)?(?:fully\s+)?restored|yet\s+to\s+be|until|will\s+be\s+restored|efforts?\s+to\s+restore|बहाल\s+नहीं|बहाल\s+करने|बहाल\s+होने\s+तक|कोशिश)/iu,
};

/**
 * Organisations that respond rather than suffer, beyond the per-article stage's list: they must not tie two
 * incidents together (the NDRF works many floods at once).
 */
export const EXTRA_RESPONDERS =
  /(?:disaster\s+(?:management|response)|rapid\s+action\s+force|\barmy\b|ministry|railway\s+safety|fire\s+service|fire\s+brigade|\bPTI\b|\bIANS\b|\bANI\b)/i;

/** English labels of event kinds. */
export const EVENT_LABELS: Record<EventKind, string> = {
  began: 'Incident began',
  'case-registered': 'Case (FIR) registered',
  arrest: 'Arrest',
  detention: 'People detained',
  investigation: 'Investigation launched or handed over',
  'order-issued': 'Order issued',
  'guidelines-issued': 'Guidelines or SOP issued',
  'cause-identified': 'Cause identified',
  restored: 'Services restored',
  compensation: 'Compensation announced',
};

/** Units of counts, each with the words that name it after (English) or before/after (Hindi) a number. */
/**
 * Units of counts, each with the words that name it after a number. `COUNT_SUBJECT` (people were, लोगों) may
 * come between the number and these words.
 */
export const COUNT_UNITS: [string, RegExp][] = [
  [
    'dead',
    /^(?:dead|died|killed|deaths|bodies|lost\s+their\s+lives|की\s+मौत|मौतें|मारे\s+गए|की\s+जान\s+गई|शव)/iu,
  ],
  ['injured', /^(?:injured|hurt|wounded|घायल|जख्मी|ज़ख्मी)/iu],
  ['rescued', /^(?:rescued|evacuated|को\s+(?:सुरक्षित\s+)?(?:निकाला|बचाया)|सुरक्षित\s+निकाले)/iu],
  ['arrested', /^(?:arrested|गिरफ्तार)/iu],
  ['patients', /^(?:patients|मरीज|मरीजों)/iu],
  ['passengers', /^(?:passengers|यात्री|यात्रियों)/iu],
  ['people', /^(?:people|persons|residents|villagers|protesters|लोग|लोगों|प्रदर्शनकारी|ग्रामीण)/iu],
  ['servers', /^(?:servers|सर्वर)/iu],
  ['villages', /^(?:villages|गांव|गांवों)/iu],
  ['houses', /^(?:houses|homes|मकान|घर)/iu],
  ['fire tenders', /^(?:fire\s+tenders|दमकल|फायर\s+टेंडर)/iu],
  ['records', /^(?:records|रिकॉर्ड)/iu],
];

/** Words between a number and its unit: "288 people were killed", "14 लोगों को बचाया". */
export const COUNT_SUBJECT =
  /^(?:(?:people|persons|others|passengers|लोग|लोगों|यात्री|यात्रियों)\s+(?:(?:were|have\s+been|had\s+been|are)\s+)?)/iu;

/** A number: digits (with Indian grouping) or a small English/Hindi number word. */
export const NUMBER =
  /(?<![\p{L}\p{N}.])(\d{1,3}(?:,\d{2,3})+|\d+(?:\.\d+)?(?:\s*(?:lakh|crore|लाख|करोड़))?|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|दो|तीन|चार|पांच|छह|सात|आठ|नौ|दस)(?:\s+(?:more|और|से\s+अधिक|से\s+ज्यादा))?\s+/giu;

export const NUMBER_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15,
  twenty: 20, दो: 2, तीन: 3, चार: 4, पांच: 5, छह: 6, सात: 7, आठ: 8, नौ: 9, दस: 10,
}; // biome-ignore format: a table

/** Services whose disruption articles report, with canonical English names. */
export const SERVICE_CUES: [string, RegExp][] = [
  ['OPD', /(?:\bOPD\b|ओपीडी)/u],
  ['emergency', /(?:\bemergency\s+(?:ward|services?)|इमरजेंसी|आपातकालीन)/iu],
  ['registration', /(?:registration|पंजीकरण|रजिस्ट्रेशन)/iu],
  ['billing', /(?:billing|बिलिंग)/iu],
  ['laboratory', /(?:\blab(?:orator(?:y|ies))?\b|\bsample\s+collection|लैब|जांच\s+रिपोर्ट)/iu],
  ['admission and discharge', /(?:admission|discharge|भर्ती|डिस्चार्ज)/iu],
  ['e-hospital', /(?:e-?hospital|ई-?हॉस्पिटल)/iu],
  [
    'train services',
    /(?:trains?\s+(?:were\s+|have\s+been\s+)?(?:cancelled|diverted)|ट्रेनें?\s+(?:रद्द|डायवर्ट))/iu,
  ],
  ['road traffic', /(?:traffic\s+(?:was\s+)?(?:diverted|blocked|disrupted)|यातायात|जाम)/iu],
  ['power supply', /(?:power\s+supply|electricity|बिजली\s+आपूर्ति)/iu],
  ['metro', /(?:\bmetro\b|मेट्रो)/iu],
];

/** Responders that investigate (the rest respond on the ground). */
export const INVESTIGATOR_NAMES =
  /(?:police|IFSO|CERT-?In|\bNIA\b|\bCBI\b|\bED\b|intelligence|I4C|cyber\s+cell|commission|inquiry)/i;

/** Country-level places: too broad to tie two stories to one incident. */
export const BROAD_PLACES = new Set(['India', 'भारत']);

/** Statuses claimed by an article's events: restoration beats investigation beats nothing. */
export const STATUS_CUES = {
  restored: /(?:बहाल|फिर\s+से\s+(?:शुरू|चालू)|restored|back\s+online|resumed|services?\s+(?:are|were)\s+back)/iu,
};

export const TYPE_NAMES: Record<IncidentType, { eng: string; hin: string }> = {
  cyberattack: { eng: 'Cyberattack', hin: 'साइबर हमला' },
  'data-breach': { eng: 'Data breach', hin: 'डेटा लीक' },
  'service-outage': { eng: 'Service outage', hin: 'सेवा ठप' },
  fire: { eng: 'Fire', hin: 'आग' },
  'building-collapse': { eng: 'Building collapse', hin: 'इमारत ढही' },
  explosion: { eng: 'Explosion', hin: 'विस्फोट' },
  attack: { eng: 'Attack', hin: 'हमला' },
  stampede: { eng: 'Stampede', hin: 'भगदड़' },
  accident: { eng: 'Accident', hin: 'हादसा' },
  industrial: { eng: 'Industrial accident', hin: 'औद्योगिक हादसा' },
  epidemic: { eng: 'Disease outbreak', hin: 'बीमारी का प्रकोप' },
  'road-accident': { eng: 'Road accident', hin: 'सड़क हादसा' },
  'rail-accident': { eng: 'Rail accident', hin: 'रेल हादसा' },
  crime: { eng: 'Crime', hin: 'अपराध' },
  protest: { eng: 'Protest', hin: 'प्रदर्शन' },
  'natural-disaster': { eng: 'Natural disaster', hin: 'प्राकृतिक आपदा' },
  other: { eng: 'Incident', hin: 'घटना' },
};

export const HINDI_MONTHS = [
  'जनवरी', 'फरवरी', 'मार्च', 'अप्रैल', 'मई', 'जून', 'जुलाई', 'अगस्त', 'सितंबर', 'अक्टूबर', 'नवंबर', 'दिसंबर',
]; // biome-ignore format: a list
export const ENGLISH_MONTHS = [
  'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec',
]; // biome-ignore format: a list
