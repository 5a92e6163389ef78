import { PrismaPg } from "@prisma/adapter-pg";
import type { Logger } from "../logger";

/**
 * The pg driver adapter for a service's Prisma client, confined to the service's own schema: the
 * adapter qualifies generated queries, and search_path makes raw SQL ($queryRaw) resolve there too.
 * Like createPool's, its pool outlives a Postgres restart: a lost connection is logged and
 * replaced, never an unhandled "error" event that ends the process.
 */
export function prismaAdapter(databaseUrl: string, schema: string, poolSize: number, logger?: Logger): PrismaPg {
  const lost = (error: Error) => logger?.warn({ err: error, schema }, "postgres connection lost");
  return new PrismaPg(
    { connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 5_000, options: `-c search_path=${schema}` },
    { schema, onPoolError: lost, onConnectionError: lost },
  );
}
