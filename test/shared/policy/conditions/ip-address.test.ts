import { describe, expect, it } from 'vitest';
import {
  cidrContains,
  IP_ADDRESS_OPERATORS,
  parseCidr,
} from '../../../../shared/policy/conditions/ip-address.js';

const within = (block: string, addr: string): boolean => {
  const m = IP_ADDRESS_OPERATORS.compile([block], 'ipaddress');
  if (typeof m === 'string') throw new Error(m);
  return m.test(addr);
};

describe('IP address operators', () => {
  it.each([
    ['10.0.0.0/8', '10.255.1.2', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['0.0.0.0/0', '198.51.100.1', true],
    ['203.0.113.5', '203.0.113.5', true],
    ['203.0.113.5/32', '203.0.113.4', false],
    ['203.0.113.7/24', '203.0.113.200', true], // host bits in the block are masked
    ['192.0.2.0/25', '192.0.2.128', false],
    ['2001:db8::/32', '2001:DB8:FFFF::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['::/0', '::1', true],
    ['::1/128', '::1', true],
    ['fe80::/10', 'febf:ffff::1', true],
    ['fe80::/10', 'fec0::1', false],
    ['::ffff:0:0/96', '::ffff:192.0.2.1', true],
    ['64:ff9b::/96', '64:ff9b::192.0.2.33', true],
    ['10.0.0.0/8', '::ffff:10.0.0.1', false], // IPv4 blocks never match IPv6 values
    ['10.0.0.0/8', 'not-an-ip', false],
    ['10.0.0.0/8', '10.0.0.0/16', true], // a request range inside the block
    ['10.0.0.0/16', '10.0.0.0/8', false],
  ])('%s contains %s: %s', (block, addr, want) => {
    expect(within(block, addr)).toBe(want);
  });

  it.each([
    '256.0.0.1',
    '1.2.3',
    '1.2.3.4/33',
    '1.2.3.4/-1',
    '2001:db8::/129',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '12345::',
    '::ffff:300.1.1.1',
    '',
  ])('rejects %s as a policy value', (text) => {
    expect(parseCidr(text)).toBeUndefined();
    expect(typeof IP_ADDRESS_OPERATORS.compile([text], 'ipaddress')).toBe('string');
  });

  it('parses full and compressed IPv6 forms to the same words', () => {
    const a = parseCidr('2001:0db8:0000:0000:0000:0000:0000:0001');
    const b = parseCidr('2001:db8::1');
    expect(a?.words).toEqual(b?.words);
    expect(a?.prefix).toBe(128);
  });

  it('compares prefixes bit by bit across word boundaries', () => {
    const outer = parseCidr('2001:db8:8000::/33')!;
    expect(cidrContains(outer, parseCidr('2001:db8:ffff::1')!)).toBe(true);
    expect(cidrContains(outer, parseCidr('2001:db8:7fff::1')!)).toBe(false);
  });
});
