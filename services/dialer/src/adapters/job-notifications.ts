import { type Logger, quoteIdent } from "@voxbridge/kit";
import type pg from "pg";

/**
 * LISTENs on `<schema>_jobs` (new jobs, ended calls, from any instance) and calls `onWake`.
 * Reconnects after a lost connection; the scheduler's safety poll covers the gap.
 */
export async function listenForJobs(options: { pool: pg.Pool; schema: string; logger: Logger; onWake: () => void }) {
  const channel = quoteIdent(`${options.schema}_jobs`);
  let client: pg.PoolClient | undefined;
  let stopped = false;
  const connect = async () => {
    const c = await options.pool.connect();
    c.on("notification", options.onWake);
    c.on("error", (error) => {
      options.logger.warn({ err: error }, "job listener connection lost; reconnecting");
      c.release(true);
      client = undefined;
      if (!stopped)
        setTimeout(() => void connect().catch((e: unknown) => options.logger.error({ err: e }, "job listener reconnect failed")), 1_000);
    });
    await c.query(`LISTEN ${channel}`);
    client = c;
  };
  await connect();
  return {
    stop: async () => {
      stopped = true;
      if (client) {
        await client.query(`UNLISTEN ${channel}`).catch(() => undefined);
        client.release();
        client = undefined;
      }
    },
  };
}
