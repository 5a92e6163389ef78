import type { Logger } from "./logger";

export type PeriodicTask = {
  /** Runs the task now (or waits for the run in progress). */
  runNow: () => Promise<void>;
  /** Stops the timer and waits for a run in progress. */
  stop: () => Promise<void>;
};

/**
 * Runs `task` every `intervalMs`, first after `firstAfterMs` (default: one interval), never two runs at once in this process.
 * A failing run is logged and the next one comes on time. The timer never keeps the process alive.
 */
export function startPeriodic(options: {
  name: string;
  intervalMs: number;
  firstAfterMs?: number;
  task: () => Promise<unknown>;
  logger: Logger;
}): PeriodicTask {
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const run = (): Promise<void> => {
    running ??= options
      .task()
      .then(
        () => undefined,
        (error: unknown) => options.logger.error({ err: error, task: options.name }, "periodic task failed"),
      )
      .finally(() => {
        running = null;
      });
    return running;
  };
  const schedule = (delayMs = options.intervalMs) => {
    if (stopped) return;
    timer = setTimeout(() => void run().finally(() => schedule()), delayMs);
    timer.unref();
  };
  schedule(options.firstAfterMs ?? options.intervalMs);

  return {
    runNow: run,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
