/**
 * A policy document pretty-printed, with the statements that matter (the granting statements of
 * the selected edge) highlighted and scrolled into view. Built from text nodes only: a policy is
 * untrusted input.
 */
import { useEffect, useMemo, useRef } from 'react';
import { policyLines } from '../policy/policy-lines.js';

export interface PolicyDocumentProps {
  title: string;
  document: unknown;
  /** Statement indexes to highlight. */
  highlighted: ReadonlySet<number>;
}

export function PolicyDocument({ title, document, highlighted }: PolicyDocumentProps) {
  const lines = useMemo(() => policyLines(document), [document]);
  const first = useRef<HTMLSpanElement>(null);
  const highlightKey = [...highlighted].sort().join(',');
  useEffect(() => {
    first.current?.scrollIntoView({ block: 'nearest' });
  }, [highlightKey, lines]);
  let firstSeen = false;
  return (
    <figure className="policy" data-testid="policy-document">
      <figcaption>{title}</figcaption>
      <pre tabIndex={0}>
        {lines.map((line, i) => {
          const on = line.statementIndex !== undefined && highlighted.has(line.statementIndex);
          const isFirst = on && !firstSeen;
          if (isFirst) firstSeen = true;
          return (
            <span
              key={i}
              ref={isFirst ? first : undefined}
              className={on ? 'line granting' : 'line'}
              data-testid={on ? 'granting-line' : undefined}
            >
              {line.text}
              {'\n'}
            </span>
          );
        })}
      </pre>
    </figure>
  );
}
