/**
 * Reading one resource change of `terraform show -json`: its `after` values with their
 * `after_unknown` mask (a value known only at apply time is `true` in the mask and absent or
 * null in `after`), and policy documents as the AWS provider writes them (JSON strings) or as
 * objects.
 */
import { decodePolicyDocument } from '../../snapshot/decode-policy-document.js';
import type { PolicyJson } from '../../snapshot/types.js';
import { WhatIfInputError } from '../errors.js';

/** A value of the plan: known (possibly null) or known only after apply. */
export type PlanValue<T> = { known: true; value: T } | { known: false };

const UNKNOWN: PlanValue<never> = { known: false };

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The values of one side (`before` / `after`) of a resource change, with the unknown mask. */
export class PlanValues {
  constructor(
    readonly address: string,
    private readonly values: Record<string, unknown>,
    private readonly unknown: unknown,
    /** Prefix of field names in messages, for nested blocks (`inline_policy[0].`). */
    private readonly prefix = '',
  ) {}

  private unknownMask(field: string): unknown {
    return isRecord(this.unknown) ? this.unknown[field] : undefined;
  }

  /** The field is unknown until apply (wholly, or in part for lists and blocks). */
  isUnknown(field: string): boolean {
    const m = this.unknownMask(field);
    return m === true || containsTrue(m);
  }

  /** The raw value (undefined when absent). */
  raw(field: string): unknown {
    return this.values[field];
  }

  /** A string field; null and absent are `value: undefined`. */
  string(field: string): PlanValue<string | undefined> {
    if (this.unknownMask(field) === true) return UNKNOWN;
    const v = this.values[field];
    if (v === undefined || v === null) return { known: true, value: undefined };
    if (typeof v !== 'string')
      throw new WhatIfInputError(
        `expected a string, got ${describe(v)}`,
        this.address,
        this.prefix + field,
      );
    return { known: true, value: v };
  }

  /** A list or set of strings; null and absent are `value: undefined`. */
  strings(field: string): PlanValue<string[] | undefined> {
    if (this.isUnknown(field)) return UNKNOWN;
    const v = this.values[field];
    if (v === undefined || v === null) return { known: true, value: undefined };
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
      throw new WhatIfInputError(
        `expected a list of strings, got ${describe(v)}`,
        this.address,
        this.prefix + field,
      );
    return { known: true, value: v };
  }

  /** A map of strings (tags). */
  stringMap(field: string): PlanValue<Record<string, string> | undefined> {
    if (this.isUnknown(field)) return UNKNOWN;
    const v = this.values[field];
    if (v === undefined || v === null) return { known: true, value: undefined };
    if (!isRecord(v) || !Object.values(v).every((s) => typeof s === 'string'))
      throw new WhatIfInputError(
        `expected a map of strings, got ${describe(v)}`,
        this.address,
        this.prefix + field,
      );
    const out: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, s] of Object.entries(v)) out[k] = s as string;
    return { known: true, value: out };
  }

  /** A number field. */
  number(field: string): PlanValue<number | undefined> {
    if (this.unknownMask(field) === true) return UNKNOWN;
    const v = this.values[field];
    if (v === undefined || v === null) return { known: true, value: undefined };
    if (typeof v !== 'number')
      throw new WhatIfInputError(
        `expected a number, got ${describe(v)}`,
        this.address,
        this.prefix + field,
      );
    return { known: true, value: v };
  }

  /** Nested blocks (a list of objects), each with its own unknown mask. */
  blocks(field: string): PlanValue<PlanValues[] | undefined> {
    const m = this.unknownMask(field);
    if (m === true) return UNKNOWN;
    const v = this.values[field];
    if (v === undefined || v === null) return { known: true, value: undefined };
    if (!Array.isArray(v) || !v.every(isRecord))
      throw new WhatIfInputError(
        `expected a list of blocks, got ${describe(v)}`,
        this.address,
        this.prefix + field,
      );
    const masks = Array.isArray(m) ? m : [];
    return {
      known: true,
      value: v.map(
        (b: Record<string, unknown>, i) =>
          new PlanValues(this.address, b, masks[i], `${this.prefix}${field}[${String(i)}].`),
      ),
    };
  }

  /**
   * A policy document (a JSON string as the provider writes it, or an object). Unknown until
   * apply → `known: false`; present but not a policy document → an input error naming the field.
   */
  policy(field: string): PlanValue<PolicyJson | undefined> {
    if (this.unknownMask(field) === true) return UNKNOWN;
    const v = this.values[field];
    if (v === undefined || v === null || v === '') return { known: true, value: undefined };
    return { known: true, value: decodeDocument(v, this.address, this.prefix + field) };
  }
}

/** Decodes a policy document or throws an input error naming `address` and `field`. */
export function decodeDocument(v: unknown, address: string, field: string): PolicyJson {
  if (typeof v !== 'string' && !isRecord(v))
    throw new WhatIfInputError(
      `expected a policy document (a JSON string or an object), got ${describe(v)}`,
      address,
      field,
    );
  const decoded = decodePolicyDocument(v);
  if (!decoded.ok)
    throw new WhatIfInputError(`not a policy document: ${decoded.reason}`, address, field);
  return decoded.document;
}

function containsTrue(m: unknown): boolean {
  if (m === true) return true;
  if (Array.isArray(m)) return m.some(containsTrue);
  if (isRecord(m)) return Object.values(m).some(containsTrue);
  return false;
}

/** A short description of a JSON value for messages (never its whole text). */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}
