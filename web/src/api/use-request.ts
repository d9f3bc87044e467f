/**
 * `useRequest(load, deps)`: runs an API call when its inputs change and exposes the four states
 * every view must render — idle (nothing asked), loading, error, done. A newer request aborts
 * the older one, so a slow answer never overwrites a newer view.
 */
import { useEffect, useState } from 'react';

export type RequestState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'done'; data: T };

export function useRequest<T>(
  load: ((signal: AbortSignal) => Promise<T>) | undefined,
  deps: readonly unknown[],
): RequestState<T> {
  const [state, setState] = useState<RequestState<T>>({
    status: load === undefined ? 'idle' : 'loading',
  });
  useEffect(() => {
    if (load === undefined) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'done', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: 'error',
          error: error instanceof Error ? error : new Error(String(error)),
        });
      },
    );
    return () => {
      controller.abort();
    };
  }, deps);
  return state;
}
