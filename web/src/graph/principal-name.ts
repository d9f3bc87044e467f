/**
 * A principal as a reviewer reads it: its name and its account ("DatadogIntegrationRole ·
 * prod-app"), and identical names folded into one row ("DatadogIntegrationRole in 35 accounts").
 * Pure.
 */
import { parseArn } from '../../../shared/arn/parse-arn.js';
import { nameOfKey } from './node-name.js';

/** The 12-digit account a key belongs to, if any (never a service, `*` or a bucket). */
export function accountOfKey(key: string): string | undefined {
  const id = parseArn(key)?.accountId;
  return id !== undefined && /^\d{12}$/.test(id) ? id : undefined;
}

/**
 * `name · account`: the account's name when `accountNames` knows it (the organization's name of
 * the account, a vendor's name), else its id. Keys without an account keep their name alone; an
 * account keeps its name, and one shown by its bare id gets its known name after it
 * (`464622532012 (Datadog)`, as the side panel's Account field and the findings say it).
 */
export function principalName(
  key: string,
  accountNames: ReadonlyMap<string, string>,
  label?: string,
  vendor?: string,
): string {
  const name = label ?? nameOfKey(key, vendor);
  const account = accountOfKey(key);
  if (account === undefined) return name;
  if (key.endsWith(':root')) {
    const known = accountNames.get(account);
    return name === account && known !== undefined && known !== account
      ? `${account} (${known})`
      : name;
  }
  return `${name} · ${accountNames.get(account) ?? account}`;
}

export interface NameGroup<T> {
  /** The shared name (without account). */
  name: string;
  items: T[];
}

/**
 * Items in groups of the same name, in first-seen order: a name seen `min` times or more is one
 * group; the others are groups of one.
 */
export function groupByName<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
  min = 3,
): NameGroup<T>[] {
  const byName = new Map<string, T[]>();
  for (const item of items) {
    const name = nameOf(item);
    const list = byName.get(name);
    if (list === undefined) byName.set(name, [item]);
    else list.push(item);
  }
  const out: NameGroup<T>[] = [];
  for (const [name, list] of byName) {
    if (list.length >= min) out.push({ name, items: list });
    else for (const item of list) out.push({ name, items: [item] });
  }
  return out;
}
