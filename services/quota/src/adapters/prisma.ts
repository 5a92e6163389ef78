import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

/** The quota service's own Postgres schema. */
export const QUOTA_SCHEMA = "quota";

export type QuotaPrisma = PrismaClient;

export function createQuotaPrisma(databaseUrl: string, poolSize: number): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }, { schema: QUOTA_SCHEMA }) });
}
