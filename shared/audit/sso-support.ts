/**
 * What the IAM Identity Center rules share: the assignments grouped by principal and permission
 * set (one finding lists every account), the evidence of an assignment, and names for titles.
 */
import type { Evidence } from '../authorize/types.js';
import type { AssignmentOutcome } from '../graph/sso/match-assignments.js';
import { compareKeys } from '../query/traversal.js';
import type { AccessGraph } from '../graph/types.js';
import { listText, nameOf } from './rule-support.js';

/** Assignments of one principal to one permission set, over accounts. */
export interface AssignmentGroup {
  principal: string;
  permissionSet: string;
  outcomes: AssignmentOutcome[];
}

/** Groups `outcomes` by principal and permission set, sorted by both. */
export function groupAssignments(outcomes: Iterable<AssignmentOutcome>): AssignmentGroup[] {
  const groups = new Map<string, AssignmentGroup>();
  for (const o of outcomes) {
    const id = `${o.principal}\u0000${o.permissionSet}`;
    let g = groups.get(id);
    if (g === undefined) {
      g = { principal: o.principal, permissionSet: o.permissionSet, outcomes: [] };
      groups.set(id, g);
    }
    g.outcomes.push(o);
  }
  return [...groups.values()].sort(
    (a, b) =>
      compareKeys(a.principal, b.principal) || compareKeys(a.permissionSet, b.permissionSet),
  );
}

/** The evidence of an assignment: where identity-center.json records it. */
export function assignmentEvidence(o: AssignmentOutcome, reason: string): Evidence {
  return {
    policy: {
      kind: 'identity',
      name: `permission set ${o.permissionSet}`,
      arn: o.assignment.permissionSetArn,
      attachedTo: o.principal,
    },
    role: 'note',
    conditionKeys: [],
    reason: `identity-center.json ${o.assignment.source}: ${reason}`,
  };
}

const MAX_ACCOUNTS_NAMED = 5;

/** "accounts 111…, 222… and 3 more" for a title. */
export function accountsText(ids: readonly string[]): string {
  const sorted = [...new Set(ids)].sort(compareKeys);
  const shown = sorted.slice(0, MAX_ACCOUNTS_NAMED);
  const more = sorted.length - shown.length;
  const word = sorted.length === 1 ? 'account' : 'accounts';
  return `${word} ${listText(more > 0 ? [...shown, `${String(more)} more`] : shown)}`;
}

/** The user or group name of an assignment's principal (its node's label); its id when it has no node. */
export function principalName(graph: AccessGraph, o: AssignmentOutcome): string {
  return graph.hasNode(o.principal) ? nameOf(graph, o.principal) : o.assignment.principalId;
}
