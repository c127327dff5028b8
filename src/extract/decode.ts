/**
 * Bytes → text: binary detection, BOM sniffing, declared charsets (HTTP header or <meta>), and a guard
 * against a common real-world lie (a page declared ISO-8859-1/windows-1252 whose bytes are valid UTF-8).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { InputError } from '../core/errors.ts';

/** Default ceiling for one document; larger inputs are refused with a clear error instead of risking memory. */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

const MAGIC: [string, number[]][] = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip data', [0x1f, 0x8b]],
  ['WebP/RIFF data', [0x52, 0x49, 0x46, 0x46]],
];

/** Throws {@link InputError} when the bytes are not a text document. */
export function assertText(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): void {
  if (bytes.length > maxBytes) {
    throw new InputError(
      'too-large',
      `document is ${(bytes.length / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit (raise it with --max-bytes)`,
    );
  }
  for (const [name, sig] of MAGIC) {
    if (sig.every((b, i) => bytes[i] === b))
      throw new InputError('binary-input', `input is binary (${name}), not a news page`);
  }
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16) return;
  // Text never carries NUL bytes or many C0 controls; count them in the first 8 KiB.
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0)
      throw new InputError('binary-input', 'input is binary (contains NUL bytes), not a news page');
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  if (n > 0 && control / n > 0.05)
    throw new InputError('binary-input', 'input looks binary (too many control bytes)');
}

/** Charset named by a Content-Type header value or a <meta> tag near the top of the document. */
export function declaredCharset(bytes: Uint8Array, contentType?: string): string | undefined {
  const fromHeader = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i)?.[1];
  if (fromHeader) return fromHeader.toLowerCase();
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const meta =
    head.match(/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i)?.[1] ??
    head.match(/<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i)?.[1];
  return meta?.toLowerCase();
}

/** A document's text as consecutive pieces (see {@link decodeChunks}). */
export interface DecodedChunks {
  chunks: string[];
  /** The charset actually used. */
  charset: string;
  /** The charset the document declared, if any. */
  declared?: string;
}

/**
 * Bytes decoded per piece. Each piece stays a regular heap object (V8 puts larger ones, a two-byte string
 * of over 64K characters among them, straight into the old generation, where only a full collection frees
 * them: a page a time, those were what set off most full collections while extracting).
 */
const CHUNK_BYTES = 1 << 15;

/**
 * Decode a document's bytes into consecutive pieces of text (joined, they are the whole text). The HTML
 * parser takes the pieces one after another, so no page-sized string is made. Order: BOM, then valid
 * multi-byte UTF-8 (wins over a declared single-byte charset, which is a frequent mislabel on Indian
 * sites), then the declared charset, then UTF-8.
 */
export function decodeChunks(
  bytes: Uint8Array,
  contentType?: string,
  maxBytes = DEFAULT_MAX_BYTES,
): DecodedChunks {
  assertText(bytes, maxBytes);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = declaredCharset(bytes, contentType);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { chunks: utf8Chunks(buf.subarray(3)), charset: 'utf-8', declared };
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return { chunks: iconvChunks(buf.subarray(2), 'utf-16le'), charset: 'utf-16le', declared };
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return { chunks: iconvChunks(buf.subarray(2), 'utf-16be'), charset: 'utf-16be', declared };
  // node:buffer's isUtf8 validates in one vectorised pass, several times faster than a fatal TextDecoder.
  // Valid UTF-8 with a byte over 0x7f is UTF-8 whatever the page declares; an ASCII page is read in the
  // charset it declares (ASCII in almost all of them).
  const utf8 = isUtf8(buf);
  if ((utf8 && !isAscii(buf)) || !declared || /^utf-?8$/.test(declared))
    return { chunks: utf8Chunks(buf), charset: 'utf-8', declared };
  // WHATWG maps iso-8859-1 and us-ascii labels to windows-1252; browsers do the same.
  const label = /^(iso-?8859-1|latin-?1|us-ascii|ascii)$/.test(declared) ? 'windows-1252' : declared;
  if (!iconv.encodingExists(label)) {
    throw new InputError('unknown-charset', `document declares an unknown charset "${declared}"`);
  }
  return { chunks: iconvChunks(buf, label), charset: label, declared };
}

/**
 * UTF-8 (invalid sequences as U+FFFD) in pieces whose joined text is the whole decoded at once. A piece is
 * cut before the nearest byte that starts a character among the four bytes up to its end: the decoder
 * starts afresh at such a byte, whatever came before it. When all four continue a character, that
 * character began before them and, at four bytes at most, has ended (the bytes are stray, each one U+FFFD
 * wherever it is cut), so the piece is cut where it stands.
 */
function utf8Chunks(buf: Buffer): string[] {
  const out: string[] = [];
  for (let from = 0; from < buf.length; ) {
    let to = Math.min(from + CHUNK_BYTES, buf.length);
    if (to < buf.length)
      for (let c = to; c > to - 4 && c > from; c--)
        if ((buf[c]! & 0xc0) !== 0x80) {
          to = c;
          break;
        }
    out.push(buf.toString('utf8', from, to));
    from = to;
  }
  return out;
}

/** iconv-lite's decoder fed piece by piece (it keeps a character split between pieces). */
function iconvChunks(buf: Buffer, label: string): string[] {
  const decoder = iconv.getDecoder(label);
  const out: string[] = [];
  for (let from = 0; from < buf.length; from += CHUNK_BYTES) {
    const piece = decoder.write(buf.subarray(from, from + CHUNK_BYTES));
    if (piece) out.push(piece);
  }
  const rest = decoder.end();
  if (rest) out.push(rest);
  return out;
}
