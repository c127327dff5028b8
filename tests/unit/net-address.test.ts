/**
 * The address table of the guarded fetcher: every class, the IPv6 forms that carry an IPv4 address, the
 * inet_aton spellings, and what each policy lets through.
 */
import { describe, expect, it } from 'vitest';
import {
  type AddressClass,
  addressRefusal,
  classifyAddress,
  describeAddress,
  targetKey,
} from '../../src/net/index.ts';

const TABLE: [string, AddressClass][] = [
  // IPv4
  ['8.8.8.8', 'public'],
  ['1.1.1.1', 'public'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['172.32.0.1', 'public'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'private'], // CGNAT
  ['100.127.255.255', 'private'],
  ['100.128.0.1', 'public'],
  ['169.254.169.254', 'link-local'], // cloud metadata
  ['169.254.0.1', 'link-local'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.10', 'reserved'], // documentation
  ['198.18.0.1', 'reserved'], // benchmarking
  // inet_aton spellings of 127.0.0.1 (the URL parser normalises these; the table must not depend on it)
  ['2130706433', 'loopback'],
  ['0x7f000001', 'loopback'],
  ['0177.0.0.1', 'loopback'],
  ['127.1', 'loopback'],
  // IPv6
  ['2606:4700:4700::1111', 'public'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['::', 'unspecified'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['fc00::1', 'private'],
  ['fd12:3456::1', 'private'],
  ['fec0::1', 'private'], // deprecated site-local
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  ['100::1', 'reserved'], // discard prefix
  // IPv4 inside IPv6
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['[::ffff:7f00:1]', 'loopback'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:169.254.169.254', 'link-local'],
  ['::ffff:8.8.8.8', 'public'],
  ['::ffff:0:7f00:1', 'loopback'], // IPv4-translated
  ['::7f00:1', 'loopback'], // deprecated IPv4-compatible
  ['64:ff9b::7f00:1', 'loopback'], // NAT64
  ['64:ff9b::a9fe:a9fe', 'link-local'],
  ['64:ff9b::808:808', 'public'],
  ['64:ff9b:1::1', 'private'], // local-use NAT64
  ['2002:7f00:1::1', 'loopback'], // 6to4
  ['2002:a00:1::1', 'private'],
  ['2002:808:808::1', 'public'],
  ['2001:0:808:808::80ff:fefe', 'loopback'], // Teredo, client 127.0.1.1 stored inverted
  ['2001:0:a00:1::f7f7:f7f7', 'private'], // Teredo server 10.0.0.1
  ['2001:0:808:808::f7f7:f7f7', 'public'], // server 8.8.8.8, client 8.8.8.8
  // not an address at all
  ['example.in', 'reserved'],
  ['', 'reserved'],
];

describe('address classification', () => {
  it.each(TABLE)('%s is %s', (address, cls) => {
    expect(classifyAddress(address)).toBe(cls);
  });

  it('names the embedded IPv4 address', () => {
    expect(describeAddress('::ffff:7f00:1')).toMatchObject({
      range: 'ipv4Mapped/loopback',
      embedded: '127.0.0.1',
    });
    expect(describeAddress('64:ff9b::a9fe:a9fe')).toMatchObject({
      range: 'rfc6052/linkLocal',
      embedded: '169.254.169.254',
    });
    expect(describeAddress('100.64.0.1').range).toBe('carrierGradeNat');
  });
});

describe('address policy', () => {
  it('refuses everything but public addresses by default', () => {
    expect(addressRefusal('8.8.8.8')).toBeUndefined();
    expect(addressRefusal('127.0.0.1')).toBe('loopback address 127.0.0.1');
    expect(addressRefusal('::ffff:7f00:1')).toBe(
      'loopback address ::ffff:7f00:1 (ipv4Mapped form of 127.0.0.1)',
    );
    for (const a of ['10.0.0.1', '100.64.0.1', '169.254.169.254', '0.0.0.0', '::', 'fc00::1', '224.0.0.1'])
      expect(addressRefusal(a), a).toBeDefined();
  });

  it('allowPrivate opens private, loopback and unspecified, never link-local, multicast or reserved', () => {
    const p = { allowPrivate: true };
    for (const a of [
      '10.0.0.1',
      '100.64.0.1',
      '127.0.0.1',
      '::1',
      '0.0.0.0',
      'fd00::1',
      '::ffff:192.168.0.1',
    ])
      expect(addressRefusal(a, p), a).toBeUndefined();
    for (const a of ['169.254.169.254', 'fe80::1', '::ffff:169.254.169.254', '224.0.0.1', '240.0.0.1'])
      expect(addressRefusal(a, p), a).toBeDefined();
  });

  it('allowLoopback opens loopback only', () => {
    const p = { allowLoopback: true };
    expect(addressRefusal('127.0.0.1', p)).toBeUndefined();
    expect(addressRefusal('::ffff:127.0.0.1', p)).toBeUndefined();
    expect(addressRefusal('10.0.0.1', p)).toBeDefined();
  });

  it('allowTargets opens exactly one address and port', () => {
    const p = { allowTargets: [targetKey('127.0.0.1', 8080), targetKey('::1', 9090)] };
    expect(p.allowTargets).toEqual(['127.0.0.1:8080', '[::1]:9090']);
    expect(addressRefusal('127.0.0.1', p, 8080)).toBeUndefined();
    expect(addressRefusal('127.0.0.1', p, 8081)).toBeDefined();
    expect(addressRefusal('127.0.0.2', p, 8080)).toBeDefined();
    expect(addressRefusal('0:0:0:0:0:0:0:1', p, 9090)).toBeUndefined();
    expect(addressRefusal('127.0.0.1', p)).toBeDefined(); // no port, no match
  });
});
