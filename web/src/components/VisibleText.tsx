/**
 * Untrusted text in the dashboard (names, ARNs, paths, account names, descriptions): control,
 * bidirectional and invisible characters shown as escapes (`\u202e`) so that a name cannot
 * disguise itself, and a long value cut to `max` characters with the full value one click away
 * (docs/security.md). React already renders it as text, never as HTML.
 */
import { useState } from 'react';
import {
  escapeInvisible,
  hasInvisible,
  textWidth,
  truncateText,
} from '../../../shared/text/visible-text.js';

export function VisibleText({ text, max = 200 }: { text: string; max?: number }) {
  const [full, setFull] = useState(false);
  const long = textWidth(text) > max;
  const shown = escapeInvisible(full || !long ? text : truncateText(text, max));
  return (
    <span
      className={hasInvisible(text) ? 'visible-text has-invisible' : 'visible-text'}
      data-testid="visible-text"
    >
      {shown}
      {long ? (
        <button
          type="button"
          className="link show-all"
          onClick={() => {
            setFull(!full);
          }}
        >
          {full ? 'show less' : `show all ${String(textWidth(text))} characters`}
        </button>
      ) : null}
    </span>
  );
}
