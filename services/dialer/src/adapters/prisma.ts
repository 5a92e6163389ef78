import { type Logger, prismaAdapter } from "@voxbridge/kit";
import { PrismaClient } from "../generated/prisma/client";

/** The dialer's own Postgres schema. */
export const DIALER_SCHEMA = "dialer";

export type DialerPrisma = PrismaClient;

export function createDialerPrisma(databaseUrl: string, poolSize: number, logger?: Logger): PrismaClient {
  return new PrismaClient({ adapter: prismaAdapter(databaseUrl, DIALER_SCHEMA, poolSize, logger) });
}
