/**
 * Runs `attempt` until it resolves, waiting between failures with exponential backoff (doubling
 * from `initialDelayMs` up to `maxDelayMs`), while `shouldRetry(error, failures)` says so; else
 * rejects with the last error. One loop for the services' waits on a store to come back (LISTEN
 * reconnects, carrier reports, hold releases). Written here rather than taken from p-retry, which
 * is an ES module that the CommonJS services and Jest cannot require.
 */
export async function retryWithBackoff<T>(
  attempt: () => Promise<T>,
  options: { shouldRetry: (error: unknown, failures: number) => boolean; initialDelayMs: number; maxDelayMs: number; unref?: boolean },
): Promise<T> {
  for (let failures = 1, delayMs = options.initialDelayMs; ; failures++, delayMs = Math.min(delayMs * 2, options.maxDelayMs)) {
    try {
      return await attempt();
    } catch (error) {
      if (!options.shouldRetry(error, failures)) throw error;
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        if (options.unref) timer.unref();
      });
    }
  }
}
