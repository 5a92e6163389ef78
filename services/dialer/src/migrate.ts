import path from "node:path";
import { type MigrationTimeouts, migrate, runMigrationsMain } from "@voxbridge/kit";
import { DIALER_SCHEMA } from "./adapters/schema";

/** Applies the dialer's pending migrations to its own schema. */
export const migrateDialer = (databaseUrl: string, timeouts: MigrationTimeouts = {}) =>
  migrate({ databaseUrl, ...timeouts, schema: DIALER_SCHEMA, migrationsDir: path.join(__dirname, "../prisma/migrations") });

if (require.main === module) runMigrationsMain("dialer", migrateDialer);
