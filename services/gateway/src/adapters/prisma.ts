import { type Logger, prismaAdapter } from "@voxbridge/kit";
import { PrismaClient } from "../generated/prisma/client";

/** The gateway's own Postgres schema. */
export const GATEWAY_SCHEMA = "gateway";

export type GatewayPrisma = PrismaClient;

export function createGatewayPrisma(databaseUrl: string, poolSize: number, logger?: Logger): PrismaClient {
  return new PrismaClient({ adapter: prismaAdapter(databaseUrl, GATEWAY_SCHEMA, poolSize, logger) });
}
