/**
 * Every regex literal in src/ is checked by recheck (a maintained ReDoS checker) for backtracking that grows
 * faster than the text: issue 15 asks that a regex run on untrusted text be linear-time. A pattern the
 * checker calls vulnerable, or cannot decide within its time limit, must be listed below with the reason
 * its input is bounded or its shape is linear; anything else fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { check } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** `file: start of the pattern's source` → why it is safe although the checker could not say so. */
const REVIEWED: Record<string, string> = {
  'src/api/app.ts: ^.*\\/(.*)\\.schema': 'paths of the schema files shipped in schemas/, never user input',
  'src/cli/commands/store-options.ts: ^\\s*(\\d+': 'a size given on the command line by the operator',
  'src/cli/output.ts: <mark>': "search snippets from the store's highlighter, a few hundred characters",
  'src/extract/decode.ts: <meta[^>]+charset': 'run on the first 4,096 bytes of a document only',
  'src/extract/decode.ts: <\\?xml[^>]+encoding': 'run on the first 4,096 bytes of a document only',
  'src/temporal/context.ts: ([\\p{L}.]+)$': 'run on the 12 characters before a full stop only',
  'src/crawl/config.ts: sitemap[^/]*': 'run on the first 2,048 characters of a command-line URL only',
  'src/incidents/anchors.ts: ^(?:BJP':
    'entity canonical names: a few words, no line breaks, so `.*$` never backtracks',
  'src/incidents/lexicon.ts: (?:दिशा-?निर्देश': 'bounded `.{0,40}`: at most 40 steps from each "SOP"',
  'src/core/url.ts: ^(?!\\d+$)[a-z0-9]{8,}$':
    'anchored: the lookahead and the class each read the value once',
  'src/temporal/rules-date.ts: (?<=\\b(?:[Ii]n|since':
    'lookbehind of one word and at most three spaces (was `\\s+`: 17 s on 80,000 spaces)',
  'src/clean/boilerplate.ts: \\d{1,2}\\.?\\s+(?:jan':
    'a date line: read only on blocks of at most 60 characters (isDateOnly)',
  'src/entities/aliases.ts: \\(([^()\\n]{1,80})\\)': 'bounded `{1,80}`: at most 80 steps from each "("',
  'src/entities/translit.ts: ([a-z])\\1+': 'one romanised word (tokens are at most 1,000 letters, names 40)',
};

/**
 * Files of cue alternations too large for the checker to decide in its time (seconds each): their
 * patterns are held to a rule instead, {@link unanchoredRuns}.
 */
const LARGE_ALTERNATIONS = [
  'src/incidents/typing-cues.ts',
  'src/incidents/lexicon.ts',
  'src/clean/boilerplate.ts',
];

/**
 * Unbounded runs of letters (`\w*`, `\S+`, `.*`, `[^…]+`, `{n,}`) that neither begin right after white space
 * nor end their alternative: those are what made cue patterns quadratic (`violat\w*\s+` re-read a long word
 * from every `violat` in it), while a run that starts after `\s` starts at most once per word.
 */
function unanchoredRuns(source: string): string[] {
  const out: string[] = [];
  const run = /(\\[wS]|\.|\[\^(?:\\.|[^\]])*\])(\*|\+|\{\d+,\})/g;
  for (const m of source.matchAll(run)) {
    const at = m.index ?? 0;
    if (m[1] === '.' && source[at - 1] === '\\') continue; // an escaped full stop
    let before = source.slice(0, at);
    while (/\((?:\?:)?$/.test(before)) before = before.replace(/\((?:\?:)?$/, '');
    // At the start of the text (`^\S+`): it starts once.
    if (before.endsWith('^') && !before.endsWith('\\^')) continue;
    // After white space, or after an optional group that ends in white space (`(?:the\s+)?\w+`).
    if (/\\s(?:\+|\{\d+(?:,\d*)?\})?(?:\)\?)?$/.test(before)) continue;
    const after = source.slice(at + m[0].length).replace(/^\)+/, '');
    if (after === '' || after.startsWith('|')) continue;
    out.push(source.slice(Math.max(0, at - 12), at + m[0].length + 12));
  }
  return out;
}

interface Literal {
  file: string;
  line: number;
  regex: RegExp;
}

function literals(): Literal[] {
  const out: Literal[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        const src = ts.createSourceFile(p, readFileSync(p, 'utf8'), ts.ScriptTarget.Latest, true);
        const visit = (node: ts.Node): void => {
          if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
            const text = node.getText(src);
            const end = text.lastIndexOf('/');
            out.push({
              file: relative(ROOT, p),
              line: src.getLineAndCharacterOfPosition(node.getStart()).line + 1,
              regex: new RegExp(text.slice(1, end), text.slice(end + 1)),
            });
          }
          ts.forEachChild(node, visit);
        };
        visit(src);
      }
    }
  };
  walk(join(ROOT, 'src'));
  return out;
}

/** The static (automaton) checker only: its answers do not depend on timing, so the test cannot flake. */
const OPTIONS = { checker: 'automaton' as const, timeout: 8000 };

const reviewed = (l: Literal): string | undefined =>
  Object.entries(REVIEWED).find(([k]) => {
    const [file, start] = k.split(': ');
    return l.file === file && l.regex.source.startsWith(start!);
  })?.[1];

describe('regexes in src/ (recheck)', () => {
  const all = literals();

  it('finds the regex literals of src/', () => {
    expect(all.length).toBeGreaterThan(300);
  });

  it('holds the cue alternations to runs that start after white space or end their alternative', () => {
    const bad = all
      .filter((l) => LARGE_ALTERNATIONS.includes(l.file) && !reviewed(l))
      .flatMap((l) => unanchoredRuns(l.regex.source).map((r) => `${l.file}:${l.line} …${r}…`));
    expect(bad).toEqual([]);
    expect(unanchoredRuns('(?:violat\\w*\\s+ceasefire|x)')).toHaveLength(1);
    expect(unanchoredRuns('x|^(?:\\S+\\s+){0,6}please')).toEqual([]);
    expect(unanchoredRuns('x|\\^\\S+please')).toHaveLength(1);
    expect(unanchoredRuns('(?:सर्वर\\s+(?:\\S+\\s+){0,2}ठप|हमल\\S*)')).toEqual([]);
  });

  it('has no pattern with super-linear backtracking that is not reviewed', { timeout: 600_000 }, async () => {
    // A few at a time: the checker's time limit is wall-clock, and a flood of checks would run them out.
    const results: { l: Literal; r: Awaited<ReturnType<typeof check>> }[] = [];
    const checked = all.filter((l) => !LARGE_ALTERNATIONS.includes(l.file) && !reviewed(l));
    for (let i = 0; i < checked.length; i += 3) {
      const part = checked.slice(i, i + 3);
      results.push(
        ...(await Promise.all(
          part.map(async (l) => ({ l, r: await check(l.regex.source, l.regex.flags, OPTIONS) })),
        )),
      );
    }
    const bad = results
      .filter(({ r }) => r.status !== 'safe')
      .map(({ l, r }) => `${l.file}:${l.line} ${r.status} /${l.regex.source.slice(0, 80)}/`);
    expect(bad).toEqual([]);
  });

  it('still flags the shapes it must (the checker is running)', async () => {
    expect((await check('(a+)+$', '')).status).toBe('vulnerable');
    expect((await check('.*(?:[.!?]\\s+|\\n)', 's')).status).toBe('vulnerable');
    expect((await check('^[\\s\\u00a0]*(?:[-–][\\s\\u00a0]*)?$', '')).status).toBe('safe');
  });
});
