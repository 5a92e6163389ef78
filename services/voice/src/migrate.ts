import path from "node:path";
import { migrate, runMigrationsMain } from "@voxbridge/kit";
import { VOICE_SCHEMA } from "./adapters/schema";

/** Applies the voice service's pending migrations to its own schema. */
export const migrateVoice = (databaseUrl: string) =>
  migrate({ databaseUrl, schema: VOICE_SCHEMA, migrationsDir: path.join(__dirname, "../prisma/migrations") });

if (require.main === module) runMigrationsMain("voice", migrateVoice);
