/**
 * The findings table: severity, rule, subject, title and status (new since the previous scan),
 * filtered by severity, rule and status and searched by text, all held in the URL. Rows are
 * focusable; Enter or a click focuses the graph on the finding's subject. Paged by the server.
 */
import { useCallback, useState } from 'react';
import { getJson } from '../api/client.js';
import type { FindingsResponse } from '../api/types.js';
import { accountOfKey } from '../graph/principal-name.js';
import { nameOfKey } from '../graph/node-name.js';
import { useAccountNames } from './account-names.js';
import { useRequest } from '../api/use-request.js';
import { SEVERITIES, type Severity } from '../state/url-state.js';
import { RequestStatus } from './RequestStatus.js';

const RULES = [
  'public-trust',
  'external-trust-unknown-account',
  'vendor-trust-without-external-id',
  'oidc-trust-without-subject',
  'oidc-trust-wildcard-subject',
  'service-trust-without-source',
  'deleted-principal-in-trust',
  'external-path-to-admin',
  'bucket-reachable-from-outside-org',
  'public-bucket',
  'public-resource',
  'resource-reachable-from-outside-org',
  'kms-key-admin-outside-org',
  'incomplete-coverage',
  'privilege-escalation-to-admin',
  'sso-admin-group-too-large',
  'sso-direct-user-assignment',
  'sso-assignment-to-deleted-principal',
  'sso-assignment-role-missing',
] as const;
const PAGE = 100;

export interface FindingsTableProps {
  /** A minimum, or exactly this severity when `severityOnly`. */
  severity?: Severity;
  severityOnly?: boolean;
  rule?: string;
  status?: string;
  q?: string;
  /** Only the findings of this account (an account's side panel links here). */
  account?: string;
  scan?: string;
  selected?: string;
  /** The finding open in the side panel. */
  openFinding?: string;
  onChange: (patch: {
    severity?: Severity | undefined;
    severityOnly?: boolean | undefined;
    rule?: string | undefined;
    status?: string | undefined;
    q?: string | undefined;
    account?: string | undefined;
  }) => void;
  onOpenFinding: (finding: { id: string; subject: string; accountId?: string }) => void;
}

/** The row in the Tab order: the one last focused, else the finding open, else the first. */
function tabStopOf(
  rows: readonly { id: string }[],
  focused: string | undefined,
  open: string | undefined,
): string | undefined {
  return (
    [focused, open].find((id) => id !== undefined && rows.some((r) => r.id === id)) ?? rows[0]?.id
  );
}

/** The severity filter's choices: `high` is "high and above", `high-only` is "high" alone. */
function severityChoice(severity: Severity | undefined, only: boolean): string {
  if (severity === undefined) return '';
  return only && severity !== 'critical' && severity !== 'info' ? `${severity}-only` : severity;
}

function parseSeverityChoice(value: string): { severity?: Severity; severityOnly?: boolean } {
  const only = value.endsWith('-only');
  const severity = SEVERITIES.find((s) => s === (only ? value.slice(0, -'-only'.length) : value));
  if (severity === undefined) return { severity: undefined, severityOnly: undefined };
  return { severity, severityOnly: only ? true : undefined };
}

export function FindingsTable({
  severity,
  severityOnly = false,
  rule,
  status,
  q,
  account,
  scan,
  selected,
  openFinding,
  onChange,
  onOpenFinding,
}: FindingsTableProps) {
  const accountNames = useAccountNames();
  const [offset, setOffset] = useState(0);
  const [text, setText] = useState(q ?? '');
  // One row is in the Tab order (the one last focused, else the finding open, else the first);
  // the arrows move between rows. Tab leaves the table instead of walking through every row to
  // the finding's panel beside it.
  const [rovingId, setRovingId] = useState<string>();
  const load = useCallback(
    (signal: AbortSignal) =>
      getJson<FindingsResponse>(
        'findings',
        {
          severity,
          ...(severity !== undefined && severityOnly ? { severityOnly: 'true' } : {}),
          rule,
          status,
          q,
          account,
          scan,
          offset,
          limit: PAGE,
        },
        signal,
      ),
    [severity, severityOnly, rule, status, q, account, scan, offset],
  );
  const state = useRequest(load, [severity, severityOnly, rule, status, q, account, scan, offset]);
  return (
    <section className="tool findings" aria-label="Findings" data-testid="findings">
      <h2>Findings</h2>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setOffset(0);
          onChange({ q: text.trim() === '' ? undefined : text.trim() });
        }}
      >
        <label className="field">
          Severity{' '}
          <select
            value={severityChoice(severity, severityOnly)}
            data-testid="filter-severity"
            onChange={(e) => {
              setOffset(0);
              onChange(parseSeverityChoice(e.target.value));
            }}
          >
            <option value="">any</option>
            {SEVERITIES.flatMap((s) =>
              s === 'critical' || s === 'info'
                ? [
                    <option key={s} value={s}>
                      {s}
                    </option>,
                  ]
                : [
                    <option key={`${s}-only`} value={`${s}-only`}>
                      {s}
                    </option>,
                    <option key={s} value={s}>
                      {`${s} and above`}
                    </option>,
                  ],
            )}
          </select>
        </label>
        <label className="field">
          Rule{' '}
          <select
            value={rule ?? ''}
            data-testid="filter-rule"
            onChange={(e) => {
              setOffset(0);
              onChange({ rule: e.target.value === '' ? undefined : e.target.value });
            }}
          >
            <option value="">any</option>
            {RULES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Status{' '}
          <select
            value={status ?? ''}
            data-testid="filter-status"
            onChange={(e) => {
              setOffset(0);
              onChange({ status: e.target.value === '' ? undefined : e.target.value });
            }}
          >
            <option value="">any</option>
            <option value="new">new since the last scan</option>
            <option value="open">open</option>
            <option value="resolved">resolved</option>
          </select>
        </label>
        <label className="field">
          Search{' '}
          <input
            type="search"
            value={text}
            data-testid="filter-q"
            placeholder="subject, title…"
            onChange={(e) => {
              setText(e.target.value);
            }}
          />
        </label>
        <button type="submit">Filter</button>
      </form>
      {account === undefined ? null : (
        <p className="row-meta" data-testid="filter-account">
          Account {account}
          {accountNames.get(account) === undefined
            ? ''
            : ` (${accountNames.get(account) ?? ''})`}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              setOffset(0);
              onChange({ account: undefined });
            }}
          >
            show every account
          </button>
        </p>
      )}
      <RequestStatus
        state={state}
        what="findings"
        isEmpty={(d) => d.findings.length === 0}
        emptyText="No findings match these filters."
      >
        {(data) => (
          <>
            <table className="findings-table" data-testid="findings-table" data-total={data.total}>
              <thead>
                <tr>
                  <th scope="col">Severity</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Finding</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {data.findings.map((f, _index, all) => {
                  const account = f.accountId ?? accountOfKey(f.subject);
                  const tabStop = tabStopOf(all, rovingId, openFinding);
                  return (
                    <tr
                      key={f.id}
                      tabIndex={f.id === tabStop ? 0 : -1}
                      onFocus={() => {
                        setRovingId(f.id);
                      }}
                      className={
                        f.id === openFinding ||
                        (openFinding === undefined && f.subject === selected)
                          ? 'selected'
                          : undefined
                      }
                      data-id={f.id}
                      data-testid="finding-row"
                      data-rule={f.rule}
                      data-subject={f.subject}
                      data-status={f.status}
                      onClick={() => {
                        onOpenFinding(f);
                      }}
                      onKeyDown={(event) => {
                        if (event.key === 'Enter' || event.key === ' ') {
                          event.preventDefault();
                          onOpenFinding(f);
                        } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                          event.preventDefault();
                          const row = event.currentTarget;
                          const next =
                            event.key === 'ArrowDown'
                              ? row.nextElementSibling
                              : row.previousElementSibling;
                          if (next instanceof HTMLElement) next.focus();
                        }
                      }}
                    >
                      <td>
                        <span className={`badge severity-${f.severity}`}>{f.severity}</span>
                      </td>
                      <td className="subject" title={f.subject} data-testid="finding-subject">
                        <span className="subject-name">
                          {f.subjectLabel ?? nameOfKey(f.subject)}
                        </span>
                        {account === undefined ? null : (
                          <span className="row-meta subject-account">
                            {' '}
                            ·{' '}
                            {f.subject.endsWith(':root')
                              ? account
                              : (accountNames.get(account) ?? account)}
                          </span>
                        )}
                      </td>
                      <td className="finding-title" title={`${f.rule}: ${f.title}`}>
                        {f.title}
                      </td>
                      <td>
                        <span className={`badge status-${f.status}`}>{f.status}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <div className="pager">
              <span className="row-meta">
                {offset + 1}–{offset + data.findings.length} of {data.total}
              </span>
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => {
                  setOffset(Math.max(0, offset - PAGE));
                }}
              >
                Previous
              </button>
              <button
                type="button"
                disabled={offset + PAGE >= data.total}
                onClick={() => {
                  setOffset(offset + PAGE);
                }}
              >
                Next
              </button>
            </div>
          </>
        )}
      </RequestStatus>
    </section>
  );
}
