import { createListener, type Logger } from "@voxbridge/kit";
import type pg from "pg";
import { takeLivenessLock } from "./instance-store";

/**
 * LISTENs on `<schema>_jobs` (new jobs, ended calls, from any instance) and calls `onWake`.
 * Reconnects after a lost connection; the scheduler's safety poll covers the gap. The same session
 * holds the instance's liveness lock, taken again on every reconnect.
 */
export async function listenForJobs(options: { pool: pg.Pool; schema: string; logger: Logger; onWake: () => void; owner: string }) {
  const listener = createListener({
    onConnect: (client) => takeLivenessLock(client, options.owner),
    pool: options.pool,
    channel: `${options.schema}_jobs`,
    onNotification: options.onWake,
    logger: options.logger,
    name: "dial jobs",
  });
  await listener.start();
  return { stop: listener.stop };
}
