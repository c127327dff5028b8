/**
 * Boilerplate rules: which blocks of a page are not article text, and why. Rules are by form (a related
 * link prefix, a promo verb, a copyright mark), in Hindi and English, never by site.
 */

import { isNotProse, MAX_WORD_CHARS } from '../core/text.ts';
import type { DropReason } from '../core/types.ts';
import { DATELINE, UPDATED_LINE } from '../extract/published.ts';

const NEWSLETTER = /\bnewsletters?\b/iu;

const RULES: [DropReason, RegExp][] = [
  [
    'related-link',
    /^(?:ये\s+भी\s+पढ़ें|यह\s+भी\s+पढ़ें|इसे\s+भी\s+पढ़ें|ये\s+भी\s+पढ़े|यह\s+भी\s+पढ़े|पढ़ें|इन्हें\s+भी\s+पढ़ें|also\s+read|read\s+also|read\s+more|related(?:\s+news|\s+stories)?|must\s+read|see\s+also|also\s+see|don'?t\s+miss|watch(?:\s+video)?|यह\s+भी\s+देखें|ये\s+भी\s+देखें|देखें\s+वीडियो)\s*[:：\-–—|>»]/iu,
  ],
  [
    'promo',
    /(?:डाउनलोड\s+करें.{0,40}(?:एप|ऐप|app)|(?:एप|ऐप)\s+डाउनलोड|download\s+(?:the|our)\s+.{0,30}app|subscribe\s+to\s+(?:our|the)\s+.{0,40}newsletter|sign\s+up\s+for\s+(?:our|the)\s+.{0,40}newsletter|(?:morning|evening|daily|weekly)\s+(?:bulletin|briefing|newsletter)\s+(?:on|by|in\s+your)\s+e-?mail|register\s+here|न्यूज़?लेटर\s+(?:के\s+लिए\s+)?(?:सब्सक्राइब|साइन\s+अप)|follow\s+us\s+on|हमें\s+.{0,20}फॉलो\s+करें|join\s+(?:our|us\s+on)\s+(?:whatsapp|telegram)|व्हाट्सएप\s+चैनल|click\s+here\s+to\s+(?:subscribe|download)|get\s+the\s+latest\s+news\s+on|subscribe\s+(?:now|today)\b|sign\s+up\s+(?:here|now|today)\b|signing\s+up\s+(?:to|for)\s+our|^(?:\S+\s+){0,6}please\s+subscribe\b|you(?:['’]re|\s+are)\s+already\s+a\s+subscriber|subscribe\s+to\s+(?:e-?mail|our)\s+(?:updates|alerts)|sign\s+me\s+up\b|consider\s+supporting\s+(?:us|our\s+(?:work|journalism))|^follow\s+.{1,40}\s+on\s+(?:twitter|facebook|instagram|youtube|linkedin|whatsapp|telegram)\b|latest\s+news\s+straight\s+to\s+your\s+(?:phone|inbox)|letters?\s+to\s+the\s+editor\s+via|advertise\s+with\s+us\b|हमारे\s+(?:यूट्यूब\s+)?चैनल\s+को\s+सब्सक्राइब\s+करें)/iu,
  ],
  // A label line on its own: the heading of a related-links box, a share or rating prompt.
  [
    'related-link',
    /^(?:explore\s+further|read\s+more|more\s+on\s+this(?:\s+story|\s+topic)?|related(?:\s+(?:articles?|stories|posts|news|coverage))?|you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?|also\s+read|share\s+this\s+(?:article|story|post)|was\s+this\s+(?:article|story|page)\s+(?:helpful|useful)|rate\s+this\s+(?:article|story)|ये\s+भी\s+पढ़ें|यह\s+भी\s+पढ़ें|इसे\s+भी\s+पढ़ें|संबंधित\s+(?:खबरें|ख़बरें|लेख))\s*[:.!?]?$/iu,
  ],
  // A disclaimer under the story: "Disclaimer: …", "The views
  // expressed are the author's own", "डिस्क्लेमर: …".
  [
    'disclaimer',
    /^\(?(?:disclaimer|डिस्क्लेमर|अस्वीकरण)\s*[:：-]|^(?:the\s+)?views\s+expressed\s+(?:here|in\s+this\s+(?:article|piece|column))?\s*are\s+(?:those\s+of\s+the\s+author|the\s+author'?s|personal)|^this\s+(?:article|post|story)\s+(?:contains|may\s+contain|includes)\s+affiliate\s+links|^\S+(?:\s+\S+){0,3}\s+is\s+not\s+responsible\s+for\s+the\s+(?:opinions|views|content)\b|\bwe\s+may\s+(?:earn|receive)\s+(?:a\s+)?(?:commission|compensation)\s+(?:from|when|if|on)\b|\badvertisers\s+do\s+not\s+influence\b/iu,
  ],
  // A short line that names a newsletter is its sign-up box, in any language ("Unser Newsletter!").
  ['promo', NEWSLETTER],
  ['copyright', /(?:copyright|©|\(c\)\s*\d{4}|all\s+rights\s+reserved|सर्वाधिकार\s+सुरक्षित|कॉपीराइट)/iu],
  [
    'byline',
    /^(?:by|by\s+[\p{L} .,&-]{1,60}|author\s+img|रिपोर्ट\s*[:：].{0,50}|द्वारा\s*[:：]?.{0,50}|लेखक\s*[:：].{0,50}|written\s+by\s+.{1,60}|edited\s+by\s+.{1,60}|posted\s+by\s+.{1,60})$/iu,
  ],
  ['logo', /^.{0,40}\b(?:logo|लोगो)$/iu],
  // A photo caption ends in its credit: "… on Monday. Photo: WC", "… (Photo: PTI)", "फोटो: ईटीवी भारत",
  // "Photograph by X".
  [
    'caption',
    /(?:^|\s|\()(?:photo|image|picture|pic|file\s+photo|photograph|foto|फोटो|फ़ोटो|तस्वीर|चित्र)(?:\s*[:|/]\s*|\s+by\s+|\s+credits?\s*[:|/]?\s*|\s+साभार\s*[:|/]?\s*)[\p{L}\p{M}.&' -]{1,40}\)?$/iu,
  ],
  // …or starts with its label: "Abbildung 4: …", "Titelbild: …", "Crédits photos : …", "Photograph by …".
  [
    'caption',
    /^(?:abbildung(?:\s+\d+)?|abb\.\s*\d+|titelbild|beitragsbild|bildquelle|fotos?|photos?|image|crédits?\s+photos?|cr[ée]dito|फोटो|फ़ोटो|तस्वीर)\s*[:|(]|^photograph\s+by\s/iu,
  ],
];

/** The last crumb is often the page's own headline, longer than a section name. */
const LAST_CRUMB_CHARS = 100;
const LEADING_SEPARATOR = /^[/>»›|]\s+/;

const CRUMB_SEPARATORS = new Set(['/', '>', '»', '›', '|']);

/**
 * A breadcrumb trail: a first part of 1-80 characters, then 1-5 more of 1-40, each after a separator
 * (` / `, ` > `, ` » `, ` › `, ` | `), no sentence stop anywhere. The last part may be a headline (up to
 * 100 characters) after two or more separators, unless the line uses ` | `, which Hindi writers also type
 * for a danda; a "Section / Subhead: long heading" line is a heading, not a trail. The regex it replaces
 * (`^[^.।?!]{1,80}(?:\s[/>»›|]\s[^.।?!]{1,40}){1,5}$`) tried every way to split a line of separators:
 * a second per 300-character block. Here every separator position is tried once per part count.
 */
function isBreadcrumb(text: string): boolean {
  if (text.length > 80 + 4 * 43 + 3 + LAST_CRUMB_CHARS || /[.।?!]/u.test(text)) return false;
  const seps: number[] = [];
  // Separators first (most lines have none), then the white space around each.
  for (let i = 1; i + 1 < text.length; i++)
    if (CRUMB_SEPARATORS.has(text[i]!) && /\s/u.test(text[i - 1]!) && /\s/u.test(text[i + 1]!))
      seps.push(i - 1);
  // parts[k]: separator positions reachable as the k-th separator (1-based) of a valid prefix.
  let frontier = new Set(seps.filter((s) => s >= 1 && s <= 80));
  const lastMax = text.includes(' | ') ? 40 : LAST_CRUMB_CHARS;
  for (let k = 1; k <= 5 && frontier.size > 0; k++) {
    for (const s of frontier) {
      const rest = text.length - (s + 3);
      if (rest >= 1 && rest <= (k >= 2 ? lastMax : 40)) return true;
    }
    const next = new Set<number>();
    for (const s of frontier) for (const t of seps) if (t - (s + 3) >= 1 && t - (s + 3) <= 40) next.add(t);
    frontier = next;
  }
  return false;
}

/** A numeric date or a clock time: `23.10.2018`, `2019-06-04`, `15:54`. */
const NUMERIC_DATE = /\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b/;
/** A day and month name with a year: `4. Juni 2019`, `June 4, 2019`, `16 जनवरी 2012`. */
const NAMED_DATE =
  /\d{1,2}\.?\s+(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|जनवरी|फ़?फरवरी|फ़रवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितं?म?बर|अक्[टत]ूबर|नवं?म?बर|दिसं?म?बर)\S*\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}/iu;
const CLOCK = /\b\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.|ist|uhr|hrs|बजे)?\b/iu;
/** Words a date line may carry besides the date (weekday, "um", "Uhr", a name after a bar). */
const DATE_LINE_MAX_WORDS = 7;

/** "2 hours ago", "Asked 8 years, 2 months ago", "3 घंटे पहले": when a post was made, as a page says it. */
const RELATIVE_TIME_LINE =
  /^(?:(?:asked|posted|updated|published|modified|edited|active|viewed)\s+)?(?:(?:\d+|an?|one)\s+(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?),?\s+){1,2}ago$|^\d+\s+(?:सेकंड|मिनट|घंटे|घंटा|दिन|हफ्ते|हफ़्ते|सप्ताह|महीने|महीना|साल|वर्ष)\s+पहले$/iu;
/** A PHP error or warning with its file and line. */
const SERVER_ERROR =
  /^(?:warning|notice|deprecated|fatal\s+error|parse\s+error|strict\s+standards):\s[^\n]{1,300}\sin\s\/\S{1,200}\.php\son\sline\s\d+/iu;

/** A label before a colon at the start of a line. */
const LABEL = /^(\p{L}[\p{L}\p{M}]*(?:\s[\p{L}\p{M}]+){0,2})\s?:\s/u;
/**
 * Words of a label over a page's own date or byline ("Updated Date", "Last Update", "Publiziert", "प्रकाशित"):
 * such a line is the page's dateline; any other label ("Deadline", "Termin") heads a date of the story.
 */
const PAGE_DATE_WORD =
  /^(?:dated?|dates|updat\S*|publi\S*|post\S*|modif\S*|creat\S*|upload\S*|edit\S*|time|by|author|written|stand|datum|ver[öo]ffentlich\S*|aktualisier\S*|erstellt|von|verfasst|autor|fecha|actualizado|mis|pubblicato|aggiornato|प्रकाशित|अपडेट\S*|तारीख|दिनांक|लेखक|रिपोर्ट)$/iu;
const isPageDateLabel = (label: string): boolean => label.split(/\s+/).some((w) => PAGE_DATE_WORD.test(w));

/** A short line that is mostly a date or time: a page's dateline, not article text. */
function isDateOnly(text: string): boolean {
  if (text.length > 60 || (/[.।?!]$/u.test(text) && !/\d\.?$/.test(text))) return false;
  // "Deadline: 3 November", "Termin: 29.02.2020, 19 Uhr": a date the story gives, under its own label.
  const label = LABEL.exec(text);
  if (label && !isPageDateLabel(label[1]!)) return false;
  const hasDate = NUMERIC_DATE.test(text) || NAMED_DATE.test(text);
  if (!hasDate) return false;
  // A byline with a date and a clock time ("Our Correspondent · Monday, December 12, 2022 — 6:05 PM IST").
  if (CLOCK.test(text) && NAMED_DATE.test(text)) return true;
  return text.split(/\s+/).length <= DATE_LINE_MAX_WORDS;
}

/** Reasons whose lines are short notices; a paragraph longer than MAX_NOTICE_CHARS is never one of them. */
const NOTICE_REASONS = new Set<DropReason>(['promo', 'copyright', 'caption', 'disclaimer']);
const MAX_NOTICE_CHARS = 300;

/** The reason a block is boilerplate, or undefined when it may be article text. */
export function boilerplateReason(text: string): DropReason | undefined {
  if (text.length > MAX_WORD_CHARS && isNotProse(text)) return 'not-prose';
  if (text.length <= 160 && (DATELINE.test(text) || UPDATED_LINE.test(text)) && /\d/.test(text))
    return 'dateline';
  if (isDateOnly(text) || (text.length <= 60 && RELATIVE_TIME_LINE.test(text))) return 'dateline';
  // A server's error message printed into the page ("Warning: … in /var/www/… on line 407").
  if (text.length <= 600 && SERVER_ERROR.test(text)) return 'not-prose';
  // A footnote marked with an asterisk ("*Figures are estimates …"); an interview's "*question?" stays.
  if (text.length <= MAX_NOTICE_CHARS && /^\*\p{L}/u.test(text) && !/[?？؟]/u.test(text)) return 'disclaimer';
  for (const [reason, re] of RULES) {
    // Promo and copyright lines are short; a long paragraph that merely mentions "app" is news.
    if (NOTICE_REASONS.has(reason) && text.length > MAX_NOTICE_CHARS) continue;
    if (re === NEWSLETTER && text.length > 120) continue;
    // A byline is a short label, not a sentence that happens to start with "By".
    if (reason === 'byline' && (/[.।?!]$/u.test(text) || text.split(/\s+/).length > 7)) continue;
    if (re.test(text)) return reason;
  }
  // A trail may start with its separator ("> Blog > Politics > …", the home link being an icon).
  if (isBreadcrumb(text.replace(LEADING_SEPARATOR, ''))) return 'breadcrumb';
  return undefined;
}

export function isBoilerplate(text: string): boolean {
  return boilerplateReason(text) !== undefined;
}
