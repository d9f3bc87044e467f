/**
 * Stable finding fingerprints: 64-bit FNV-1a over the UTF-8 bytes of the rule, the subject and
 * the discriminator, printed as 16 hex digits. Pure (no `node:crypto`), identical in Node and
 * the browser, and a function of those three strings only — never of evidence or edge order —
 * so a finding keeps its identity across scans. Not a security hash: collisions are harmless
 * beyond merging two findings' history, and at 64 bits they are negligible for this use.
 */

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;
const ENCODER = new TextEncoder();

/** FNV-1a, 64 bits, of the UTF-8 encoding of `text`, as 16 lower-case hex digits. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of ENCODER.encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * The fingerprint of a finding. The parts are length-prefixed (JSON), so `("a:b", "c")` and
 * `("a", "b:c")` differ.
 */
export function findingId(rule: string, subject: string, discriminator = ''): string {
  return fnv1a64(JSON.stringify([rule, subject, discriminator]));
}
