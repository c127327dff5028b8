/**
 * Address safety for the crawl, from the shared guarded fetcher (src/net): by default a crawl may only
 * reach public addresses. Literal IPs are checked before a request, host names in the socket's lookup
 * (every resolved address), the connected peer once more, and every redirect hop again. This module only
 * keeps the crawl's names for those checks.
 */
import { type AddressPolicy, literalRefusal } from '../net/index.ts';

export {
  type AddressClass,
  type AddressPolicy,
  addressRefusal,
  classifyAddress,
  UnsafeAddressError,
} from '../net/index.ts';

/** Check a URL before any connection: scheme and, for literal IPs, the address. */
export function urlRefusal(url: URL, policy: AddressPolicy): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `scheme ${url.protocol} refused`;
  return literalRefusal(url, policy)?.message;
}
