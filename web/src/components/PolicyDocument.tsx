/**
 * A policy document pretty-printed, with the statements that grant the edges shown highlighted —
 * unconditional and conditional ones alike — and scrolled into view; long values wrap, never cut.
 * Under it, every highlighted statement's conditions in plain words ("only callers that pass
 * ExternalId …", "any GitHub repository"). Built from text nodes only: a policy is untrusted.
 */
import { useEffect, useMemo, useRef } from 'react';
import { explainStatementConditions } from '../policy/explain-conditions.js';
import { policyLines, readPolicyDocument } from '../policy/policy-lines.js';

export interface PolicyDocumentProps {
  title: string;
  document: unknown;
  /** Statement indexes to highlight. */
  highlighted: ReadonlySet<number>;
}

/** The statements of a document by index (a single statement object is index 0). */
function statementsOf(document: unknown): unknown[] {
  const parsed = readPolicyDocument(document);
  if (typeof parsed !== 'object' || parsed === null) return [];
  const statement = (parsed as Record<string, unknown>).Statement;
  if (Array.isArray(statement)) return statement as unknown[];
  return statement === undefined ? [] : [statement];
}

function sidOf(statement: unknown): string | undefined {
  if (typeof statement !== 'object' || statement === null) return undefined;
  const sid = (statement as Record<string, unknown>).Sid;
  return typeof sid === 'string' && sid !== '' ? sid : undefined;
}

export function PolicyDocument({ title, document, highlighted }: PolicyDocumentProps) {
  const lines = useMemo(() => policyLines(document), [document]);
  const statements = useMemo(() => statementsOf(document), [document]);
  const first = useRef<HTMLSpanElement>(null);
  const highlightKey = [...highlighted].sort().join(',');
  useEffect(() => {
    first.current?.scrollIntoView({ block: 'nearest' });
  }, [highlightKey, lines]);
  let firstSeen = false;
  const explained = [...highlighted]
    .sort((a, b) => a - b)
    .map((index) => ({
      index,
      sid: sidOf(statements[index]),
      conditions: explainStatementConditions(statements[index]),
    }));
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
              data-statement={line.statementIndex}
            >
              {line.text}
              {'\n'}
            </span>
          );
        })}
      </pre>
      {explained.length === 0 ? null : (
        <ul className="conditions" data-testid="condition-explanations">
          {explained.map((s) => (
            <li key={s.index} data-testid="statement-explanation" data-statement={s.index}>
              <strong>
                Statement {s.index}
                {s.sid === undefined ? '' : ` (${s.sid})`}
              </strong>{' '}
              {s.conditions.length === 0 ? (
                <span>grants without any condition.</span>
              ) : (
                <>
                  grants only under these conditions:
                  <ul>
                    {s.conditions.map((c, i) => (
                      <li
                        key={i}
                        className={c.loose ? 'condition loose' : 'condition'}
                        data-testid="condition-explanation"
                        data-loose={c.loose}
                      >
                        <span className="condition-text">{c.text}</span>{' '}
                        <code className="condition-test">{c.test}</code>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
