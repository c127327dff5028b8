import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/core/printable.ts';
import { boundedLines, parseJsonlLine, readJsonl } from '../../src/sources/jsonl.ts';

const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('printable names', () => {
  it('escapes newlines, escape sequences, C1 and bidi controls, and leaves Devanagari alone', () => {
    expect(printable('a\nb\x1b[2J\tc')).toBe('a\\nb\\e[2J\\tc');
    expect(printable('x\u009by\u202ez\u0000')).toBe('x\\u009by\\u202ez\\u0000');
    expect(printable('एम्स-समाचार.html')).toBe('एम्स-समाचार.html');
  });
});

describe('JSON lines', () => {
  it('passes title, published, url and a lang hint through, and refuses non-string values', () => {
    const ok = parseJsonlLine(
      JSON.stringify({
        id: 7,
        text: 'x',
        title: 'T',
        published: '2022-11-24',
        url: 'https://e.in/a',
        lang: 'hi',
      }),
      1,
      'f.jsonl',
    );
    expect(ok).toMatchObject({
      id: '7',
      doc: {
        source: 'f.jsonl#7',
        format: 'text',
        title: 'T',
        published: '2022-11-24',
        url: 'https://e.in/a',
        lang: 'hi',
      },
    });
    const bad = parseJsonlLine('{"id":"a","html":"<p>x</p>","lang":5}', 3, 'f');
    expect('error' in bad && bad.error.message).toBe('line 3: "lang" must be a string');
  });

  it('strips a UTF-8 BOM from line 1 only, and CR line ends', async () => {
    const input = Readable.from([
      Buffer.from('\ufeff{"id":"a","text":"x"}\r\n\ufeff{"id":"b","text":"y"}\n'),
    ]);
    const entries = await collect(readJsonl(input, 'f'));
    expect(entries[0]).toMatchObject({ line: 1, id: 'a' });
    expect(entries[1]).toMatchObject({ line: 2, error: { code: 'bad-json' } });
  });

  it('caps every line without buffering it, and keeps line numbers across chunk boundaries', async () => {
    const chunks = [
      '{"id":"a",',
      '"text":"x"}\n',
      'y'.repeat(3000),
      'y'.repeat(3000),
      '\n{"id":"c","text":"z"}',
    ];
    const lines = await collect(boundedLines(Readable.from(chunks.map((c) => Buffer.from(c))), 4096));
    expect(lines).toEqual([
      { line: 1, text: '{"id":"a","text":"x"}' },
      { line: 2, tooLarge: true },
      { line: 3, text: '{"id":"c","text":"z"}' },
    ]);
    const entries = await collect(readJsonl(Readable.from([Buffer.alloc(10_000)]), 'stdin', 4096));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ line: 1, error: { code: 'too-large' } });
  });

  it('splits a multi-byte character across chunks without damage', async () => {
    const bytes = Buffer.from('{"id":"एम्स","text":"x"}\n');
    const lines = await collect(boundedLines(Readable.from([bytes.subarray(0, 9), bytes.subarray(9)]), 1024));
    expect(lines[0]).toEqual({ line: 1, text: '{"id":"एम्स","text":"x"}' });
  });
});
