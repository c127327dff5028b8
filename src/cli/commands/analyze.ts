import type { Command } from 'commander';
import { describeError, InputError, KhabarError } from '../../core/errors.ts';
import { printable } from '../../core/printable.ts';
import type { InputFormat } from '../../pipeline/analyze.ts';
import type { SourceDocument } from '../../pipeline/document.ts';
import { fetchDocument } from '../../sources/fetch.ts';
import { readJsonl } from '../../sources/jsonl.ts';
import { openReadStream, readFileBounded, readStreamBounded } from '../../sources/read.ts';
import { configFrom, type LimitOpts, withLimitOptions } from './store-options.ts';

async function load(
  input: string | undefined,
  timeoutMs: number,
  maxBytes: number,
  allowPrivate = false,
): Promise<SourceDocument> {
  if (!input || input === '-')
    return { source: 'stdin', content: await readStreamBounded(process.stdin, maxBytes, 'standard input') };
  if (/^https?:\/\//i.test(input)) return fetchDocument(input, { timeoutMs, maxBytes, allowPrivate });
  return { source: input, content: await readFileBounded(input, maxBytes) };
}

type AnalyzeOpts = LimitOpts & {
  format: InputFormat;
  url?: string;
  published?: string;
  jsonl?: boolean;
  compact?: boolean;
  allowPrivate?: boolean;
};

/** `analyze --jsonl`: one output line per input line; throws when not one line could be analysed. */
async function analyzeBatch(input: string, opts: AnalyzeOpts, maxBytes: number): Promise<void> {
  const { analyze } = await import('../../pipeline/analyze.ts');
  const stdin = !input || input === '-';
  const stream = stdin ? process.stdin : await openReadStream(input);
  let good = 0;
  let total = 0;
  for await (const entry of readJsonl(stream, input, maxBytes)) {
    total++;
    let line: unknown;
    if ('error' in entry)
      line = {
        id: entry.id ?? null,
        line: entry.line,
        error: { code: entry.error.code, message: entry.error.message },
      };
    else {
      try {
        line = {
          id: entry.id,
          article: analyze({ ...entry.doc, published: entry.doc.published ?? opts.published, maxBytes }),
        };
        good++;
      } catch (e) {
        line = {
          id: entry.id,
          line: entry.line,
          error: { code: e instanceof KhabarError ? e.code : 'error', message: describeError(e) },
        };
      }
    }
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  if (good === 0) {
    const name = stdin ? 'standard input' : printable(input);
    throw new InputError(
      'no-good-line',
      total === 0 ? `${name} has no JSON lines` : `none of the ${total} lines of ${name} could be analysed`,
    );
  }
}

export function registerAnalyze(program: Command): void {
  withLimitOptions(
    program
      .command('analyze')
      .description('analyse one document (file, URL or - for stdin) and print the article as JSON')
      .argument('[input]', 'file, http(s) URL, or - for standard input', '-')
      .option('--format <format>', 'input format: html, text or auto', 'auto')
      .option('--url <url>', 'the URL the document came from (sets the canonical URL and id)')
      .option(
        '--published <time>',
        'publication time to resolve relative dates against (ISO 8601 or "Nov 24, 2022, 9:04 PM IST")',
      )
      .option(
        '--jsonl',
        'batch mode: input is JSON lines {"id","html"|"text","title"?,"published"?,"url"?,"lang"?}; one result line per input line',
      )
      .option(
        '--allow-private',
        'allow private and loopback addresses (intranet servers); link-local and metadata addresses never',
      )
      .option('--compact', 'print JSON on one line'),
  )
    .addHelpText(
      'after',
      '\nExit status: 0 on success (with --jsonl: when at least one line was analysed), 2 on bad input, 1 on errors.\n\nExamples:\n  khabar analyze examples/etv-aiims-hi.txt\n  khabar analyze page.html --url https://example.in/story --published 2022-11-24T21:04:00+05:30\n  cat batch.jsonl | khabar analyze --jsonl -\n  khabar analyze big-page.html --max-bytes 64MB',
    )
    .action(async (input: string, opts: AnalyzeOpts) => {
      if (!['html', 'text', 'auto'].includes(opts.format))
        throw new InputError('bad-option', `--format must be html, text or auto, not "${opts.format}"`);
      const cfg = configFrom(opts);
      if (opts.jsonl) return analyzeBatch(input, opts, cfg.maxBytes);
      const { analyze } = await import('../../pipeline/analyze.ts');
      const doc = await load(input, cfg.fetchTimeoutMs, cfg.maxBytes, cfg.allowPrivate);
      const article = analyze({
        ...doc,
        format: opts.format,
        url: opts.url ?? doc.url,
        published: opts.published,
        maxBytes: cfg.maxBytes,
      });
      process.stdout.write(`${JSON.stringify(article, null, opts.compact ? undefined : 2)}\n`);
    });
}
