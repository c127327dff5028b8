/**
 * The entity gazetteer: canonical names with aliases in both scripts, indexed once for fast
 * longest-match lookup over token sequences.
 */
import type { EntityType } from '../core/types.ts';
import districtEntries from './gazetteer-districts.json' with { type: 'json' };
import locEntries from './gazetteer-loc.json' with { type: 'json' };
import miscEntries from './gazetteer-misc.json' with { type: 'json' };
import orgEntries from './gazetteer-org.json' with { type: 'json' };
import nationalOrgEntries from './gazetteer-org-national.json' with { type: 'json' };
import unionEntries from './gazetteer-union.json' with { type: 'json' };
import worldEntries from './gazetteer-world.json' with { type: 'json' };
import { isDevanagari, phraseKeys, tokenize } from './text.ts';
import { phoneticKey } from './translit.ts';

/** One gazetteer record, as stored in the built-in JSON files or supplied by a user data file. */
export interface GazetteerEntry {
  canonical: string;
  type: EntityType;
  /** Other names in any script: Devanagari spellings, acronyms, expansions. */
  aliases: string[];
  /** Canonical name of the broader entity (IFSO → Delhi Police). */
  partOf?: string;
  /** Phrases in which an alias is an ordinary word, not this entity (`के आधार पर`). */
  exclude?: string[];
}

/** One alias compiled into token keys. */
export interface AliasPattern {
  entry: GazetteerEntry;
  alias: string;
  keys: string[];
  /** Raw token texts: compared exactly for all-caps acronyms (AAP must not match "aap"). */
  raw: string[];
  caseSensitive: boolean;
  /** Latin alias starting with a capital: the match must start with a capital too. */
  requireCapital: boolean;
  /** Separators inside the alias itself (e.g. the `(` of `CPI(M)`), accepted in the text too. */
  seps: string[];
  /** Trailing punctuation of the alias (`)` of `CPI(M)`), included in the surface when present. */
  tail: string;
}

/** A compiled gazetteer. Build with {@link loadGazetteer}; immutable afterwards. */
export interface Gazetteer {
  entries: GazetteerEntry[];
  /** Lowercased canonical or alias (space-joined token keys) → entry. */
  byAlias: Map<string, GazetteerEntry>;
  /** Key of the first token → patterns starting with it, longest first. */
  byFirstKey: Map<string, AliasPattern[]>;
  /** Phonetic key of Latin PER/LOC names → entry, for matching romanised Devanagari names. */
  byPhonetic: Map<string, GazetteerEntry>;
  /** Same, restricted to entries with no Devanagari alias (only reachable by transliteration). */
  latinOnlyPhonetic: Map<string, GazetteerEntry>;
  /** Exclusion phrases per entry, compiled to token keys. */
  excludes: Map<GazetteerEntry, string[][]>;
  /** Built for one article (its learned aliases): nothing long-lived may remember it, or the article's
   * text it was cut from (see matchGazetteer). */
  perArticle?: boolean;
}

/**
 * Built-in entries; gazetteer-districts.json: India's districts and some 200 towns, with Hindi names;
 * gazetteer-org-national.json: some 300 regulators, tribunals, public companies, institutes, parties and
 * forces across India; gazetteer-world.json: the world's countries and capitals; gazetteer-union.json:
 * the Union ministries and departments. The last two come first, so where an alias is in an older list
 * too, the older (hand-checked) entry keeps it.
 */
const BUILT_IN: GazetteerEntry[] = [
  ...worldEntries,
  ...unionEntries,
  ...orgEntries,
  ...nationalOrgEntries,
  ...locEntries,
  ...districtEntries,
  ...miscEntries,
] as GazetteerEntry[];

const ACRONYM_ALIAS = /^[A-Z][A-Z0-9&.-]{1,7}$/;
const CAMEL_ALIAS = /^[A-Z][A-Za-z&.-]{1,7}$/;

/**
 * An acronym written in capitals (AIIMS), or in mixed case with a capital after a small letter and no
 * three small letters in a row (DoT, MoLE, GeM): matched with its case, so "Dot", "mole" and "gem" are
 * not read as it. Brand names (WhatsApp, IndiGo) have longer lowercase runs and match in any case.
 */
function caseSensitiveAlias(alias: string): boolean {
  if (ACRONYM_ALIAS.test(alias) && !/[a-z]/.test(alias)) return true;
  if (!CAMEL_ALIAS.test(alias) || /[a-z]{3}/.test(alias)) return false;
  const small = alias.search(/[a-z]/);
  return small > 0 && /[A-Z]/.test(alias.slice(small));
}

function aliasKey(s: string): string {
  return phraseKeys(s).join(' ');
}

function compile(entry: GazetteerEntry, alias: string): AliasPattern | undefined {
  const toks = tokenize(alias);
  if (toks.length === 0) return undefined;
  const seps: string[] = [];
  for (let i = 1; i < toks.length; i++) seps.push(alias.slice(toks[i - 1].end, toks[i].start));
  return {
    entry,
    alias,
    keys: toks.map((t) => t.key),
    raw: toks.map((t) => t.text),
    caseSensitive: caseSensitiveAlias(alias),
    requireCapital: /^[A-Z]/.test(alias),
    seps,
    tail: alias.slice(toks[toks.length - 1].end),
  };
}

/** Merge entries that share a canonical name: aliases are unioned, later type/partOf win. */
function mergeEntries(list: GazetteerEntry[]): GazetteerEntry[] {
  const byCanon = new Map<string, GazetteerEntry>();
  for (const e of list) {
    if (!e || typeof e.canonical !== 'string' || !e.canonical.trim()) continue;
    const k = e.canonical.toLowerCase();
    const prev = byCanon.get(k);
    if (!prev) {
      byCanon.set(k, { ...e, aliases: [...new Set(e.aliases ?? [])] });
      continue;
    }
    prev.type = e.type ?? prev.type;
    prev.partOf = e.partOf ?? prev.partOf;
    prev.aliases = [...new Set([...prev.aliases, ...(e.aliases ?? [])])];
    if (e.exclude) prev.exclude = [...new Set([...(prev.exclude ?? []), ...e.exclude])];
  }
  return [...byCanon.values()];
}

/** Compile a gazetteer from entries (no built-ins added). Used for article-local learned aliases too. */
export function buildGazetteer(list: GazetteerEntry[], opts: { perArticle?: boolean } = {}): Gazetteer {
  const entries = mergeEntries(list);
  const byAlias = new Map<string, GazetteerEntry>();
  const byFirstKey = new Map<string, AliasPattern[]>();
  const byPhonetic = new Map<string, GazetteerEntry>();
  const latinOnlyPhonetic = new Map<string, GazetteerEntry>();
  const excludes = new Map<GazetteerEntry, string[][]>();
  for (const entry of entries) {
    const names = [entry.canonical, ...entry.aliases];
    const hasDeva = names.some(isDevanagari);
    for (const name of names) {
      // Later entries (user extensions) override built-in alias ownership.
      byAlias.set(aliasKey(name), entry);
      const p = compile(entry, name);
      if (p) {
        const list = byFirstKey.get(p.keys[0]) ?? [];
        list.push(p);
        byFirstKey.set(p.keys[0], list);
      }
      if ((entry.type === 'PER' || entry.type === 'LOC') && !isDevanagari(name)) {
        const pk = phoneticKey(name);
        // Short keys collide with ordinary Hindi words once romanised; require some length.
        if (pk.length >= 5) {
          byPhonetic.set(pk, entry);
          if (!hasDeva) latinOnlyPhonetic.set(pk, entry);
        }
      }
    }
    if (entry.exclude?.length) excludes.set(entry, entry.exclude.map(phraseKeys));
  }
  for (const list of byFirstKey.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  return {
    entries,
    byAlias,
    byFirstKey,
    byPhonetic,
    latinOnlyPhonetic,
    excludes,
    perArticle: opts.perArticle,
  };
}

let defaultGazetteer: Gazetteer | undefined;

/**
 * The built-in gazetteer (institutions, agencies, police units, parties, ministries, courts,
 * hospitals, states, cities, identifiers, public figures) extended with `extraEntries`.
 * Extra entries with an existing canonical add aliases to it; new ones are appended.
 * Without extra entries the compiled built-in gazetteer is cached and shared.
 */
export function loadGazetteer(extraEntries?: GazetteerEntry[]): Gazetteer {
  if (!extraEntries?.length) {
    defaultGazetteer ??= buildGazetteer(BUILT_IN);
    return defaultGazetteer;
  }
  return buildGazetteer([...BUILT_IN, ...extraEntries]);
}

/**
 * Look up any alias (either script; Latin case-insensitively) and return its canonical record,
 * e.g. `lookupAlias('एम्स')` → `{ canonical: 'AIIMS', type: 'ORG', aliases: [...] }`.
 */
export function lookupAlias(
  term: string,
  gazetteer: Gazetteer = loadGazetteer(),
): { canonical: string; type: EntityType; aliases: string[]; partOf?: string } | undefined {
  const e = gazetteer.byAlias.get(aliasKey(term.trim()));
  if (!e) return undefined;
  const out: { canonical: string; type: EntityType; aliases: string[]; partOf?: string } = {
    canonical: e.canonical,
    type: e.type,
    aliases: [...e.aliases],
  };
  if (e.partOf) out.partOf = e.partOf;
  return out;
}

/** Entry whose alias equals the phrase (same rules as {@link lookupAlias}), for internal use. */
export function entryFor(term: string, gazetteer: Gazetteer): GazetteerEntry | undefined {
  return gazetteer.byAlias.get(aliasKey(term));
}
