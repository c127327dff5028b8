import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeChunks } from '../../src/extract/decode.ts';

/** Over the 32 KiB a piece holds, so every case is cut at least once. */
const LONG = 70_000;

/** Characters of one, two, three and four UTF-8 bytes, so cuts land inside each kind. */
const CHARS = ['a', '<', 'é', 'ए', 'म्', '€', '😀', '\n'];

describe('decodeChunks', () => {
  it('gives valid UTF-8 as the whole text in pieces, whatever character a cut falls beside', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CHARS), { minLength: LONG / 2, maxLength: LONG }), (chars) => {
        const text = chars.join('');
        const { chunks, charset } = decodeChunks(Buffer.from(text, 'utf8'));
        expect(charset).toBe('utf-8');
        expect(chunks.length).toBeGreaterThan(1);
        expect(chunks.join('')).toBe(text);
        // No piece begins with a lone low surrogate: a four-byte character is never split.
        for (const c of chunks) expect(c.charCodeAt(0) >= 0xdc00 && c.charCodeAt(0) <= 0xdfff).toBe(false);
      }),
      { numRuns: 25, endOnFailure: true },
    );
  });

  it('decodes broken UTF-8 to the same U+FFFD characters as one decode of the whole', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })), {
          minLength: LONG / 2,
          maxLength: LONG,
        }),
        (bytes) => {
          // After a tag, so that no byte-order mark or file signature is read from the first bytes.
          const buf = Buffer.concat([Buffer.from('<p>'), Buffer.from(bytes)]);
          expect(decodeChunks(buf).chunks.join('')).toBe(buf.toString('utf8'));
        },
      ),
      // No shrinking: a failing case of 35,000 bytes would be shrunk for hours; it is reported as found.
      { numRuns: 25, endOnFailure: true },
    );
  });

  it('cuts broken UTF-8 so that no character is split, whatever byte lies at the edge of a piece', () => {
    // A start byte just before the 32 KiB edge followed by 0-6 continuation bytes (more than any
    // character takes): every layout of a sequence across the cut.
    for (const lead of [0xc2, 0xe0, 0xe1, 0xed, 0xf0, 0xf4, 0xf8])
      for (let before = 1; before <= 6; before++)
        for (let conts = 0; conts <= 6; conts++) {
          const buf = Buffer.concat([
            Buffer.alloc((1 << 15) - before, 0x61),
            Buffer.from([lead, ...Array.from({ length: conts }, (_, k) => 0x80 + k * 9)]),
            Buffer.from('बाद'),
          ]);
          expect(decodeChunks(buf).chunks.join(''), `${lead.toString(16)} ${before} ${conts}`).toBe(
            buf.toString('utf8'),
          );
        }
  });

  it('keeps a multi-byte legacy character split between pieces (iconv-lite decodes across them)', () => {
    const text = `<meta charset="shift_jis">${'日本語のニュース。'.repeat(6000)}`;
    const buf = iconv.encode(text, 'shift_jis');
    expect(buf.length).toBeGreaterThan(LONG);
    const { chunks, charset } = decodeChunks(buf);
    expect(charset).toBe('shift_jis');
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(text);
  });

  it('reads UTF-16 with its byte-order mark, in pieces, and a declared windows-1252 page', () => {
    const text = 'हिंदी समाचार '.repeat(5000);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    expect(decodeChunks(le).chunks.join('')).toBe(text);
    const latin = Buffer.concat([
      Buffer.from('<meta charset="iso-8859-1">'),
      Buffer.from(Array.from({ length: LONG }, (_, i) => (i % 7 === 0 ? 0xe9 : 0x61))),
    ]);
    const d = decodeChunks(latin);
    expect(d.charset).toBe('windows-1252');
    expect(d.chunks.join('')).toBe(iconv.decode(latin, 'windows-1252'));
  });

  it('keeps every piece a regular heap object (at most 32 KiB of bytes, so at most 32K characters)', () => {
    const { chunks } = decodeChunks(Buffer.from('ख़बर '.repeat(40_000), 'utf8'));
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(1 << 15);
  });

  it('gives an empty page no pieces, and refuses binary input by name', () => {
    expect(decodeChunks(Buffer.alloc(0)).chunks).toEqual([]);
    expect(() => decodeChunks(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toThrow(/PNG image/);
  });
});
