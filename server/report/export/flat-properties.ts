/**
 * Flattens node and edge attributes of the access graph into property maps that graph databases
 * accept: every value a string, number, boolean or a homogeneous list of strings. Objects become
 * lists of readable strings (tags and OIDC claims as `key=value`, evidence as its sentences), so
 * that attributes added to the graph later are exported without a change here.
 *
 * Contract: the result never holds a nested object, `null` or `undefined`, and every list holds
 * strings only. Property names are the attribute names (camelCase, ASCII) — data never becomes a
 * property name, so a tag key such as `__proto__` stays a value.
 */
import type { Evidence } from '../../../shared/authorize/types.js';

export type FlatValue = string | number | boolean | string[];
export type FlatProperties = Map<string, FlatValue>;

/** Evidence as one sentence per entry, prefixed with its role (`grants: …`). */
function evidenceLines(list: readonly Evidence[]): string[] {
  return list.map((e) => `${e.role}: ${e.reason}`);
}

function isEvidenceList(name: string, value: readonly unknown[]): boolean {
  return (
    name === 'evidence' &&
    value.every((v) => typeof v === 'object' && v !== null && 'reason' in v && 'role' in v)
  );
}

function scalar(value: unknown): string | number | boolean | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  return undefined;
}

/** One value as text, for list elements and object entries. */
function asText(value: unknown): string {
  const s = scalar(value);
  if (s !== undefined) return String(s);
  if (Array.isArray(value)) return value.map(asText).join(',');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return '';
}

/** Flattens one attribute value; `undefined` when there is nothing to export. */
export function flattenValue(name: string, value: unknown): FlatValue | undefined {
  if (value === undefined || value === null) return undefined;
  const s = scalar(value);
  if (s !== undefined) return s;
  if (Array.isArray(value)) {
    if (isEvidenceList(name, value)) return evidenceLines(value as readonly Evidence[]);
    return value.map(asText);
  }
  if (typeof value === 'object') {
    const out: string[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (Array.isArray(v)) for (const item of v) out.push(`${k}=${asText(item)}`);
      else out.push(`${k}=${asText(v)}`);
    }
    return out;
  }
  return undefined;
}

/** Every exportable attribute of `attributes`, flattened, in attribute order. */
export function flattenAttributes(
  attributes: object,
  omit: ReadonlySet<string> = new Set(),
): FlatProperties {
  const out: FlatProperties = new Map();
  for (const [name, value] of Object.entries(attributes)) {
    if (omit.has(name)) continue;
    const flat = flattenValue(name, value);
    if (flat !== undefined) out.set(name, flat);
  }
  return out;
}

/** `can-assume` → `CanAssume`; `sso-user` → `SsoUser`. */
export function pascalCase(kebab: string): string {
  return kebab
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
