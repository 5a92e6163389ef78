import { z } from "zod";
import { localDefault } from "../env-values";

/**
 * How every service reaches Postgres: part of the base configuration. TLS is the connection
 * string's own libpq parameters (`sslmode=verify-full&sslrootcert=/path/ca.pem`), and each service
 * may connect as its own role (docs/managed-infrastructure.md).
 */
export const postgresEnvShape = {
  /**
   * Postgres server, database and the service's own role; each service keeps to its own schema
   * inside it. TLS: `?sslmode=verify-full&sslrootcert=/etc/voxbridge/postgres/ca.pem`.
   */
  DATABASE_URL: localDefault(z.string().url().default("postgresql://postgres@127.0.0.1:5432/voxbridge")),
  /** Migrations: how long a statement waits for a table lock before the run fails (and can be run again). */
  MIGRATION_LOCK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Migrations: how long one statement may run. */
  MIGRATION_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(900_000),
};
