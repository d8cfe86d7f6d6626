import { Component, type ErrorInfo, type ReactNode } from 'react';
import { FullWindowMessage } from './FullWindowMessage';

interface State {
  error: Error | null;
}

/** Catches a render crash anywhere below and says what to do instead of leaving a blank window. */
export class AppErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Casefile crashed while drawing the page:', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <FullWindowMessage title="Casefile hit a problem">
        <p>
          Something went wrong while showing this page ({error.message || error.name}). Your cases are saved on this
          device; nothing you typed before this message was lost.
        </p>
        <p>Reload Casefile to continue. If this keeps happening, note what you did just before and tell your team.</p>
        <p>
          <button type="button" onClick={() => window.location.reload()}>
            Reload Casefile
          </button>
        </p>
      </FullWindowMessage>
    );
  }
}
