/**
 * A finding opened from the findings table: what it says, its subject (name and account, the
 * full ARN to copy), why it matters and how to fix it (docs/findings.md), its path highlighted
 * on the graph (reachability findings), its evidence, and a "suppress" action that writes the
 * config's suppression (reason, expiry) when the server may write its config — otherwise the
 * JSON to add by hand.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Evidence } from '../../../shared/graph/types.js';
import { ApiError, getJson, postJson } from '../api/client.js';
import {
  hopOfView,
  type FindingDetailResponse,
  type HealthResponse,
  type PathHop,
  type SuppressionRequest,
  type SuppressionResponse,
} from '../api/types.js';
import { useRequest } from '../api/use-request.js';
import { guideSpans } from '../findings/rule-guide.js';
import { RULE_GUIDES } from '../findings/rule-guide-text.js';
import { accountOfKey, principalName } from '../graph/principal-name.js';
import { useAccountNames } from './account-names.js';
import { CopyButton } from './CopyButton.js';
import { EvidenceList } from './EvidenceList.js';
import { HopList } from './HopList.js';
import { RequestStatus } from './RequestStatus.js';
import { TimeText } from './TimeText.js';

export interface FindingSectionProps {
  id: string;
  scan?: string;
  onPath: (paths: readonly (readonly PathHop[])[]) => void;
  onSelectNode: (key: string) => void;
}

/** The default expiry offered: 90 days from today (a review cycle). */
function defaultExpiry(now: Date): string {
  return new Date(now.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
}

function SuppressForm({ detail, writable }: { detail: FindingDetailResponse; writable: boolean }) {
  const f = detail.finding;
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState(() => defaultExpiry(new Date()));
  const [scope, setScope] = useState<'subject' | 'account'>('subject');
  const [outcome, setOutcome] = useState<
    { kind: 'done'; answer: SuppressionResponse } | { kind: 'error'; message: string } | undefined
  >(undefined);
  const request: SuppressionRequest = {
    rule: f.rule,
    ...(scope === 'subject' || f.accountId === undefined
      ? { subject: f.subject }
      : { accountId: f.accountId }),
    reason: reason.trim() === '' ? 'why this is accepted' : reason.trim(),
    ...(expires === '' ? {} : { expires }),
  };
  if (f.suppressed !== undefined)
    return (
      <p className="status" data-testid="finding-suppressed">
        Suppressed: {f.suppressed.reason}
        {f.suppressed.expires === undefined ? '' : ` (until ${f.suppressed.expires})`}
      </p>
    );
  return (
    <form
      className="suppress"
      data-testid="suppress-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!writable || reason.trim() === '') return;
        postJson<SuppressionResponse>('suppressions', request)
          .then((answer) => {
            setOutcome({ kind: 'done', answer });
          })
          .catch((err: unknown) => {
            setOutcome({
              kind: 'error',
              message: err instanceof ApiError || err instanceof Error ? err.message : String(err),
            });
          });
      }}
    >
      <h3>Suppress</h3>
      <label className="field">
        Reason{' '}
        <input
          type="text"
          required
          maxLength={500}
          value={reason}
          data-testid="suppress-reason"
          onChange={(e) => {
            setReason(e.target.value);
          }}
        />
      </label>
      <label className="field">
        Until{' '}
        <input
          type="date"
          value={expires}
          data-testid="suppress-expires"
          onChange={(e) => {
            setExpires(e.target.value);
          }}
        />
      </label>
      {f.accountId === undefined ? null : (
        <label className="field">
          For{' '}
          <select
            value={scope}
            onChange={(e) => {
              setScope(e.target.value === 'account' ? 'account' : 'subject');
            }}
          >
            <option value="subject">this subject</option>
            <option value="account">every subject of account {f.accountId}</option>
          </select>
        </label>
      )}
      {writable ? (
        <button type="submit" className="primary" data-testid="suppress-submit">
          Suppress in the config
        </button>
      ) : (
        <div data-testid="suppress-by-hand">
          <p className="row-meta">
            This server does not write its config (start it with --config FILE
            --allow-config-writes). Add this to the config's <code>suppressions</code>:
          </p>
          <pre className="wrap">{JSON.stringify(request, null, 2)}</pre>
        </div>
      )}
      {outcome?.kind === 'done' ? (
        <p className="status" role="status" data-testid="suppress-done">
          Written to {outcome.answer.file}; it applies from the next scan.
        </p>
      ) : outcome?.kind === 'error' ? (
        <p className="status status-error" role="alert" data-testid="suppress-error">
          {outcome.message}
        </p>
      ) : null}
    </form>
  );
}

/** A rule guide's paragraph: its `code` spans as code, its first letter a capital. */
function GuideText({ text }: { text: string }) {
  return (
    <>
      {guideSpans(text).map((span, i) =>
        span.code ? <code key={i}>{span.text}</code> : <span key={i}>{span.text}</span>,
      )}
    </>
  );
}

export function FindingSection({ id, scan, onPath, onSelectNode }: FindingSectionProps) {
  const accountNames = useAccountNames();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [detail, health] = await Promise.all([
        getJson<FindingDetailResponse>('finding', { id, scan }, signal),
        getJson<HealthResponse>('health', {}, signal),
      ]);
      return { detail, writable: health.configWritable === true };
    },
    [id, scan],
  );
  const state = useRequest(load, [id, scan]);
  useEffect(() => {
    const path = state.status === 'done' ? state.data.detail.path : undefined;
    onPath(path === undefined || path.length === 0 ? [] : [path.map(hopOfView)]);
  }, [state]);
  useEffect(
    () => () => {
      onPath([]);
    },
    [],
  );
  return (
    <RequestStatus state={state} what="the finding">
      {({ detail, writable }) => {
        const f = detail.finding;
        const guide = RULE_GUIDES.get(f.rule);
        const evidence = Array.isArray(f.evidence) ? (f.evidence as Evidence[]) : [];
        const account = f.accountId ?? accountOfKey(f.subject);
        return (
          <div data-testid="finding-detail" data-id={f.id} data-rule={f.rule}>
            <h2 className="panel-title" data-testid="panel-title">
              <span className={`badge severity-${f.severity}`}>{f.severity}</span>{' '}
              {detail.rule?.title ?? f.rule}
            </h2>
            <p data-testid="finding-title">{f.title}</p>
            <dl className="facts">
              <dt>Subject</dt>
              <dd>
                <button
                  type="button"
                  className="link"
                  title={f.subject}
                  onClick={() => {
                    onSelectNode(f.subject);
                  }}
                >
                  {principalName(f.subject, accountNames, f.subjectLabel)}
                </button>
                <div>
                  <code className="arn" data-testid="finding-subject-arn">
                    {f.subject}
                  </code>{' '}
                  <CopyButton
                    value={f.subject}
                    testId="finding-subject-copy"
                    // An Identity Center user's or group's key is no ARN.
                    label={f.subject.startsWith('arn:') ? 'Copy ARN' : 'Copy key'}
                  />
                </div>
              </dd>
              {account === undefined ? null : (
                <>
                  <dt>Account</dt>
                  <dd>
                    {account}
                    {accountNames.has(account) ? ` (${accountNames.get(account) ?? ''})` : ''}
                  </dd>
                </>
              )}
              <dt>Rule</dt>
              <dd>
                <code>{f.rule}</code>
              </dd>
              <dt>Status</dt>
              <dd>
                <span className={`badge status-${f.status}`}>{f.status}</span> since{' '}
                <TimeText iso={f.firstSeen} />
              </dd>
            </dl>
            <section className="guide" data-testid="finding-guide">
              {guide?.why !== undefined ? (
                <>
                  <h3>Why it matters</h3>
                  <p data-testid="finding-why">
                    <GuideText text={guide.why} />
                  </p>
                </>
              ) : detail.rule !== undefined ? (
                <p data-testid="finding-why">{detail.rule.help}</p>
              ) : null}
              {guide?.fix !== undefined ? (
                <>
                  <h3>Fix</h3>
                  <p data-testid="finding-fix">
                    <GuideText text={guide.fix} />
                  </p>
                </>
              ) : null}
            </section>
            {detail.path !== undefined && detail.path.length > 0 ? (
              <section data-testid="finding-path">
                <h3>Path ({detail.path.length} hops, highlighted on the graph)</h3>
                <HopList
                  hops={detail.path.map(hopOfView)}
                  labels={new Map()}
                  onSelectNode={onSelectNode}
                />
              </section>
            ) : null}
            <h3>Evidence ({evidence.length})</h3>
            <EvidenceList evidence={evidence} />
            <SuppressForm detail={detail} writable={writable} />
          </div>
        );
      }}
    </RequestStatus>
  );
}
