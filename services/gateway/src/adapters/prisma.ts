import { type Logger, prismaAdapter } from "@voxbridge/kit";
import { PrismaClient } from "../generated/prisma/client";
import { GATEWAY_SCHEMA } from "./schema";

export { GATEWAY_SCHEMA };

export type GatewayPrisma = PrismaClient;

export function createGatewayPrisma(databaseUrl: string, poolSize: number, logger?: Logger): PrismaClient {
  return new PrismaClient({ adapter: prismaAdapter(databaseUrl, GATEWAY_SCHEMA, poolSize, logger) });
}
