import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

/** The webhook service's own Postgres schema. */
export const WEBHOOKS_SCHEMA = "webhooks";

export type WebhooksPrisma = PrismaClient;

export function createWebhooksPrisma(databaseUrl: string, poolSize: number): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }, { schema: WEBHOOKS_SCHEMA }) });
}
