/**
 * Facts a technique's step needs beyond IAM that the snapshot may not show (a container instance
 * for an ECS task): such a step is `conditional` on the fact, shown as a note step after it; a
 * fact the snapshot shows to be false makes the technique impossible.
 */
import { noteEvidence } from '../../../authorize/evidence.js';
import type { Snapshot, Workload } from '../../../snapshot/types.js';
import type { Step } from './escalation-context.js';

/** A fact the snapshot does not show: the note and the reason of its step. */
export interface UnknownFact {
  note: string;
  reason: string;
  what: string;
}

/** What `action` on `w` needs: nothing (undefined), an unknown fact, or `impossible`. */
export type FactOf = (
  action: string,
  w: Workload,
  snapshot: Snapshot,
) => UnknownFact | 'impossible' | undefined;

/**
 * The conditional note steps of the facts `actions` on `w` need; undefined when one of them is
 * impossible.
 */
export function unknownFactSteps(
  actions: readonly string[],
  w: Workload,
  snapshot: Snapshot,
  factOf: FactOf | undefined,
): Step[] | undefined {
  const out: Step[] = [];
  if (factOf === undefined) return out;
  for (const action of actions) {
    const fact = factOf(action, w, snapshot);
    if (fact === undefined) continue;
    if (fact === 'impossible') return undefined;
    out.push({
      action,
      resource: w.arn,
      result: {
        decision: 'conditional',
        conditionKeys: [],
        evidence: [noteEvidence({ kind: 'resource', name: fact.what, arn: w.arn }, fact.reason)],
        notes: [fact.note],
      },
    });
  }
  return out;
}
