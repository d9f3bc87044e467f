/**
 * The answer of /api/reachable-from as the blast-radius view shows it: administrators first,
 * then allow before conditional, then the shortest paths; the accounts where the start becomes an
 * administrator from the query's `admin` list when the server sends it. Pure.
 */
import type { ReachableFromResponse } from '../../../shared/api/types.js';
import type { Hop } from '../../../shared/query/types.js';

/** One thing reached: a role, a bucket or another resource, with its path. */
export interface Reached {
  key: string;
  what: 'role' | 'bucket';
  accountId?: string;
  admin: boolean;
  decision: string;
  /** `read`, `write` … for a bucket. */
  action?: string;
  path: readonly Hop[];
}

/** An account where the start can become an administrator, and how. */
export interface AdminAccount {
  accountId: string;
  path: readonly Hop[];
}

export interface BlastAnswer {
  kind: 'found' | 'none' | 'truncated';
  /** Accounts where the start becomes an administrator through a path (the ones to review). */
  admin: AdminAccount[];
  /** Accounts where the start already is an administrator (e.g. an account of itself). */
  alreadyAdmin: string[];
  reached: Reached[];
  truncated: boolean;
}

function isHopList(value: unknown): value is Hop[] {
  return (
    Array.isArray(value) &&
    value.every((h) => typeof h === 'object' && h !== null && 'from' in h && 'to' in h)
  );
}

/**
 * The answer of /api/reachable-from as the view shows it. `admin` (accounts where the start
 * becomes an administrator, from privilege escalation too) is read when present; without it,
 * the administrator roles reached stand for their accounts.
 */
export function readBlastAnswer(answer: ReachableFromResponse): BlastAnswer {
  if (answer.kind === 'none')
    return { kind: 'none', admin: [], alreadyAdmin: [], reached: [], truncated: false };
  const reached: Reached[] = [
    ...answer.roles.map((r) => ({
      key: r.role,
      what: 'role' as const,
      ...(r.accountId === undefined ? {} : { accountId: r.accountId }),
      admin: r.admin,
      decision: r.decision,
      path: r.path,
    })),
    ...answer.buckets.map((b) => ({
      key: b.bucket,
      what: 'bucket' as const,
      ...(b.accountId === undefined ? {} : { accountId: b.accountId }),
      admin: false,
      decision: b.decision,
      action: b.action,
      path: b.path,
    })),
  ];
  // Administrators first, then allow before conditional, then the shortest paths.
  reached.sort(
    (a, b) =>
      Number(b.admin) - Number(a.admin) ||
      Number(b.decision === 'allow') - Number(a.decision === 'allow') ||
      a.path.length - b.path.length,
  );
  const sent: unknown = (answer as { admin?: unknown }).admin;
  let admin: AdminAccount[];
  if (Array.isArray(sent)) {
    admin = sent.flatMap((a: unknown) => {
      if (typeof a !== 'object' || a === null) return [];
      const { accountId, path } = a as { accountId?: unknown; path?: unknown };
      return typeof accountId === 'string' && isHopList(path) ? [{ accountId, path }] : [];
    });
  } else {
    const byAccount = new Map<string, AdminAccount>();
    for (const r of reached)
      if (r.admin && r.accountId !== undefined && !byAccount.has(r.accountId))
        byAccount.set(r.accountId, { accountId: r.accountId, path: r.path });
    admin = [...byAccount.values()];
  }
  return {
    kind: answer.kind,
    admin: admin.filter((a) => a.path.length > 0),
    alreadyAdmin: admin.filter((a) => a.path.length === 0).map((a) => a.accountId),
    reached,
    truncated: answer.kind === 'truncated' || answer.truncated,
  };
}
