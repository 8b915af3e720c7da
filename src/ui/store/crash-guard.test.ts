/**
 * Issue 10, item 4: state that crashed the UI is never restored. After an error boundary catches, the saved
 * state is set aside, later changes are not written, and the next start says so once and starts clean.
 */
import { describe, expect, it } from 'vitest';
import { stubBrowserStorage } from '../../../test/support/ui-node';

stubBrowserStorage();

const { useStore, STORAGE_KEY } = await import('./store');
const { CRASHED_STATE_KEY, crashRecorded, takeCrashNotice } = await import('./crash-guard');
const { ErrorBoundary } = await import('../components/ErrorBoundary');

describe('crash guard', () => {
  it('an error boundary catching sets the saved state aside and stops saving', () => {
    useStore.getState().setSystem('before the crash');
    expect(localStorage.getItem(STORAGE_KEY)).toContain('before the crash');

    const boundary = new ErrorBoundary({ name: 'ranking', children: null });
    expect(
      ErrorBoundary.getDerivedStateFromError(new RangeError('Maximum call stack size exceeded')),
    ).toEqual({
      error: new RangeError('Maximum call stack size exceeded'),
    });
    boundary.componentDidCatch(new RangeError('Maximum call stack size exceeded'), { componentStack: '' });
    expect(crashRecorded()).toBe(true);
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    expect(localStorage.getItem(CRASHED_STATE_KEY)).toContain('before the crash');

    useStore.getState().setSystem('after the crash');
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();

    expect(takeCrashNotice()).toMatch(/not restored/);
    expect(takeCrashNotice()).toBeNull();
  });
});
