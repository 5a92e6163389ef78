import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

/** The dialer's own Postgres schema. */
export const DIALER_SCHEMA = "dialer";

export type DialerPrisma = PrismaClient;

export function createDialerPrisma(databaseUrl: string, poolSize: number): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }, { schema: DIALER_SCHEMA }) });
}
