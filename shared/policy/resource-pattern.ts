/**
 * `Resource` / `NotResource` patterns (IAM-SEMANTICS.md §6 step 3, §1.1): `*`, or an ARN with
 * `*` / `?` inside its segments (`*` spans `/` in the resource part), never a wildcard in the
 * service segment; compared case-sensitively. Policy variables are substituted in
 * `"Version": "2012-10-17"` documents; an absent variable makes the entry match no resource.
 *
 * The case rule for resources is not documented by AWS (§12.4): matching stays case-sensitive,
 * and for IAM ARNs `caseMismatch` finds the pattern that differs only by case, for a warning.
 */
import { ArnPattern } from './arn-pattern.js';
import { parseTemplate, resolveTemplate, UNRESOLVED, type Template } from './policy-variables.js';
import { show } from './policy-issues.js';
import type { StatementScope } from './statement-scope.js';
import { FALSE, TRUE, UNKNOWN, type Truth } from './three-valued.js';
import type { RequestContextLike } from './types.js';
import type { GlobPart } from './wildcard.js';

const CACHE_LIMIT = 256;

type Entry =
  | { readonly kind: 'any'; readonly text: string }
  | {
      readonly kind: 'arn';
      readonly text: string;
      readonly pattern: ArnPattern;
      /** Lower-cased pattern, for the case-mismatch warning on IAM ARNs. */
      readonly lower: ArnPattern | undefined;
    }
  | {
      readonly kind: 'template';
      readonly text: string;
      readonly template: Template;
      readonly cache: Map<string, ArnPattern | null>;
    };

function cacheKey(parts: readonly GlobPart[]): string {
  let key = '';
  for (const p of parts) key += typeof p === 'string' ? `\u0001${p}` : `\u0002${p.literal}`;
  return key;
}

function resolveEntry(
  entry: Extract<Entry, { kind: 'template' }>,
  context: RequestContextLike,
  unknownKeys: string[],
): ArnPattern | null | typeof UNRESOLVED {
  const parts = resolveTemplate(entry.template, context, unknownKeys);
  if (parts === null || parts === UNRESOLVED) return parts;
  const key = cacheKey(parts);
  let pattern = entry.cache.get(key);
  if (pattern === undefined) {
    pattern = ArnPattern.fromParts(parts) ?? null;
    if (entry.cache.size >= CACHE_LIMIT) entry.cache.clear();
    entry.cache.set(key, pattern);
  }
  return pattern;
}

// One-entry memo: the same resource is checked against many statements in a row.
let lastResource = '';
let lastResourceLower = '';
function lowerResource(resource: string): string {
  if (resource !== lastResource) {
    lastResource = resource;
    lastResourceLower = resource.toLowerCase();
  }
  return lastResourceLower;
}

/** A compiled `Resource` / `NotResource` list. */
export class ResourceSet {
  /** Whether some entry is an IAM ARN pattern (the case-mismatch check applies). */
  readonly hasIamPatterns: boolean;
  /** Whether an entry is `*`: the set matches every resource. */
  readonly matchesAll: boolean;

  constructor(private readonly entries: readonly Entry[]) {
    this.hasIamPatterns = entries.some((e) => e.kind === 'arn' && e.lower !== undefined);
    this.matchesAll = entries.some((e) => e.kind === 'any');
  }

  /** OR over the entries; unknown when the only possible match depends on an unknown variable. */
  match(resource: string, context: RequestContextLike, unknownKeys: string[]): Truth {
    const mark = unknownKeys.length;
    let undecided = false;
    for (const e of this.entries) {
      let hit: boolean;
      if (e.kind === 'any') hit = true;
      else if (e.kind === 'arn') hit = e.pattern.test(resource);
      else {
        const p = resolveEntry(e, context, unknownKeys);
        if (p === UNRESOLVED) {
          undecided = true;
          continue;
        }
        hit = p !== null && p.test(resource);
      }
      if (hit) {
        if (unknownKeys.length !== mark) unknownKeys.length = mark;
        return TRUE;
      }
    }
    return undecided ? UNKNOWN : FALSE;
  }

  /** The first IAM pattern that matches `resource` only when both are lower-cased. */
  caseMismatch(resource: string): string | undefined {
    const lower = lowerResource(resource);
    for (const e of this.entries) {
      if (e.kind === 'arn' && e.lower?.test(lower) === true && !e.pattern.test(resource)) {
        return e.text;
      }
    }
    return undefined;
  }

  /** Whether some entry may match: literal entries are tested, variable entries may match. */
  mayMatch(resource: string): boolean {
    return this.entries.some(
      (e) => e.kind === 'any' || e.kind === 'template' || e.pattern.test(resource),
    );
  }

  /** Whether some entry without variables certainly matches. */
  surelyMatches(resource: string): boolean {
    return this.entries.some(
      (e) => e.kind === 'any' || (e.kind === 'arn' && e.pattern.test(resource)),
    );
  }
}

/**
 * Reads a `Resource` / `NotResource` element (a string or a list of strings). Invalid entries
 * are reported and left out. Returns the entries as written and the compiled set.
 */
export function compileResources(
  raw: unknown,
  path: string,
  scope: StatementScope,
): { texts: string[]; set: ResourceSet } {
  const list = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  const texts: string[] = [];
  const entries: Entry[] = [];
  if (list.length === 0) {
    scope.error('empty-resource', `${path} is an empty list; expected at least one resource`, path);
  }
  list.forEach((value, i) => {
    const at = Array.isArray(raw) ? `${path}[${i}]` : path;
    if (typeof value !== 'string') {
      scope.error('invalid-resource', `Expected a resource ARN or "*", found ${show(value)}`, at);
      return;
    }
    texts.push(value);
    if (value === '*') {
      entries.push({ kind: 'any', text: value });
      return;
    }
    const template = scope.variables ? parseTemplate(value) : undefined;
    const literalPattern = template === undefined ? ArnPattern.compile(value) : undefined;
    // Validate the shape on the text with variables left in place.
    const shape = literalPattern ?? ArnPattern.compile(value.replace(/\$\{[^}]*\}/g, 'x'));
    if (!value.startsWith('arn:') || shape === undefined) {
      scope.error(
        'invalid-resource',
        `Resource ${show(value)} must be "*" or an ARN "arn:partition:service:region:account:resource"`,
        at,
      );
      return;
    }
    const service = shape.segmentTexts[2] ?? '';
    if (service.includes('*') || service.includes('?')) {
      scope.error(
        'wildcard-in-service',
        `Resource ${show(value)} has a wildcard in its service segment; IAM does not allow one there`,
        at,
      );
    }
    if (template !== undefined) {
      entries.push({ kind: 'template', text: value, template, cache: new Map() });
    } else if (literalPattern !== undefined) {
      const lower = service === 'iam' ? ArnPattern.compile(value.toLowerCase()) : undefined;
      entries.push({ kind: 'arn', text: value, pattern: literalPattern, lower });
    }
  });
  return { texts, set: new ResourceSet(entries.slice()) };
}
