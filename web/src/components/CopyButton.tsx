/**
 * A button that copies a value (an ARN) to the clipboard and says whether it did: "Copied", or,
 * where the browser refuses (no Clipboard API outside a secure context — the dashboard behind a
 * plain-HTTP proxy —, permission denied), that the value is to be selected by hand. Before, a
 * click gave no sign either way and a refusal was an unhandled rejection.
 */
import { useEffect, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

const RESET_MS = 2000;

export function CopyButton({
  value,
  label,
  testId,
}: {
  value: string;
  label: string;
  testId?: string;
}) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => {
      setState('idle');
    }, RESET_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [state]);
  return (
    <button
      type="button"
      className="copy"
      data-testid={testId}
      data-state={state}
      onClick={() => {
        // `navigator.clipboard` is undefined outside a secure context, whatever the types say.
        const clipboard = navigator.clipboard as Clipboard | undefined;
        if (clipboard === undefined) {
          setState('failed');
          return;
        }
        clipboard.writeText(value).then(
          () => {
            setState('copied');
          },
          () => {
            setState('failed');
          },
        );
      }}
    >
      {state === 'copied'
        ? 'Copied'
        : state === 'failed'
          ? 'Could not copy: select the text'
          : label}
    </button>
  );
}
