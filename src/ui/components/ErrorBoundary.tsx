import { Component, type ErrorInfo, type ReactNode } from 'react';
import { recordCrash } from '../store/crash-guard';

interface Props {
  /** Names the panel in the message, e.g. "Model panel". */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * Keeps a render error inside one panel: the rest of the app stays usable, the panel says what failed,
 * and the state that crashed is not saved (crash-guard.ts), so a reload starts clean.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    recordCrash();
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel error-panel" role="alert">
        <p>
          The {this.props.name} hit an error and stopped: {error.message || error.name}. The rest of the app
          still works. Nothing is saved from now on, so reloading the page starts clean.
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
