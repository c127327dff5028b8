/**
 * Which addresses an outbound request may reach. The range table is ipaddr.js's (a maintained list of the
 * IANA special-purpose registries); this module only decides what each range means for us, and looks
 * through the IPv6 forms that carry an IPv4 address inside (mapped, translated, NAT64, 6to4, Teredo, the
 * deprecated IPv4-compatible form), so `[::ffff:7f00:1]` is judged as the 127.0.0.1 it reaches.
 */
import ipaddr from 'ipaddr.js';

/** What an address is, as far as outbound safety goes. */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unspecified'
  | 'multicast'
  | 'reserved';

/** An address's class, the ipaddr.js range that decided it, and the IPv4 address it embeds if any. */
export interface AddressInfo {
  address: string;
  class: AddressClass;
  /** ipaddr.js range name, e.g. `carrierGradeNat`, `uniqueLocal`, `unicast`; `invalid` when unparsable. */
  range: string;
  /** For IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4, Teredo): that address. */
  embedded?: string;
}

/**
 * What may be reached. By default only public addresses. Link-local (which includes the cloud metadata
 * address 169.254.169.254), multicast and reserved ranges are never reachable, whatever the options.
 */
export interface AddressPolicy {
  /**
   * Private networks (10/8, 172.16/12, 192.168/16, CGNAT 100.64/10, IPv6 unique-local), loopback and the
   * unspecified address (which reaches this host). For intranet users: `--allow-private`.
   */
  allowPrivate?: boolean;
  /** Loopback and the unspecified address only (the crawler's `allowLoopback` site option). */
  allowLoopback?: boolean;
  /**
   * Exact `address:port` targets allowed whatever their class (IPv6 as `[::1]:8080`), e.g. one intranet
   * server or one test server, without opening whole ranges.
   */
  allowTargets?: readonly string[];
}

const IPV4_CLASS: Record<string, AddressClass> = {
  unspecified: 'unspecified',
  broadcast: 'reserved',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'private',
  private: 'private',
  reserved: 'reserved',
  // AS112 and AMT relays are globally routed anycast services.
  as112: 'public',
  amt: 'public',
  unicast: 'public',
};

const IPV6_CLASS: Record<string, AddressClass> = {
  unspecified: 'unspecified',
  linkLocal: 'link-local',
  multicast: 'multicast',
  loopback: 'loopback',
  uniqueLocal: 'private',
  deprecatedSiteLocal: 'private',
  discard: 'reserved',
  benchmarking: 'reserved',
  deprecatedOrchid: 'reserved',
  orchid2: 'reserved',
  droneRemoteIdProtocolEntityTags: 'reserved',
  segmentRouting: 'reserved',
  reserved: 'reserved',
  as112v6: 'public',
  amt: 'public',
  unicast: 'public',
};

function v4FromWords(hi: number, lo: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

/** The IPv4 address an IPv6 address stands for, where its range embeds one. */
function embeddedV4(ip: ipaddr.IPv6, range: string): ipaddr.IPv4 | undefined {
  const p = ip.parts;
  switch (range) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d (IPv4-translated)
      return v4FromWords(p[6]!, p[7]!);
    case 'rfc6052': // 64:ff9b::a.b.c.d (well-known NAT64 prefix); the local-use /48 is handled below
      return p[2] === 0 ? v4FromWords(p[6]!, p[7]!) : undefined;
    case '6to4': // 2002:AABB:CCDD::/48
      return v4FromWords(p[1]!, p[2]!);
    case 'teredo': // 2001:0:server:flags:port:client, client address stored inverted
      return v4FromWords(p[6]! ^ 0xffff, p[7]! ^ 0xffff);
    default:
      // ::a.b.c.d, the deprecated IPv4-compatible form: the first 96 bits zero (not :: or ::1).
      if (p.slice(0, 6).every((w) => w === 0) && (p[6] !== 0 || p[7]! > 1)) return v4FromWords(p[6]!, p[7]!);
      return undefined;
  }
}

function classifyV4(ip: ipaddr.IPv4): { class: AddressClass; range: string } {
  const range = ip.range();
  return { class: IPV4_CLASS[range] ?? 'reserved', range };
}

/** Classify one address (IPv4 or IPv6, brackets allowed). Unparsable input is `reserved`. */
export function classifyAddress(address: string): AddressClass {
  return describeAddress(address).class;
}

/** Classify one address, with the range that decided it and any embedded IPv4 address. */
export function describeAddress(address: string): AddressInfo {
  const bare = address.replace(/^\[|\]$/g, '');
  // The IPv6 zone (`%eth0`) is cut by index: `/%.*$/` retries every `%` of a hostile string.
  const text = bare.includes('%') ? bare.slice(0, bare.indexOf('%')) : bare;
  // ipaddr.js also reads the inet_aton forms (2130706433, 0x7f000001, 0177.0.0.1, 127.1) as the address
  // they mean, so a form that slipped past the URL parser is still judged by what it reaches.
  if (!ipaddr.isValid(text)) return { address, class: 'reserved', range: 'invalid' };
  const ip = ipaddr.parse(text);
  if (ip.kind() === 'ipv4') return { address, ...classifyV4(ip as ipaddr.IPv4) };
  const v6 = ip as ipaddr.IPv6;
  const range = v6.range();
  if (range === 'rfc6052' && v6.parts[2] !== 0)
    // 64:ff9b:1::/48 is NAT64 for local use (RFC 8215): it leads into a private network.
    return { address, class: 'private', range: 'rfc8215' };
  const inner = embeddedV4(v6, range);
  if (inner) {
    const v4 = classifyV4(inner);
    if (range === 'teredo') {
      // Teredo also names its relay server; refuse if either side is not public.
      const server = classifyV4(v4FromWords(v6.parts[2]!, v6.parts[3]!));
      const worst = v4.class !== 'public' ? v4 : server;
      return { address, class: worst.class, range: `teredo/${worst.range}`, embedded: inner.toString() };
    }
    const form = range === 'unicast' ? 'ipv4Compatible' : range;
    return { address, class: v4.class, range: `${form}/${v4.range}`, embedded: inner.toString() };
  }
  return { address, class: IPV6_CLASS[range] ?? 'reserved', range };
}

/** `address:port` as written in {@link AddressPolicy.allowTargets} (IPv6 in brackets). */
export function targetKey(address: string, port: number | string): string {
  const bare = address.replace(/^\[|\]$/g, '');
  return bare.includes(':') ? `[${ipaddr.parse(bare).toString()}]:${port}` : `${bare}:${port}`;
}

/**
 * Undefined when `address` (on `port`) may be contacted under `policy`; otherwise the reason, e.g.
 * `loopback address 127.0.0.1`.
 */
export function addressRefusal(
  address: string,
  policy: AddressPolicy = {},
  port?: number | string,
): string | undefined {
  const info = describeAddress(address);
  if (info.class === 'public') return undefined;
  if (port !== undefined && policy.allowTargets?.length && info.range !== 'invalid') {
    if (policy.allowTargets.includes(targetKey(address, port))) return undefined;
  }
  const local = info.class === 'loopback' || info.class === 'unspecified';
  if (local && (policy.allowPrivate || policy.allowLoopback)) return undefined;
  if (info.class === 'private' && policy.allowPrivate) return undefined;
  const via = info.embedded ? ` (${info.range.split('/')[0]} form of ${info.embedded})` : '';
  return `${info.class} address ${address.replace(/^\[|\]$/g, '')}${via}`;
}
