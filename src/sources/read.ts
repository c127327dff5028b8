/**
 * Bounded, non-blocking reads of local inputs. Every read checks the size while it streams, so a huge
 * file, `/dev/zero` behind standard input or a growing file stops at the limit instead of filling memory;
 * anything that is not a regular file (device, FIFO, socket) is refused before a byte is read, so a FIFO
 * can never block the run.
 */
import { constants, createReadStream, type Stats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { InputError } from '../core/errors.ts';
import { printable } from '../core/printable.ts';

/** How to raise the limit, named in every too-large message (both exist: see `khabar analyze --help`). */
export const RAISE_LIMIT = 'raise it with --max-bytes or KHABAR_MAX_BYTES';

/** `32 MB` for messages. */
export function formatBytes(n: number): string {
  if (n >= 1048576 && n % 1048576 === 0) return `${n / 1048576} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} bytes`;
}

export function tooLarge(what: string, maxBytes: number): InputError {
  return new InputError('too-large', `${what} is over the ${formatBytes(maxBytes)} limit (${RAISE_LIMIT})`);
}

/** What a non-regular file is, for the refusal message. */
export function fileKind(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** An InputError for a failed open/read: permission problems and the like are not worth a retry. */
export function readError(path: string, e: unknown): InputError {
  if (e instanceof InputError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const name = printable(path);
  if (code === 'ENOENT') return new InputError('not-found', `no such file or directory: ${name}`);
  if (code === 'EACCES' || code === 'EPERM')
    return new InputError('unreadable', `cannot read ${name}: permission denied`, { cause: e });
  if (code === 'ENXIO')
    return new InputError('not-a-file', `${name} is a socket or device: only regular files are read`, {
      cause: e,
    });
  if (code === 'ELOOP')
    return new InputError('symlink-loop', `${name}: too many levels of symbolic links`, { cause: e });
  return new InputError('unreadable', `cannot read ${name}: ${code ?? (e as Error).message}`, { cause: e });
}

/**
 * Open a regular file for reading without ever blocking: O_NONBLOCK keeps open() of a FIFO from waiting
 * for a writer, and fstat on the open descriptor (not the path) decides, so the file checked is the file read.
 */
export async function openRegular(
  path: string,
  maxBytes?: number,
): Promise<{ fh: FileHandle; size: number }> {
  let fh: FileHandle;
  try {
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw readError(path, e);
  }
  try {
    const s = await fh.stat();
    if (!s.isFile())
      throw new InputError('not-a-file', `${printable(path)} is ${fileKind(s)}: only regular files are read`);
    if (maxBytes !== undefined && s.size > maxBytes) throw tooLarge(printable(path), maxBytes);
    return { fh, size: s.size };
  } catch (e) {
    await fh.close();
    throw readError(path, e);
  }
}

/** Read a whole regular file, refusing it past maxBytes (checked before and while reading). */
export async function readFileBounded(path: string, maxBytes: number): Promise<Buffer> {
  const { fh, size } = await openRegular(path, maxBytes);
  try {
    // One byte more than the limit tells a file that grew since fstat from one that is exactly at it.
    const buf = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
    let got = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
      if (got > maxBytes) throw tooLarge(printable(path), maxBytes);
      if (got === buf.length) break;
    }
    return buf.subarray(0, got);
  } catch (e) {
    throw readError(path, e);
  } finally {
    await fh.close();
  }
}

/** Read a stream (standard input) to the end, stopping with `too-large` as soon as it passes maxBytes. */
export async function readStreamBounded(input: Readable, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of input) {
    const chunk = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
    size += chunk.length;
    if (size > maxBytes) {
      input.destroy();
      throw tooLarge(what, maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A read stream over a regular file, opened with the checks of {@link openRegular}. */
export async function openReadStream(path: string): Promise<Readable> {
  const { fh } = await openRegular(path);
  return createReadStream('', { fd: fh, autoClose: true });
}
