/**
 * Outbound HTTP, guarded: every request Khabar makes (crawl, `analyze`/`ingest` URLs, the fetch stage,
 * webhooks) goes through here, so address safety, size and time caps and the User-Agent hold everywhere.
 *
 * - {@link guardedFetch}: one request with its redirects, every hop checked at connect time.
 * - {@link checkUrlTarget}: vet a URL (resolve and check) without fetching it.
 * - {@link fetchHop}: one exchange without redirects, for clients that follow redirects themselves
 *   (the crawler, which also checks its allowed hosts on each hop).
 * - {@link classifyAddress} / {@link addressRefusal}: the address policy on its own.
 */
export {
  type AddressClass,
  type AddressInfo,
  type AddressPolicy,
  addressRefusal,
  classifyAddress,
  describeAddress,
  targetKey,
} from './address.ts';
export {
  BadUrlError,
  FetchFailedError,
  FetchTimeoutError,
  FetchTooLargeError,
  RedirectError,
  UnsafeAddressError,
} from './errors.ts';
export {
  checkUrlTarget,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  type GuardedFetchOptions,
  type GuardedResponse,
  guardedFetch,
  type UrlTarget,
  USER_AGENT,
} from './fetch.ts';
export {
  fetchHop,
  guardedLookup,
  type HopOptions,
  type HopResponse,
  literalRefusal,
  portOf,
  type Resolver,
} from './hop.ts';
