import path from "node:path";
import { type MigrationTimeouts, migrate, runMigrationsMain } from "@voxbridge/kit";
import { GATEWAY_SCHEMA } from "./adapters/schema";

/** Applies the gateway's pending migrations to its own schema. */
export const migrateGateway = (databaseUrl: string, timeouts: MigrationTimeouts = {}) =>
  migrate({ databaseUrl, ...timeouts, schema: GATEWAY_SCHEMA, migrationsDir: path.join(__dirname, "../prisma/migrations") });

if (require.main === module) runMigrationsMain("gateway", migrateGateway);
