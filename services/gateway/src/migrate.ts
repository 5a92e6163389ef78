import path from "node:path";
import { migrate, runMigrationsMain } from "@voxbridge/kit";
import { GATEWAY_SCHEMA } from "./adapters/schema";

/** Applies the gateway's pending migrations to its own schema. */
export const migrateGateway = (databaseUrl: string) =>
  migrate({ databaseUrl, schema: GATEWAY_SCHEMA, migrationsDir: path.join(__dirname, "../prisma/migrations") });

if (require.main === module) runMigrationsMain("gateway", migrateGateway);
