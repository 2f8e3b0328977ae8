/** How to retry: delays double from `initialMs` up to `maxMs`; `signal` ends the retrying. */
export interface RetryOptions {
  /** First delay (ms). Default 250. */
  initialMs?: number;
  /** Longest delay (ms). Default 10000. */
  maxMs?: number;
  /** Aborting it stops retrying; the promise then rejects with the last error. */
  signal?: AbortSignal;
  /** Told about each failure before the wait (for the log). */
  onFailure?(error: unknown, attempt: number, nextDelayMs: number): void;
  /** The wait; injected so tests need not sleep. Default: a timer that the signal cancels. */
  wait?(ms: number, signal?: AbortSignal): Promise<void>;
}

function defaultWait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

/**
 * Runs `fn` until it succeeds, waiting with exponential backoff between attempts: a service
 * whose source is not up yet keeps trying instead of exiting.
 */
export async function retryWithBackoff<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { initialMs = 250, maxMs = 10_000, signal, onFailure, wait = defaultWait } = options;
  let delay = initialMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (signal?.aborted) throw error;
      onFailure?.(error, attempt, delay);
      await wait(delay, signal);
      if (signal?.aborted) throw error;
      delay = Math.min(delay * 2, maxMs);
    }
  }
}
