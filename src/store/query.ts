/**
 * User query → clauses, shared by both stores. Each clause is a set of alternatives that any matching
 * article must contain one of: the word itself, or, when the words name a known entity, every alias of that
 * entity in both scripts plus the entity's canonical key. That is how `AIIMS` finds a Hindi story that
 * writes एम्स. Query text is never passed to a store as query syntax.
 */
import { InputError } from '../core/errors.ts';
import { squash, words } from '../core/text.ts';
import { lookupAlias } from '../entities/index.ts';
import { terms } from './tokenize.ts';

export interface QueryClause {
  /** Each alternative is a phrase: a sequence of index terms. */
  alternatives: string[][];
  /** Raw alternative phrases, for stores that analyse text themselves (Elasticsearch). */
  phrases: string[];
  /** Canonical entity the words named, if any. */
  entity?: string;
}

/** Longest n-gram of query words tried against the entity gazetteer. */
const MAX_ENTITY_WORDS = 6;
export const MAX_QUERY_LENGTH = 500;

function dedupe(alts: string[][]): string[][] {
  const seen = new Set<string>();
  return alts.filter((a) => a.length > 0 && !seen.has(a.join(' ')) && seen.add(a.join(' ')));
}

function entityClause(words: string[]): QueryClause | undefined {
  const hit = lookupAlias(words.join(' '));
  if (!hit) return undefined;
  const phrases = [...new Set([words.join(' '), hit.canonical, ...hit.aliases])];
  return { alternatives: dedupe(phrases.map(terms)), phrases, entity: hit.canonical };
}

/** Parse free text (with optional "quoted phrases") into clauses. Throws InputError on unusable input. */
export function parseQuery(text: string): QueryClause[] {
  const q = squash(text);
  if (q.length > MAX_QUERY_LENGTH)
    throw new InputError('query-too-long', `query is over ${MAX_QUERY_LENGTH} characters`);
  const clauses: QueryClause[] = [];
  const rest = q.replace(/"([^"]+)"/g, (_, phrase: string) => {
    const ent = entityClause([...words(phrase)].map((w) => w.word));
    clauses.push(ent ?? { alternatives: dedupe([terms(phrase)]), phrases: [phrase] });
    return ' ';
  });
  const ws = [...words(rest)].map((w) => w.word);
  for (let i = 0; i < ws.length; ) {
    let matched = false;
    for (let n = Math.min(MAX_ENTITY_WORDS, ws.length - i); n >= 1; n--) {
      const ent = entityClause(ws.slice(i, i + n));
      if (ent) {
        clauses.push(ent);
        i += n;
        matched = true;
        break;
      }
    }
    if (!matched) {
      clauses.push({ alternatives: dedupe([terms(ws[i]!)]), phrases: [ws[i]!] });
      i++;
    }
  }
  const usable = clauses.filter((c) => c.alternatives.length > 0);
  if (q && usable.length === 0) throw new InputError('empty-query', `query "${q}" has no searchable words`);
  return usable;
}
