/**
 * "Show statement" under an item of evidence: the statement it cites, as written in the policy
 * (read from the panel of the node that holds the policy, in the scan shown). The text is AWS's
 * and is shown as text, never as HTML.
 */
import { useCallback, useState } from 'react';
import type { PolicyRef } from '../../../shared/policy/types.js';
import { getJson } from '../api/client.js';
import type { NodeDetailResponse } from '../api/types.js';
import { useRequest } from '../api/use-request.js';
import { findStatement } from '../policy/find-statement.js';
import { RequestStatus } from './RequestStatus.js';
import { useScan } from './scan-context.js';

function StatementText({
  holder,
  policy,
  index,
}: {
  holder: string;
  policy: PolicyRef;
  index: number;
}) {
  const scan = useScan();
  const load = useCallback(
    (signal: AbortSignal) => getJson<NodeDetailResponse>('node', { key: holder, scan }, signal),
    [holder, scan],
  );
  const state = useRequest(load, [holder, scan]);
  return (
    <RequestStatus state={state} what="the policy">
      {(detail) => {
        const statement = findStatement(detail.policies, policy, index);
        return statement === undefined ? (
          <p className="status status-empty">
            Statement {index} of this policy is not in the panel of {holder}.
          </p>
        ) : (
          <pre className="wrap statement-text" data-testid="statement-text">
            {JSON.stringify(statement, null, 2)}
          </pre>
        );
      }}
    </RequestStatus>
  );
}

export function PolicyStatement({
  holder,
  policy,
  index,
}: {
  holder: string;
  policy: PolicyRef;
  index: number;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="policy-statement">
      <button
        type="button"
        className="link"
        data-testid="show-statement"
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
        }}
      >
        {open ? 'Hide the statement' : 'Show the statement'}
      </button>
      {open ? <StatementText holder={holder} policy={policy} index={index} /> : null}
    </div>
  );
}
