/**
 * A text field with autocomplete over the nodes of the graph (`/api/search`). Arrow keys move
 * through the suggestions, Enter picks, Escape closes (the ARIA combobox pattern). Typing a full
 * key (an ARN, `*`, an account id, a service principal, `sso:…`) and pressing Enter picks it as
 * is; other text with no suggestion to pick stays in the field, the list saying "No match.".
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { getJson } from '../api/client.js';
import type { SearchResponse } from '../api/types.js';
import { useRequest } from '../api/use-request.js';
import { kindLabelOf } from '../graph/node-look.js';
import { useAccountNames } from './account-names.js';
import { looksLikeKey } from './looks-like-key.js';

export interface NodePickerProps {
  label: string;
  value?: string;
  /** Only these kinds are suggested (e.g. buckets for who-can-reach). */
  kinds?: readonly string[];
  testId: string;
  onPick: (key: string | undefined) => void;
}

export function NodePicker({ label, value, kinds, testId, onPick }: NodePickerProps) {
  const [text, setText] = useState(value ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const id = useId();
  const accountNames = useAccountNames();
  useEffect(() => {
    setText(value ?? '');
  }, [value]);
  const query = text.trim();
  const load = useCallback(
    (signal: AbortSignal) =>
      getJson<SearchResponse>(
        'search',
        { q: query, limit: kinds === undefined ? 20 : 100 },
        signal,
      ),
    [query, kinds],
  );
  const state = useRequest(open && query.length >= 2 ? load : undefined, [
    open,
    query,
    kinds?.join(','),
  ]);
  const raw = state.status === 'done' ? state.data.items : [];
  const suggestions = raw.filter((r) => kinds === undefined || kinds.includes(r.kind)).slice(0, 20);

  const pick = (key: string | undefined): void => {
    setOpen(false);
    onPick(key);
  };

  return (
    <div className="node-picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open && suggestions.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        autoComplete="off"
        spellCheck={false}
        data-testid={testId}
        value={text}
        placeholder="name, ARN or account id"
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(i + 1, Math.max(suggestions.length - 1, 0)));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            const chosen = open ? suggestions[active] : undefined;
            if (chosen !== undefined) pick(chosen.key);
            else if (query === '') pick(undefined);
            else if (looksLikeKey(query)) pick(query);
            else setOpen(true);
          } else if (event.key === 'Escape' && open) {
            // Closing the suggestions is all this Escape does (the side panel stays open).
            event.preventDefault();
            setOpen(false);
          }
        }}
        onBlur={() => {
          // Let a click on a suggestion land before the list closes.
          window.setTimeout(() => {
            setOpen(false);
          }, 150);
        }}
      />
      {open && query.length >= 2 ? (
        <ul
          className="suggestions"
          id={`${id}-list`}
          role="listbox"
          data-testid={`${testId}-suggestions`}
        >
          {state.status === 'loading' ? <li className="status">Searching…</li> : null}
          {state.status === 'error' ? (
            <li className="status status-error">{state.error.message}</li>
          ) : null}
          {state.status === 'done' && suggestions.length === 0 ? (
            <li className="status">No match.</li>
          ) : null}
          {suggestions.map((s, i) => (
            <li
              key={s.key}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'suggestion active' : 'suggestion'}
              data-testid="suggestion"
              data-key={s.key}
              onMouseDown={(event) => {
                event.preventDefault();
                setText(s.label);
                pick(s.key);
              }}
            >
              <span className="row-title">{s.label}</span>
              <span className="row-meta">
                {kindLabelOf(s.kind, s.key)}
                {s.accountId === undefined
                  ? ''
                  : ` · ${accountNames.get(s.accountId) ?? s.accountId}`}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
