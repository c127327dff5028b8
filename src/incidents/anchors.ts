/**
 * Anchors: the specific names that can tie two reports to one incident — a named target, a place at district
 * level or finer, a named person or unit. Parties, outlets, national bodies, courts, governments, countries,
 * states and big cities appear in thousands of unrelated stories, so they never anchor (they still count
 * towards text similarity across languages). General knowledge of Indian public life; pure.
 */
import { lookupAlias } from '../entities/index.ts';
import { isBroadPlace, isCountryOrRegion } from './broad-places.ts';
import type { ArticleDigest } from './types.ts';

/** India's states and union territories and its regions (Delhi and Chandigarh are cities here). */
export const INDIAN_STATES = new Set([
  'Andhra Pradesh', 'Arunachal Pradesh', 'Assam', 'Bihar', 'Chhattisgarh', 'Goa', 'Gujarat', 'Haryana',
  'Himachal Pradesh', 'Jharkhand', 'Karnataka', 'Kerala', 'Madhya Pradesh', 'Maharashtra', 'Manipur',
  'Meghalaya', 'Mizoram', 'Nagaland', 'Odisha', 'Punjab', 'Rajasthan', 'Sikkim', 'Tamil Nadu', 'Telangana',
  'Tripura', 'Uttar Pradesh', 'Uttarakhand', 'West Bengal', 'Andaman and Nicobar Islands',
  'Dadra and Nagar Haveli and Daman and Diu', 'Jammu and Kashmir', 'Kashmir', 'Ladakh', 'Lakshadweep',
  'Puducherry', 'North India', 'South India', 'Northeast',
]); // biome-ignore format: a list

/** Countries, states and union territories, and the biggest cities: too broad to place one incident. */
export const BROAD_PLACES = new Set([
  ...INDIAN_STATES,
  'India', 'भारत', 'Pakistan', 'China', 'United States', 'United Kingdom', 'Bangladesh', 'Nepal', 'Sri Lanka',
  'Russia', 'Ukraine', 'Israel', 'Iran', 'Gaza', 'Afghanistan', 'Myanmar', 'Bhutan', 'Canada', 'Australia',
  'Chandigarh', 'Delhi', 'New Delhi', 'Mumbai', 'Kolkata', 'Chennai', 'Bengaluru', 'Hyderabad', 'Ahmedabad',
  'Pune', 'Lucknow', 'Jaipur', 'Patna', 'Bhopal', 'Surat', 'Kanpur', 'Asia', 'Europe', 'Africa', 'Middle East',
]); // biome-ignore format: a list

/** A country, a world region, or an Indian state: wider than any one city. */
export const isWidePlace = (name: string): boolean =>
  INDIAN_STATES.has(name.trim()) || isCountryOrRegion(name);

/**
 * Organisations too common to anchor: parties and alliances, news outlets and agencies, national and state
 * governments, legislatures, courts, ministries, commissions, armed forces, international bodies, religious
 * communities, and the militant groups named in every week's security news.
 */
export const BROAD_ORGS =
  /^(?:BJP|Congress|Indian\s+National\s+Congress|AAP|Aam\s+Aadmi\s+Party|Samajwadi\s+Party|SP|BSP|TMC|Trinamool.*|CPI.*|Shiv\s+Sena.*|NCP.*|JD\(U\)|JD\(S\)|RJD|DMK|AIADMK|RSS|BJD|YSRCP|TDP|BRS|JMM|AIMIM|MNS|LJP.*|INDIA\s+bloc|NDA|UPA|Shiromani\s+Akali\s+Dal|National\s+Conference|PDP|VHP|Bajrang\s+Dal|ABVP|NSUI|SFI|Indian\s+Youth\s+Congress|BBC.*|PTI|ANI|IANS|UNI|Reuters|AFP|AP|Associated\s+Press|NDTV|Times\s+of\s+India|Hindustan\s+Times|Indian\s+Express|The\s+Hindu|Dainik\s+Bhaskar|Dainik\s+Jagran|Amar\s+Ujala|Aaj\s+Tak|ETV\s+Bharat|Doordarshan|All\s+India\s+Radio|PIB|Government(?:\s+of\s+.*)?|.*\s+Government|Centre|Union\s+Government|Parliament.*|Lok\s+Sabha|Rajya\s+Sabha|.*\s+Assembly|PMO|Ministry\s+of\s+.*|.*\s+Ministry|Supreme\s+Court|.*\s+High\s+Court|.*\s+Court|Election\s+Commission.*|NITI\s+Aayog|RBI|SEBI|UPSC|CBSE|NCERT|ICMR|ISRO|NASA|DRDO|Indian\s+Army|Indian\s+Air\s+Force|Indian\s+Navy|Army|WHO|United\s+Nations|UN|UNICEF|World\s+Bank|IMF|BCCI|ICC|IOA|Google|Meta|Facebook|WhatsApp|YouTube|X|Twitter|Instagram|Microsoft|.*\s+community|.*\s+administration|White\s+House|Pentagon|Kremlin|Downing\s+Street|.*\s+Observatory.*|Lashkar.*|Jaish.*|Hizbul.*|Hizb-ul.*|ISIS|ISIL|IS|Islamic\s+State|Al[\s-]Qaeda|Taliban|Al[\s-]Shabaa?b|Boko\s+Haram|Hamas|Hezbollah|Maoists?|Naxal.*)$/i;

/** Is this organisation specific enough to tie two reports together? */
export const specificOrg = (name: string): boolean => !BROAD_ORGS.test(name.trim());

/** Is this place specific enough (a district, town, locality or landmark)? */
export const specificPlace = (name: string): boolean => !BROAD_PLACES.has(name.trim()) && !isBroadPlace(name);

/** Is this person specific enough? National public figures (the gazetteer's people) are in too many stories. */
export const specificPerson = (name: string): boolean => lookupAlias(name)?.type !== 'PER';

/** The digest's specific anchors, as `o:`/`l:`/`p:` + canonical name. */
export function anchorsOf(d: ArticleDigest): Set<string> {
  const out = new Set<string>();
  for (const o of d.orgs) if (specificOrg(o.name)) out.add(`o:${o.name}`);
  for (const p of d.places) if (specificPlace(p.name)) out.add(`l:${p.name}`);
  for (const p of d.people ?? []) if (specificPerson(p.name)) out.add(`p:${p.name}`);
  return out;
}

/** Every canonical name the digest holds, broad ones included (for cross-language similarity). */
export function namesOf(d: ArticleDigest): Set<string> {
  return new Set([...d.orgs, ...d.places, ...(d.people ?? [])].map((x) => x.name));
}
