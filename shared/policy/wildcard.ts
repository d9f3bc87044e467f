/**
 * IAM wildcard matching (IAM-SEMANTICS.md §3.2, §5.1): `*` matches any run of characters,
 * including none and including `/` and `:`; `?` matches exactly one character (one UTF-16 code
 * unit). Everything else is compared literally and case-sensitively; callers that need
 * case-insensitivity lower-case both sides.
 *
 * A pattern is compiled once into literal segments separated by `*`; matching builds no regex
 * and allocates nothing, and runs in O(n·m) at worst (leftmost placement of each middle segment
 * is exact for this pattern language because every segment has a fixed length).
 */

/**
 * A piece of a pattern: a string whose `*` and `?` are wildcards, or a literal (text substituted
 * from a policy variable, or `${*}` / `${?}` / `${$}`), in which they are ordinary characters.
 */
export type GlobPart = string | { readonly literal: string };

interface Segment {
  readonly text: string;
  /** `mask[i] === 1` where the pattern has the `?` wildcard; null when there is none. */
  readonly mask: Uint8Array | null;
}

const Kind = { Exact: 0, Any: 1, Prefix: 2, Suffix: 3, General: 4 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

/** A compiled wildcard pattern. */
export class Glob {
  private readonly kind: Kind;
  private readonly segments: readonly Segment[];
  private readonly minLength: number;

  private constructor(segments: readonly Segment[], starCount: number) {
    this.segments = segments;
    this.minLength = segments.reduce((n, s) => n + s.text.length, 0);
    const first = segments[0];
    const last = segments[segments.length - 1];
    const noMask = segments.every((s) => s.mask === null);
    if (starCount === 0) this.kind = Kind.Exact;
    else if (this.minLength === 0) this.kind = Kind.Any;
    else if (noMask && segments.length === 2 && last?.text === '') this.kind = Kind.Prefix;
    else if (noMask && segments.length === 2 && first?.text === '') this.kind = Kind.Suffix;
    else this.kind = Kind.General;
  }

  /**
   * Compiles a pattern given as parts (see `GlobPart`). Globs are immutable, so a pattern made of
   * wildcard text only is shared: the policies of a large organization repeat the same segments
   * (`arn`, `aws`, `s3`, account ids, `*`) hundreds of thousands of times.
   */
  static fromParts(parts: readonly GlobPart[]): Glob {
    if (parts.length === 0) return Glob.compile('');
    if (parts.length === 1 && typeof parts[0] === 'string') return Glob.compile(parts[0]);
    return Glob.build(parts);
  }

  private static build(parts: readonly GlobPart[]): Glob {
    // Segment text is gathered as slices and joined once: appending character by character
    // would leave a chain of rope strings per pattern, kept alive for as long as the policy.
    const segments: Segment[] = [];
    let chunks: string[] = [];
    let length = 0;
    let mask: number[] | null = null;
    let stars = 0;
    const close = (): void => {
      segments.push({
        text: chunks.length === 1 ? (chunks[0] as string) : chunks.join(''),
        mask: mask === null ? null : Uint8Array.from(mask),
      });
      chunks = [];
      length = 0;
      mask = null;
    };
    const literal = (text: string): void => {
      if (text === '') return;
      chunks.push(text);
      length += text.length;
      if (mask !== null) for (let i = 0; i < text.length; i++) mask.push(0);
    };
    for (const part of parts) {
      if (typeof part !== 'string') {
        literal(part.literal);
        continue;
      }
      let from = 0;
      for (let i = 0; i < part.length; i++) {
        const unit = part.charCodeAt(i);
        if (unit !== STAR && unit !== QUESTION) continue;
        literal(part.slice(from, i));
        from = i + 1;
        if (unit === STAR) {
          // Consecutive stars are one star: an empty middle segment would match anywhere.
          if (stars > 0 && length === 0 && segments.length > 0) continue;
          stars++;
          close();
        } else {
          mask ??= new Array<number>(length).fill(0);
          mask.push(1);
          chunks.push('?');
          length += 1;
        }
      }
      literal(part.slice(from));
    }
    close();
    // An exact-size copy: a list grown by `push` keeps spare slots for as long as the policy.
    return new Glob(segments.slice(), stars);
  }

  /** Compiles a pattern whose `*` and `?` are all wildcards (shared, see `fromParts`). */
  static compile(pattern: string): Glob {
    let glob = SHARED.get(pattern);
    if (glob === undefined) {
      glob = Glob.build([pattern]);
      if (SHARED.size >= SHARED_LIMIT) SHARED.clear();
      SHARED.set(pattern, glob);
    }
    return glob;
  }

  /** Whether the pattern has no wildcard at all. */
  get isLiteral(): boolean {
    return this.kind === Kind.Exact && this.segments[0]?.mask === null;
  }

  /** Whether the pattern matches everything (`*`, `**`, …). */
  get matchesAll(): boolean {
    return this.kind === Kind.Any;
  }

  /** Whether the whole of `s` matches. */
  test(s: string): boolean {
    return this.testRange(s, 0, s.length);
  }

  /** Whether `s.slice(start, end)` matches, without slicing. */
  testRange(s: string, start: number, end: number): boolean {
    const len = end - start;
    const segs = this.segments;
    switch (this.kind) {
      case Kind.Any:
        return true;
      case Kind.Exact: {
        const seg = segs[0] as Segment;
        return len === seg.text.length && matchAt(s, start, seg);
      }
      case Kind.Prefix: {
        const seg = segs[0] as Segment;
        return len >= seg.text.length && s.startsWith(seg.text, start);
      }
      case Kind.Suffix: {
        const seg = segs[1] as Segment;
        return len >= seg.text.length && s.startsWith(seg.text, end - seg.text.length);
      }
      case Kind.General:
        return this.general(s, start, end);
    }
  }

  private general(s: string, start: number, end: number): boolean {
    if (end - start < this.minLength) return false;
    const segs = this.segments;
    const n = segs.length;
    const first = segs[0] as Segment;
    const last = segs[n - 1] as Segment;
    if (!matchAt(s, start, first)) return false;
    const lastStart = end - last.text.length;
    if (!matchAt(s, lastStart, last)) return false;
    let pos = start + first.text.length;
    for (let i = 1; i < n - 1; i++) {
      const seg = segs[i] as Segment;
      const at = find(s, seg, pos, lastStart);
      if (at < 0) return false;
      pos = at + seg.text.length;
    }
    return pos <= lastStart;
  }
}

/**
 * Compiled patterns by text. Bounded, so that a long-running server that analyses scan after
 * scan keeps at most this many; sharing is an optimisation, never needed for correctness.
 */
const SHARED = new Map<string, Glob>();
const SHARED_LIMIT = 200_000;

/** Splits a string into UTF-16 code units as strings (so `?` is one code unit on both sides). */
const STAR = 42; // '*'
const QUESTION = 63; // '?'

function matchAt(s: string, at: number, seg: Segment): boolean {
  const { text, mask } = seg;
  if (mask === null) return s.startsWith(text, at);
  if (at < 0 || at + text.length > s.length) return false;
  for (let i = 0; i < text.length; i++) {
    if (mask[i] === 0 && s.charCodeAt(at + i) !== text.charCodeAt(i)) return false;
  }
  return true;
}

/** Leftmost position p in [from, limit - len] where `seg` matches, or -1. */
function find(s: string, seg: Segment, from: number, limit: number): number {
  const len = seg.text.length;
  if (seg.mask === null) {
    const at = s.indexOf(seg.text, from);
    return at >= 0 && at + len <= limit ? at : -1;
  }
  for (let p = from; p + len <= limit; p++) if (matchAt(s, p, seg)) return p;
  return -1;
}

/** A compiled pattern as a predicate; see `compileWildcard`. */
export type WildcardMatcher = (value: string) => boolean;

/**
 * Compiles an IAM wildcard pattern (`*` any run, `?` one character) into a predicate.
 * With `ignoreCase`, pattern and value are compared lower-cased (the action rule, §1.1).
 */
export function compileWildcard(
  pattern: string,
  options: { ignoreCase?: boolean } = {},
): WildcardMatcher {
  if (options.ignoreCase === true) {
    const glob = Glob.compile(pattern.toLowerCase());
    return (value) => glob.test(value.toLowerCase());
  }
  const glob = Glob.compile(pattern);
  return (value) => glob.test(value);
}

/** Whether a string contains a wildcard character. */
export function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}
