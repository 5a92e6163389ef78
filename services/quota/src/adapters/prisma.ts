import { type Logger, prismaAdapter } from "@voxbridge/kit";
import { PrismaClient } from "../generated/prisma/client";

/** The quota service's own Postgres schema. */
export const QUOTA_SCHEMA = "quota";

export type QuotaPrisma = PrismaClient;

export function createQuotaPrisma(databaseUrl: string, poolSize: number, logger?: Logger): PrismaClient {
  return new PrismaClient({ adapter: prismaAdapter(databaseUrl, QUOTA_SCHEMA, poolSize, logger) });
}
