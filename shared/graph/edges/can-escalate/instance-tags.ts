/**
 * Tag conditions on calls to an EC2 instance (IAM-SEMANTICS.md E.3). The collected tags decide
 * `aws:ResourceTag/…`, `ec2:ResourceTag/…` and `ssm:resourceTag/…` (escalation-context.ts
 * `workloadFacts`), but tags change: when some principal of the snapshot may `ec2:CreateTags` or
 * `ec2:DeleteTags` on the instance (allowed or conditional), a call the collected tags deny is
 * decided again with the tags unknown, so it stays `conditional` instead of vanishing — a
 * principal the attacker reaches may retag the instance first (CloudGoat iam_privesc_by_ec2: the
 * dev user deletes the Name tag that the management role's policy excludes). When nobody may
 * change them (CloudFoxable double_tap denies CreateTags and DeleteTags), the collected tags are
 * final.
 */
import type { FactTable } from '../../../authorize/authz-context.js';
import type { Workload } from '../../../snapshot/types.js';
import { PermissionIndex, rolePatternKey } from '../../index/permission-index.js';
import type { EscalationContext } from './escalation-context.js';

const TAG_ACTIONS: readonly string[] = ['ec2:CreateTags', 'ec2:DeleteTags'];

interface TagState {
  /** Per account: its principals that hold a tag action (EC2 has no resource policy: only the instance's account retags it). */
  indexes: Map<string, PermissionIndex>;
  changeable: Map<string, boolean>;
}

// One state per build (an EscalationContext lives for one build or one what-if rebuild).
const STATES = new WeakMap<EscalationContext, TagState>();

/**
 * Whether some principal of the snapshot may `ec2:CreateTags` or `ec2:DeleteTags` on instance `w`
 * (allowed or conditional, decided with its collected tags and `known`, the request's fixed keys:
 * the workload's region). Memoized per instance and build.
 */
export function instanceTagsCanChange(
  esc: EscalationContext,
  w: Workload,
  accountId: string,
  known: Readonly<Record<string, string>>,
): boolean {
  let state = STATES.get(esc);
  if (state === undefined) {
    state = { indexes: new Map(), changeable: new Map() };
    STATES.set(esc, state);
  }
  let answer = state.changeable.get(w.arn);
  if (answer !== undefined) return answer;
  answer = false;
  let index = state.indexes.get(accountId);
  if (index === undefined) {
    // Every principal of the account, administrators included: anyone may retag before the call.
    const principals = (esc.build.principalsByAccount.get(accountId) ?? []).filter((p) =>
      esc.holdsAny(p, TAG_ACTIONS),
    );
    index = new PermissionIndex(principals, TAG_ACTIONS, rolePatternKey);
    state.indexes.set(accountId, index);
  }
  const facts: FactTable = esc.workloadFacts(w, accountId);
  for (const p of index.candidates(accountId, w.arn, accountId)) {
    if (
      TAG_ACTIONS.some(
        (action) =>
          esc.decide(p, action, w.arn, accountId, facts, { known }).result.decision !== 'deny',
      )
    ) {
      answer = true;
      break;
    }
  }
  state.changeable.set(w.arn, answer);
  return answer;
}
