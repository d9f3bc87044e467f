/**
 * IP address condition operators (IAM-SEMANTICS.md §5.1): `IpAddress` / `NotIpAddress` with
 * IPv4 and IPv6 CIDR blocks; a bare address means `/32` (IPv4) or `/128` (IPv6). An IPv4 value
 * never matches an IPv6 block and vice versa. A request value that is not an address matches
 * nothing.
 */
import { partsToString } from '../policy-variables.js';
import type { GlobPart } from '../wildcard.js';
import type { OperatorFamily, ValueMatcher } from './operator-family.js';

/** An address as 16-bit words (2 for IPv4, 8 for IPv6) plus a prefix length in bits. */
export interface Cidr {
  readonly v6: boolean;
  readonly words: readonly number[];
  readonly prefix: number;
}

function parseV4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  const [a = 0, b = 0, c = 0, d = 0] = bytes;
  return [(a << 8) | b, (c << 8) | d];
}

function parseV6(text: string): number[] | undefined {
  let head = text;
  let tailWords: number[] = [];
  // An embedded IPv4 tail (`::ffff:192.0.2.1`) stands for the last two words.
  const lastColon = head.lastIndexOf(':');
  if (head.includes('.')) {
    if (lastColon < 0) return undefined;
    const v4 = parseV4(head.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tailWords = v4;
    head =
      head.charAt(lastColon - 1) === ':' ? head.slice(0, lastColon + 1) : head.slice(0, lastColon);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = parseGroups(halves[0] ?? '');
  const right = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (left === undefined || right === undefined) return undefined;
  const explicit = left.length + right.length + tailWords.length;
  if (halves.length === 1) {
    return explicit === 8 ? [...left, ...tailWords] : undefined;
  }
  if (explicit > 7) return undefined;
  return [...left, ...Array.from({ length: 8 - explicit }, () => 0), ...right, ...tailWords];
}

/** Parses an address or CIDR block; undefined when invalid. */
export function parseCidr(text: string): Cidr | undefined {
  const t = text.trim();
  const slash = t.indexOf('/');
  const addr = slash < 0 ? t : t.slice(0, slash);
  const v6 = addr.includes(':');
  const words = v6 ? parseV6(addr) : parseV4(addr);
  if (words === undefined) return undefined;
  const max = v6 ? 128 : 32;
  let prefix = max;
  if (slash >= 0) {
    const p = t.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > max) return undefined;
    prefix = Number(p);
  }
  return { v6, words, prefix };
}

/** Whether `inner` (an address or block) lies inside `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.v6 !== inner.v6 || inner.prefix < outer.prefix) return false;
  let bits = outer.prefix;
  for (let i = 0; i < outer.words.length && bits > 0; i++) {
    const take = Math.min(16, bits);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((outer.words[i] ?? 0) & mask) !== ((inner.words[i] ?? 0) & mask)) return false;
    bits -= take;
  }
  return true;
}

// One-entry memo: one request value is tested against many blocks in a row.
let lastText = '';
let lastParsed: Cidr | undefined;
function parseRequestValue(text: string): Cidr | undefined {
  if (text !== lastText) {
    lastText = text;
    lastParsed = parseCidr(text);
  }
  return lastParsed;
}

function compileIp(parts: readonly GlobPart[]): ValueMatcher | string {
  const block = parseCidr(partsToString(parts));
  if (block === undefined) return 'expected an IPv4 or IPv6 address or CIDR block';
  return {
    test: (r) => {
      const addr = parseRequestValue(r);
      return addr !== undefined && cidrContains(block, addr);
    },
  };
}

export const IP_ADDRESS_OPERATORS: OperatorFamily = {
  name: 'IpAddress',
  operators: {
    ipaddress: { positive: 'ipaddress', negated: false },
    notipaddress: { positive: 'ipaddress', negated: true },
  },
  variables: false,
  compile: compileIp,
};
