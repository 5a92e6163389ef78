import { prismaAdapter } from "@voxbridge/kit";
import { PrismaClient } from "../generated/prisma/client";

/** The webhook service's own Postgres schema. */
export const WEBHOOKS_SCHEMA = "webhooks";

export type WebhooksPrisma = PrismaClient;

export function createWebhooksPrisma(databaseUrl: string, poolSize: number): PrismaClient {
  return new PrismaClient({ adapter: prismaAdapter(databaseUrl, WEBHOOKS_SCHEMA, poolSize) });
}
