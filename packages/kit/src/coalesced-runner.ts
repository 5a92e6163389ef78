/**
 * Runs `pass` on demand, never two at once: wake-ups that arrive during a run ask for exactly one
 * more pass after it, however many there were. `onError` says what a failed pass leads to: true to
 * run again at once (after any wait it did itself), false to wait for the next wake-up.
 * Used by the outbox relay and the dialer's scheduler, woken by NOTIFY, timers and polls.
 */
export function createCoalescedRunner(options: {
  pass: () => Promise<unknown>;
  isStopped: () => boolean;
  onError: (error: unknown) => Promise<boolean> | boolean;
}): { wake: () => void; idle: () => Promise<void> } {
  let running: Promise<void> | undefined;
  let again = false;
  return {
    wake: () => {
      if (options.isStopped()) return;
      if (running !== undefined) {
        again = true;
        return;
      }
      running = (async () => {
        do {
          again = false;
          try {
            await options.pass();
          } catch (error) {
            if (await options.onError(error)) again = true;
          }
        } while (again && !options.isStopped());
      })().finally(() => {
        running = undefined;
      });
    },
    idle: async () => {
      await running;
    },
  };
}
