import type pg from "pg";
import type { Logger } from "../logger";
import { retryWithBackoff } from "../retry";
import { quoteIdent } from "./database";

/**
 * A LISTEN on one channel that outlives its connection: when the connection is lost (a Postgres
 * restart, a failover), it reconnects with backoff until it succeeds or is stopped, then calls
 * `onNotification` once, since notifications sent while it was away are gone. Callers keep a
 * safety poll for the time it is away.
 *
 * `onConnect` runs on each new session after its LISTEN (to take session state such as an advisory
 * lock); the session is closed, never returned to the pool, when the listener stops.
 */
export function createListener(options: {
  pool: pg.Pool;
  channel: string;
  onNotification: () => void;
  logger: Logger;
  name: string;
  onConnect?: (client: pg.PoolClient) => Promise<void>;
}) {
  let client: pg.PoolClient | undefined;
  let stopped = false;

  const connect = async () => {
    const c = await options.pool.connect();
    c.on("notification", options.onNotification);
    c.on("error", (error) => {
      if (client !== c) return;
      client = undefined;
      c.release(true);
      options.logger.warn({ err: error, listener: options.name }, "listener connection lost; reconnecting");
      reconnect();
    });
    try {
      await c.query(`LISTEN ${quoteIdent(options.channel)}`);
      await options.onConnect?.(c);
    } catch (error) {
      c.release(true);
      throw error;
    }
    client = c;
  };

  const reconnect = () =>
    void retryWithBackoff(
      async () => {
        if (stopped) return;
        await connect();
        options.logger.info({ listener: options.name }, "listener reconnected");
        options.onNotification();
      },
      { shouldRetry: () => !stopped, initialDelayMs: 1_000, maxDelayMs: 5_000, unref: true },
    ).catch(() => undefined);

  return {
    start: connect,
    stop: async () => {
      stopped = true;
      const c = client;
      client = undefined;
      c?.release(true);
    },
  };
}
