/**
 * Keeps one broken panel from blanking the page: an answer the code did not expect (the API is
 * untrusted input too) shows an error in place of that panel; the rest keeps working.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  what: string;
  /** A change of this value (e.g. the selected node) clears the error. */
  resetKey?: string;
  children: ReactNode;
}

interface State {
  error?: Error;
  resetKey?: string;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = {};

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { resetKey: props.resetKey, error: undefined };
    return null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn(`trustmap: the ${this.props.what} panel failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error !== undefined) {
      return (
        <p className="status status-error" role="alert" data-testid="panel-error">
          The {this.props.what} could not be shown: {this.state.error.message}
        </p>
      );
    }
    return this.props.children;
  }
}
