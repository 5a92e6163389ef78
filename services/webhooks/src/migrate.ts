import path from "node:path";
import { type MigrationTimeouts, migrate, runMigrationsMain } from "@voxbridge/kit";
import { WEBHOOKS_SCHEMA } from "./adapters/schema";

/** Applies the webhook service's pending migrations to its own schema. */
export const migrateWebhooks = (databaseUrl: string, timeouts: MigrationTimeouts = {}) =>
  migrate({ databaseUrl, ...timeouts, schema: WEBHOOKS_SCHEMA, migrationsDir: path.join(__dirname, "../prisma/migrations") });

if (require.main === module) runMigrationsMain("webhooks", migrateWebhooks);
