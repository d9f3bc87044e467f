/**
 * A compiled policy value of a condition: a matcher fixed at compile time, or a template with
 * policy variables that is resolved per request (IAM-SEMANTICS.md §1). Resolved templates are
 * compiled once per distinct substitution and cached, so evaluation builds no pattern twice.
 */
import { resolveTemplate, UNRESOLVED, type Template } from '../policy-variables.js';
import type { RequestContextLike } from '../types.js';
import type { GlobPart } from '../wildcard.js';
import type { OperatorFamily, ValueMatcher } from './operator-family.js';

const NEVER: ValueMatcher = { test: () => false };
const CACHE_LIMIT = 256;

function cacheKey(parts: readonly GlobPart[]): string {
  let key = '';
  for (const p of parts) key += typeof p === 'string' ? `\u0001${p}` : `\u0002${p.literal}`;
  return key;
}

export class TemplateValue {
  private readonly cache = new Map<string, ValueMatcher>();

  constructor(
    readonly template: Template,
    private readonly family: OperatorFamily,
    private readonly positive: string,
  ) {}

  /**
   * The matcher for this request, `null` when a variable is absent (the value matches nothing),
   * or `UNRESOLVED` (its unknown keys pushed onto `unknownKeys`).
   */
  resolve(
    context: RequestContextLike,
    unknownKeys: string[],
  ): ValueMatcher | null | typeof UNRESOLVED {
    const parts = resolveTemplate(this.template, context, unknownKeys);
    if (parts === null || parts === UNRESOLVED) return parts;
    const key = cacheKey(parts);
    let matcher = this.cache.get(key);
    if (matcher === undefined) {
      const compiled = this.family.compile(parts, this.positive);
      matcher = typeof compiled === 'string' ? NEVER : compiled;
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(key, matcher);
    }
    return matcher;
  }
}

export type CompiledValue = ValueMatcher | TemplateValue;
