/**
 * A callback that goes quiet once its call has settled. Progress reports that cross a thread as a comlink proxy
 * come over a port of their own, and two ports keep no order between them: the last report can arrive after the
 * call's result. An engine in this thread never reports after a call settles; wrapped this way, neither does one
 * across a thread (src/worker/client.ts, server/inference-thread.ts).
 */
export function untilSettled<A extends unknown[]>(
  callback: ((...args: A) => void) | undefined,
): { report: (...args: A) => void; settle: () => void } {
  let open = true;
  return {
    report: (...args: A) => {
      if (open) callback?.(...args);
    },
    settle: () => {
      open = false;
    },
  };
}
