import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

/** The gateway's own Postgres schema. */
export const GATEWAY_SCHEMA = "gateway";

export type GatewayPrisma = PrismaClient;

export function createGatewayPrisma(databaseUrl: string, poolSize: number): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }, { schema: GATEWAY_SCHEMA }) });
}
