/**
 * The loading, error and empty states every request shows, in one place so they look and read
 * the same everywhere. The error text comes from the server (or the network) and is rendered as
 * text.
 */
import type { ReactNode } from 'react';
import type { RequestState } from '../api/use-request.js';
import { ApiError } from '../api/client.js';
import { TokenForm } from './TokenForm.js';

export interface RequestStatusProps<T> {
  state: RequestState<T>;
  /** What is being loaded, for the messages ("findings", "paths"). */
  what: string;
  /** True when the answer has nothing to show. */
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  idleText?: string;
  /** How far loading has gone, in words ("40% of 170,000 nodes and edges received"). */
  progress?: string | undefined;
  children: (data: T) => ReactNode;
}

export function RequestStatus<T>({
  state,
  what,
  isEmpty,
  emptyText,
  idleText,
  progress,
  children,
}: RequestStatusProps<T>) {
  switch (state.status) {
    case 'idle':
      return idleText === undefined ? null : <p className="status status-idle">{idleText}</p>;
    case 'loading':
      return (
        <p className="status status-loading" role="status" data-testid="loading">
          Loading {what}…{progress === undefined ? null : ` ${progress}`}
        </p>
      );
    case 'error': {
      if (state.error instanceof ApiError && state.error.status === 401) return <TokenForm />;
      const code = state.error instanceof ApiError ? ` (${state.error.code})` : '';
      return (
        <p className="status status-error" role="alert" data-testid="error">
          Could not load {what}
          {code}: {state.error.message}
        </p>
      );
    }
    case 'done':
      if (isEmpty?.(state.data) === true) {
        return (
          <p className="status status-empty" data-testid="empty">
            {emptyText ?? `No ${what}.`}
          </p>
        );
      }
      return <>{children(state.data)}</>;
  }
}
