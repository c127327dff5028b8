/** Fetch one URL as a source document: http(s) only, with a timeout and a size limit. */
import { InputError, TransientError } from '../core/errors.ts';
import type { SourceDocument } from '../pipeline/document.ts';

export async function fetchDocument(
  url: string,
  options: { timeoutMs: number; maxBytes: number },
): Promise<SourceDocument> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError('bad-url', `"${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InputError('bad-url', `only http and https URLs can be fetched, not ${parsed.protocol}`);
  }
  let res: Response;
  try {
    res = await fetch(parsed, {
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        'user-agent': 'Khabar/0.1 (+https://github.com/khabar-news/khabar)',
        accept: 'text/html,text/plain;q=0.9,*/*;q=0.5',
      },
      redirect: 'follow',
    });
  } catch (e) {
    throw new TransientError(
      'fetch-failed',
      `cannot fetch ${url}: ${(e as Error).cause ?? (e as Error).message}`,
    );
  }
  if (!res.ok) {
    const Err = res.status >= 500 || res.status === 429 ? TransientError : InputError;
    throw new Err('http-status', `${url} answered HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > options.maxBytes)
    throw new InputError('too-large', `${url} is ${declared} bytes, over the limit`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > options.maxBytes)
      throw new InputError('too-large', `${url} is over the ${options.maxBytes}-byte limit`);
    chunks.push(chunk);
  }
  return {
    source: url,
    content: Buffer.concat(chunks),
    url: res.url || url,
    contentType: res.headers.get('content-type') ?? undefined,
    fetchedAt: new Date().toISOString(),
  };
}
