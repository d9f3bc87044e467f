/**
 * A workload of workloads.json on the graph: its account (the fifth field of its ARN) and its
 * `workload` node, added once with the same attributes by every technique that acts through it.
 */
import type { Workload } from '../../../snapshot/types.js';
import { ensureNode } from '../../build-context.js';
import type { EscalationContext } from './escalation-context.js';

/** The account of a workload: its ARN's. */
export function workloadAccount(w: Workload): string {
  return w.arn.split(':')[4] ?? '';
}

/**
 * Adds the workload's node if missing (`roleArn`: the role it runs as, when the node should say
 * so); returns the workload's account.
 */
export function ensureWorkloadNode(esc: EscalationContext, w: Workload, roleArn?: string): string {
  const accountId = workloadAccount(w);
  ensureNode(esc.build, w.arn, {
    kind: 'workload',
    label: w.name,
    accountId,
    scope: esc.build.accounts.scopeOf(accountId),
    scanned: true,
    workloadType: w.type,
    ...(roleArn !== undefined ? { roleArn } : {}),
    ...(w.region !== undefined ? { region: w.region } : {}),
  });
  return accountId;
}
