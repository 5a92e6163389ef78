import { type Logger, prismaAdapter } from "@voxbridge/kit";
import { PrismaClient } from "../generated/prisma/client";
import { QUOTA_SCHEMA } from "./schema";

export function createQuotaPrisma(databaseUrl: string, poolSize: number, logger?: Logger): PrismaClient {
  return new PrismaClient({ adapter: prismaAdapter(databaseUrl, QUOTA_SCHEMA, poolSize, logger) });
}
