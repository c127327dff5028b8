import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config.ts';
import { describeError, InputError, KhabarError } from '../../core/errors.ts';
import type { InputFormat } from '../../pipeline/analyze.ts';
import type { SourceDocument } from '../../pipeline/document.ts';
import { fetchDocument } from '../../sources/fetch.ts';
import { readJsonl } from '../../sources/jsonl.ts';

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function load(
  input: string | undefined,
  timeoutMs: number,
  maxBytes: number,
  allowPrivate = false,
): Promise<SourceDocument> {
  if (!input || input === '-') return { source: 'stdin', content: await readStdin() };
  if (/^https?:\/\//i.test(input)) return fetchDocument(input, { timeoutMs, maxBytes, allowPrivate });
  try {
    return { source: input, content: await readFile(input) };
  } catch (e) {
    throw new InputError(
      'not-found',
      `cannot read ${input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

export function registerAnalyze(program: Command): void {
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
      'batch mode: input is JSON lines {"id","html"|"text","url"?,"published"?}; one result line per input line',
    )
    .option(
      '--allow-private',
      'allow private and loopback addresses (intranet servers); link-local and metadata addresses never',
    )
    .option('--compact', 'print JSON on one line')
    .addHelpText(
      'after',
      '\nExamples:\n  khabar analyze examples/etv-aiims-hi.txt\n  khabar analyze page.html --url https://example.in/story --published 2022-11-24T21:04:00+05:30\n  cat batch.jsonl | khabar analyze --jsonl -',
    )
    .action(
      async (
        input: string,
        opts: {
          format: InputFormat;
          url?: string;
          published?: string;
          jsonl?: boolean;
          compact?: boolean;
          allowPrivate?: boolean;
        },
      ) => {
        if (!['html', 'text', 'auto'].includes(opts.format))
          throw new InputError('bad-option', `--format must be html, text or auto, not "${opts.format}"`);
        const cfg = loadConfig();
        const { analyze } = await import('../../pipeline/analyze.ts');
        if (opts.jsonl) {
          const stream = !input || input === '-' ? process.stdin : createReadStream(input);
          for await (const entry of readJsonl(stream, input)) {
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
                  article: analyze({
                    ...entry.doc,
                    published: entry.doc.published ?? opts.published,
                    maxBytes: cfg.maxBytes,
                  }),
                };
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
          return;
        }
        const doc = await load(input, cfg.fetchTimeoutMs, cfg.maxBytes, opts.allowPrivate);
        const article = analyze({
          ...doc,
          format: opts.format,
          url: opts.url ?? doc.url,
          published: opts.published,
          maxBytes: cfg.maxBytes,
        });
        process.stdout.write(`${JSON.stringify(article, null, opts.compact ? undefined : 2)}\n`);
      },
    );
}
