/**
 * ARN patterns, matched per colon-delimited segment (IAM-SEMANTICS.md §5.1 ARN operators, §6
 * step 3): `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`. In the first five segments a
 * wildcard never spans a `:`; the resource part is everything after the fifth colon, where `*`
 * spans `/` and `:` alike. Case-sensitive.
 */
import { Glob, type GlobPart } from './wildcard.js';

/** Splits pattern parts at the first five colons: five segments and the resource part. */
function splitParts(parts: readonly GlobPart[]): GlobPart[][] | undefined {
  const segments: GlobPart[][] = [[]];
  const current = (): GlobPart[] => segments[segments.length - 1] as GlobPart[];
  for (const part of parts) {
    const text = typeof part === 'string' ? part : part.literal;
    let from = 0;
    while (segments.length < 6) {
      const colon = text.indexOf(':', from);
      if (colon < 0) break;
      const piece = text.slice(from, colon);
      current().push(typeof part === 'string' ? piece : { literal: piece });
      segments.push([]);
      from = colon + 1;
    }
    const rest = text.slice(from);
    if (rest !== '') current().push(typeof part === 'string' ? rest : { literal: rest });
  }
  return segments.length === 6 ? segments : undefined;
}

function partsText(parts: readonly GlobPart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : p.literal)).join('');
}

/** A compiled ARN pattern. */
export class ArnPattern {
  /** Literal `arn:…:ACCOUNT:` prefix when the first five segments have no wildcard. */
  private readonly prefix: string | undefined;
  private readonly heads: readonly Glob[];
  private readonly resource: Glob;
  /** The segment texts as written (wildcards included), for validation. */
  readonly segmentTexts: readonly string[];

  private constructor(segments: GlobPart[][]) {
    this.segmentTexts = Object.freeze(segments.map(partsText));
    const globs = segments.map((s) => Glob.fromParts(s));
    this.heads = globs.slice(0, 5);
    this.resource = globs[5] as Glob;
    this.prefix = this.heads.every((g) => g.isLiteral)
      ? this.segmentTexts.slice(0, 5).join(':') + ':'
      : undefined;
  }

  /** Compiles a pattern; undefined when it has fewer than six colon-delimited segments. */
  static fromParts(parts: readonly GlobPart[]): ArnPattern | undefined {
    const segments = splitParts(parts);
    return segments === undefined ? undefined : new ArnPattern(segments);
  }

  /**
   * Compiles a pattern without policy variables. Patterns are immutable and shared by text: the
   * same resource ARNs recur in many policies of one account.
   */
  static compile(pattern: string): ArnPattern | undefined {
    let compiled = SHARED.get(pattern);
    if (compiled === undefined) {
      compiled = ArnPattern.fromParts([pattern]) ?? null;
      if (SHARED.size >= SHARED_LIMIT) SHARED.clear();
      SHARED.set(pattern, compiled);
    }
    return compiled ?? undefined;
  }

  /** Whether `arn` (an ARN with at least six segments) matches; false for anything else. */
  test(arn: string): boolean {
    if (this.prefix !== undefined) {
      return (
        arn.startsWith(this.prefix) && this.resource.testRange(arn, this.prefix.length, arn.length)
      );
    }
    let start = 0;
    for (let i = 0; i < 5; i++) {
      const colon = arn.indexOf(':', start);
      if (colon < 0) return false;
      if (!(this.heads[i] as Glob).testRange(arn, start, colon)) return false;
      start = colon + 1;
    }
    return this.resource.testRange(arn, start, arn.length);
  }
}

/** Compiled patterns by text (null: not an ARN pattern); bounded like the shared globs. */
const SHARED = new Map<string, ArnPattern | null>();
const SHARED_LIMIT = 100_000;
