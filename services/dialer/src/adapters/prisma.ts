import { type Logger, prismaAdapter } from "@voxbridge/kit";
import { PrismaClient } from "../generated/prisma/client";
import { DIALER_SCHEMA } from "./schema";

export { DIALER_SCHEMA };

export type DialerPrisma = PrismaClient;

export function createDialerPrisma(databaseUrl: string, poolSize: number, logger?: Logger): PrismaClient {
  return new PrismaClient({ adapter: prismaAdapter(databaseUrl, DIALER_SCHEMA, poolSize, logger) });
}
