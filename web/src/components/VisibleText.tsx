/**
 * Untrusted text in the dashboard (names, ARNs, paths, account names): shown through
 * `visibleTextView` (visible-text.ts) so that a name cannot disguise itself with bidi or control
 * characters and a 100,000-character value does not flood the panel; the full value is one
 * click away. React renders it as text, never as HTML.
 */
import { useState } from 'react';
import { visibleTextView } from './visible-text.js';

export function VisibleText({ text, max = 200 }: { text: string; max?: number }) {
  const [expanded, setExpanded] = useState(false);
  const view = visibleTextView(text, max, expanded);
  return (
    <span
      className={view.marked ? 'visible-text has-invisible' : 'visible-text'}
      data-testid="visible-text"
    >
      {view.shown}
      {view.long ? (
        <button
          type="button"
          className="link show-all"
          onClick={() => {
            setExpanded(!expanded);
          }}
        >
          {expanded ? 'show less' : `show all ${String(view.total)} characters`}
        </button>
      ) : null}
    </span>
  );
}
