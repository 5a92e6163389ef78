import path from "node:path";
import { type MigrationTimeouts, migrate, runMigrationsMain } from "@voxbridge/kit";
import { QUOTA_SCHEMA } from "./adapters/schema";

/** Applies the quota service's pending migrations to its own schema. */
export const migrateQuota = (databaseUrl: string, timeouts: MigrationTimeouts = {}) =>
  migrate({ databaseUrl, ...timeouts, schema: QUOTA_SCHEMA, migrationsDir: path.join(__dirname, "../prisma/migrations") });

if (require.main === module) runMigrationsMain("quota", migrateQuota);
