/**
 * `RequestContext`: the condition keys of one request, each known (with its values), absent,
 * or unknown (IAM-SEMANTICS.md §5.2). Key names are case-insensitive, the tag-key part of
 * `aws:PrincipalTag/…`, `aws:RequestTag/…`, `aws:ResourceTag/…` included (§1.1).
 *
 * Precedence for one key: `unknown` > `known` > `absent` > `otherKeys`. A key both known and
 * listed as unknown is unknown (the conservative reading).
 */
import { dataRecord, setDataKey } from '../data-record.js';
import type {
  ContextLookup,
  ContextValue,
  RequestContextLike,
  RequestContextSpec,
} from './types.js';

const ABSENT: ContextLookup = Object.freeze({ kind: 'absent' });
const UNKNOWN: ContextLookup = Object.freeze({ kind: 'unknown' });

/** Values as strings; numbers and booleans (from JSON input) are converted, other types dropped. */
function toValues(value: unknown): readonly string[] {
  const list: readonly unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  const out: string[] = [];
  for (const v of list) {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
  }
  return Object.freeze(out);
}

export class RequestContext implements RequestContextLike {
  private readonly entries = new Map<string, ContextLookup>();
  private readonly other: (lowerCaseKey: string) => ContextLookup;
  private readonly spec: RequestContextSpec;

  constructor(spec: RequestContextSpec = {}) {
    this.spec = spec;
    for (const [key, value] of Object.entries(spec.known ?? {})) {
      this.entries.set(
        key.toLowerCase(),
        Object.freeze({ kind: 'known', values: toValues(value) }),
      );
    }
    for (const key of spec.absent ?? []) {
      const lower = key.toLowerCase();
      if (!this.entries.has(lower)) this.entries.set(lower, ABSENT);
    }
    for (const key of spec.unknown ?? []) this.entries.set(key.toLowerCase(), UNKNOWN);
    const otherKeys = spec.otherKeys ?? 'absent';
    if (otherKeys === 'absent') this.other = () => ABSENT;
    else if (otherKeys === 'unknown') this.other = () => UNKNOWN;
    else this.other = (k) => (otherKeys(k) ? UNKNOWN : ABSENT);
  }

  /** What the request says about `key` (case-insensitive). */
  lookup(key: string): ContextLookup {
    return this.lookupLowerCase(key.toLowerCase());
  }

  lookupLowerCase(lowerCaseKey: string): ContextLookup {
    return this.entries.get(lowerCaseKey) ?? this.other(lowerCaseKey);
  }

  /**
   * A context with `spec`'s keys added on top of this one's (its `known` / `absent` / `unknown`
   * keys replace this context's entries for the same keys; its `otherKeys`, if given, replaces
   * this one's).
   */
  extend(spec: RequestContextSpec): RequestContext {
    const known = dataRecord<ContextValue>();
    const absent: string[] = [];
    const unknown: string[] = [];
    const overridden = new Set(
      [...Object.keys(spec.known ?? {}), ...(spec.absent ?? []), ...(spec.unknown ?? [])].map((k) =>
        k.toLowerCase(),
      ),
    );
    for (const [key, entry] of this.entries) {
      if (overridden.has(key)) continue;
      if (entry.kind === 'known') setDataKey(known, key, entry.values);
      else if (entry.kind === 'absent') absent.push(key);
      else unknown.push(key);
    }
    for (const [key, values] of Object.entries(spec.known ?? {})) setDataKey(known, key, values);
    return new RequestContext({
      known,
      absent: [...absent, ...(spec.absent ?? [])],
      unknown: [...unknown, ...(spec.unknown ?? [])],
      otherKeys: spec.otherKeys ?? this.spec.otherKeys ?? 'absent',
    });
  }
}
