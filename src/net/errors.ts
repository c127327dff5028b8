/**
 * Why an outbound request failed, in the project's taxonomy (src/core/errors.ts): refusals and limits are
 * {@link InputError}s (the same URL will fail the same way; never retried), timeouts and network failures
 * are {@link TransientError}s (retried with backoff). `retryable` says the same thing to callers that do
 * not know the taxonomy, and every message ends by saying whether a retry can help.
 */
import { InputError, TransientError } from '../core/errors.ts';

const NO_RETRY = 'retrying will not help';
const MAY_RETRY = 'a retry may succeed';

/** The URL leads to an address the policy refuses (loopback, private, link-local, metadata…). */
export class UnsafeAddressError extends InputError {
  readonly retryable = false;
  /** The refused address (or the literal host), when known. */
  readonly address: string | undefined;
  constructor(url: string, reason: string, address?: string) {
    const hint = /\b(?:loopback|private|unspecified) address\b/.test(reason)
      ? 'private and loopback targets need an explicit opt-in (--allow-private)'
      : 'this range is never fetched';
    super('unsafe-address', `refused ${url}: ${reason}; ${hint}; ${NO_RETRY}`);
    this.address = address;
  }
}

/** The response body is larger than the size cap (declared or counted while streaming). */
export class FetchTooLargeError extends InputError {
  readonly retryable = false;
  constructor(url: string, maxBytes: number, declared?: number) {
    super(
      'too-large',
      `${url} ${declared !== undefined ? `declares ${declared} bytes` : 'sent more bytes than allowed'}, over the ${maxBytes}-byte limit; ${NO_RETRY}`,
    );
  }
}

/** The request (all hops together) took longer than its time cap. */
export class FetchTimeoutError extends TransientError {
  readonly retryable = true;
  constructor(url: string, timeoutMs: number) {
    super('fetch-timeout', `${url} did not answer within ${timeoutMs} ms; ${MAY_RETRY}`);
  }
}

/** More redirects than allowed, or a redirect to something that cannot be fetched. */
export class RedirectError extends InputError {
  readonly retryable = false;
  constructor(code: 'too-many-redirects' | 'bad-redirect', url: string, detail: string) {
    super(code, `${url}: ${detail}; ${NO_RETRY}`);
  }
}

/** The URL itself cannot be fetched (not a URL, not http or https). */
export class BadUrlError extends InputError {
  readonly retryable = false;
  constructor(url: string, detail: string) {
    super('bad-url', `"${url.slice(0, 200)}" ${detail}; ${NO_RETRY}`);
  }
}

/** The connection failed (DNS, refused, reset…): the network may recover. */
export class FetchFailedError extends TransientError {
  readonly retryable = true;
  constructor(url: string, cause: unknown) {
    const e = cause as NodeJS.ErrnoException;
    const detail = e?.code ? `${e.code} ${e.message}` : String(e?.message ?? cause);
    super('fetch-failed', `cannot fetch ${url}: ${detail}; ${MAY_RETRY}`, { cause });
  }
}
