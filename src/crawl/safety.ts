/**
 * Address safety: by default a crawl may only reach public addresses. Literal IPs are checked before a
 * request, host names after DNS resolution (in the socket's lookup), and every redirect hop again.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

export interface AddressPolicy {
  allowLoopback: boolean;
  allowPrivate: boolean;
}

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'reserved';

function v4(ip: string): number[] {
  return ip.split('.').map(Number);
}

export function classifyAddress(ip: string): AddressClass {
  let addr = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(addr);
  if (mapped) addr = mapped[1]!;
  if (isIP(addr) === 4) {
    const [a, b] = v4(addr) as [number, number];
    if (a === 127) return 'loopback';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
    if (a === 100 && b >= 64 && b <= 127) return 'private';
    if (a === 169 && b === 254) return 'link-local';
    if (a === 0 || a >= 224) return 'reserved';
    return 'public';
  }
  if (addr === '::1') return 'loopback';
  if (addr === '::') return 'reserved';
  if (/^f[cd]/.test(addr)) return 'private';
  if (/^fe[89ab]/.test(addr)) return 'link-local';
  if (/^ff/.test(addr)) return 'reserved';
  return 'public';
}

/** Undefined when the address may be contacted, else the reason. */
export function addressRefusal(ip: string, policy: AddressPolicy): string | undefined {
  const cls = classifyAddress(ip);
  if (cls === 'public') return undefined;
  if (cls === 'loopback' && policy.allowLoopback) return undefined;
  if (cls === 'private' && policy.allowPrivate) return undefined;
  return `${cls} address ${ip} refused`;
}

export class UnsafeAddressError extends Error {
  readonly code = 'unsafe-address';
}

/** A `lookup` for node:http that refuses unsafe resolved addresses. */
export function safeLookup(policy: AddressPolicy) {
  return (
    hostname: string,
    options: object,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as LookupAddress[];
      for (const a of list) {
        const refusal = addressRefusal(a.address, policy);
        if (refusal) return callback(new UnsafeAddressError(`${hostname}: ${refusal}`), '', 0);
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Check a URL before any connection: scheme and, for literal IPs, the address. */
export function urlRefusal(url: URL, policy: AddressPolicy): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `scheme ${url.protocol} refused`;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return addressRefusal(host, policy);
  if (host === 'localhost' || host.endsWith('.localhost')) return addressRefusal('127.0.0.1', policy);
  return undefined;
}
