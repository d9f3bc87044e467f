/**
 * What if: a plan file dropped (or chosen) here is sent to `POST /api/what-if` for the scan on
 * screen; its answer is listed — verdict, new paths with their hops, new administrators, new /
 * worsened / resolved findings, values the plan leaves unknown — and its added and removed edges
 * are handed to the graph (`onDiff`), which highlights them as the Scans view shows a diff.
 * Everything in the answer is untrusted text (names from the plan and from AWS): rendered as text.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { DiffEdge } from '../api/types.js';
import { ApiError } from '../api/client.js';
import { postWhatIf, type WhatIfAnswer } from '../api/post-what-if.js';
import { whatIfCounts, whatIfVerdict } from './what-if-text.js';
import { nameOfKey } from '../graph/node-name.js';

/** Rows shown per list; the rest are counted. */
const MAX_ROWS = 50;
/** The largest file read (the server takes 16 MiB). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface WhatIfPanelProps {
  scan?: string | undefined;
  /** The change's edges to highlight on the graph (undefined: none). */
  onDiff: (
    diff: { newEdges: readonly DiffEdge[]; removedEdges: readonly DiffEdge[] } | undefined,
  ) => void;
  labels: ReadonlyMap<string, string>;
  onSelectNode: (key: string) => void;
}

type State =
  | { status: 'idle' }
  | { status: 'loading'; file: string }
  | { status: 'error'; file: string; message: string }
  | { status: 'done'; file: string; answer: WhatIfAnswer };

export function WhatIfPanel({ scan, onDiff, labels, onSelectNode }: WhatIfPanelProps) {
  const [state, setState] = useState<State>({ status: 'idle' });
  const [over, setOver] = useState(false);
  const abort = useRef<AbortController | undefined>(undefined);
  const name = (key: string): string => labels.get(key) ?? nameOfKey(key);

  useEffect(
    () => () => {
      abort.current?.abort();
      onDiff(undefined);
    },
    [onDiff],
  );

  const send = (file: File): void => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    onDiff(undefined);
    if (file.size > MAX_FILE_BYTES) {
      setState({ status: 'error', file: file.name, message: 'the file is larger than 16 MiB' });
      return;
    }
    setState({ status: 'loading', file: file.name });
    file
      .text()
      .then((text) => postWhatIf(text, { scan }, controller.signal))
      .then((answer) => {
        if (controller.signal.aborted) return;
        setState({ status: 'done', file: file.name, answer });
        onDiff({ newEdges: answer.edges.newEdges, removedEdges: answer.edges.removedEdges });
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        const message =
          err instanceof ApiError || err instanceof Error ? err.message : 'the request failed';
        setState({ status: 'error', file: file.name, message });
      });
  };

  const onDrop = (e: DragEvent<HTMLElement>): void => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file !== undefined) send(file);
  };

  return (
    <section className="tool what-if" aria-label="What if" data-testid="what-if">
      <h2>What if</h2>
      <label
        className={over ? 'drop-zone over' : 'drop-zone'}
        data-testid="what-if-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => {
          setOver(false);
        }}
        onDrop={onDrop}
      >
        Drop a plan here — <code>terraform show -json PLANFILE</code> output or a trustmap change
        file — or choose one:{' '}
        <input
          type="file"
          accept="application/json,.json"
          data-testid="what-if-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file !== undefined) send(file);
          }}
        />
      </label>
      {state.status === 'loading' ? (
        <p className="status status-loading" role="status">
          Applying {state.file} to the scan…
        </p>
      ) : null}
      {state.status === 'error' ? (
        <p className="status status-error" role="alert" data-testid="what-if-error">
          {state.file}: {state.message}
        </p>
      ) : null}
      {state.status === 'done' ? (
        <Answer answer={state.answer} name={name} onSelectNode={onSelectNode} />
      ) : null}
    </section>
  );
}

function Answer({
  answer,
  name,
  onSelectNode,
}: {
  answer: WhatIfAnswer;
  name: (key: string) => string;
  onSelectNode: (key: string) => void;
}) {
  const s = answer.summary;
  const verdict = whatIfVerdict(s);
  return (
    <div data-testid="what-if-answer" data-failing={s.failing}>
      <p className={s.failing > 0 ? 'status status-error' : 'status'} data-testid="what-if-verdict">
        {verdict}
      </p>
      <p className="row-meta">
        Scan #{answer.scanId}: {whatIfCounts(s)} · findings {s.newFindings} new,{' '}
        {s.worsenedFindings} worsened, {s.resolvedFindings} resolved · edges +{s.newEdges} −
        {s.removedEdges} (highlighted on the graph)
      </p>
      <List title="New paths" items={answer.paths} testid="what-if-paths">
        {(p) => (
          <button
            type="button"
            className="row"
            onClick={() => {
              onSelectNode(p.target);
            }}
          >
            <span className="row-title">
              {p.severity} · {name(p.start)} → {name(p.target)}
            </span>
            <span className="row-meta">
              {p.hops
                .map(
                  (h) =>
                    `${name(h.from)} → ${name(h.to)}${h.decision === 'conditional' ? ` (if ${h.conditionKeys.join(', ')})` : ''}`,
                )
                .join(' · ')}
              {' · '}
              {p.addresses.join(', ')}
            </span>
          </button>
        )}
      </List>
      <List title="New administrators" items={answer.newAdmins} testid="what-if-admins">
        {(a) => (
          <button
            type="button"
            className="row"
            onClick={() => {
              onSelectNode(a.arn);
            }}
          >
            <span className="row-title">{name(a.arn)}</span>
            <span className="row-meta">{a.addresses.join(', ')}</span>
          </button>
        )}
      </List>
      {(['new', 'worsened', 'resolved'] as const).map((kind) => (
        <List
          key={kind}
          title={`Findings ${kind}`}
          items={answer.findings[kind]}
          testid={`what-if-findings-${kind}`}
        >
          {(f) => (
            <button
              type="button"
              className="row"
              onClick={() => {
                onSelectNode(f.subject);
              }}
            >
              <span className="row-title">
                {f.severity} · {f.rule}
              </span>
              <span className="row-meta">{f.title}</span>
            </button>
          )}
        </List>
      ))}
      <List
        title="Not known until apply, or not analyzed"
        items={answer.unresolved}
        testid="what-if-unresolved"
      >
        {(u) => (
          <span className="row-meta">
            {u.origin.address}
            {u.origin.field === undefined ? '' : ` (${u.origin.field})`}: {u.message}
          </span>
        )}
      </List>
    </div>
  );
}

function List<T>({
  title,
  items,
  testid,
  children,
}: {
  title: string;
  items: readonly T[];
  testid: string;
  children: (item: T) => React.ReactNode;
}) {
  if (items.length === 0) return null;
  return (
    <section data-testid={testid}>
      <h3>
        {title} ({items.length})
      </h3>
      <ul>
        {items.slice(0, MAX_ROWS).map((item, i) => (
          <li key={i}>{children(item)}</li>
        ))}
      </ul>
      {items.length > MAX_ROWS ? (
        <p className="row-meta">and {items.length - MAX_ROWS} more</p>
      ) : null}
    </section>
  );
}
