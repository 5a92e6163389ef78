import type { Logger } from "./logger";
import { stopTracing } from "./tracing";

export type ShutdownStep = { name: string; run: () => Promise<void> };

/** `SHUTDOWN_DRAIN_SECONDS` and `SHUTDOWN_TIMEOUT_MS`, from the base configuration. */
export type ShutdownSettings = { SHUTDOWN_DRAIN_SECONDS: number; SHUTDOWN_TIMEOUT_MS: number };

let draining = false;

/**
 * True once the process was told to stop: `/readyz` answers 503 `draining`, and every response
 * closes its connection so clients and proxies stop reusing it, while requests are still served.
 */
export const isDraining = (): boolean => draining;

/** Starts draining (see `isDraining`); `exitOnSignals` calls it on SIGTERM. */
export function startDraining(): void {
  draining = true;
}

/**
 * On SIGTERM: fail readiness at once, keep serving for `SHUTDOWN_DRAIN_SECONDS` (time for the load
 * balancer to see the pod unready, or its endpoint removed, and route new requests elsewhere), then
 * run the steps in order (stop intake first, close connections last) and exit 0; exit 1 if the steps
 * take longer than `SHUTDOWN_TIMEOUT_MS`. SIGINT (Ctrl-C in a terminal, with no balancer in front)
 * skips the drain. A second signal exits at once. The whole stop takes at most drain + timeout,
 * which must fit in the orchestrator's grace period (`terminationGracePeriodSeconds`).
 */
export function exitOnSignals(logger: Logger, settings: ShutdownSettings, steps: () => ShutdownStep[]): void {
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) {
      logger.warn({ signal }, "second signal; exiting now");
      process.exit(1);
    }
    shuttingDown = true;
    startDraining();
    const drainMs = signal === "SIGTERM" ? settings.SHUTDOWN_DRAIN_SECONDS * 1000 : 0;
    if (drainMs > 0) {
      logger.info({ signal, drainSeconds: settings.SHUTDOWN_DRAIN_SECONDS }, "draining: not ready, still serving");
      await new Promise((resolve) => setTimeout(resolve, drainMs));
    }
    logger.info({ signal }, "shutting down");
    const timeoutMs = settings.SHUTDOWN_TIMEOUT_MS;
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, "shutdown timed out; exiting");
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    for (const step of steps()) {
      try {
        await step.run();
      } catch (error) {
        logger.error({ err: error, step: step.name }, "shutdown step failed");
      }
    }
    // Last: the spans of the shutdown itself are exported too.
    await stopTracing().catch((error: unknown) => logger.warn({ err: error }, "exporting the last spans failed"));
    logger.info("shutdown complete");
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}
