import { createPool, type Logger, prismaAdapter } from "@voxbridge/kit";
import type pg from "pg";
import { PrismaClient } from "../generated/prisma/client";
import { WEBHOOKS_SCHEMA } from "./schema";

export { WEBHOOKS_SCHEMA };

export type WebhooksPrisma = PrismaClient;

export function createWebhooksPrisma(databaseUrl: string, poolSize: number, logger?: Logger): PrismaClient {
  return new PrismaClient({ adapter: prismaAdapter(databaseUrl, WEBHOOKS_SCHEMA, poolSize, logger) });
}

/**
 * A plain pg pool confined to the webhooks schema, for the delivery hot paths (claims and attempt
 * records, batched raw SQL). Its commits do not wait for the WAL flush: a crash of Postgres can lose
 * the last few milliseconds of claims and attempt records, which only means those deliveries are
 * attempted again (same webhook-id) once their lease ends. Event intake, the thing that must not be
 * lost, goes through Prisma with synchronous commits before the Kafka offset is committed.
 */
export function createWebhooksPool(databaseUrl: string, max: number, logger?: Logger): pg.Pool {
  return createPool(databaseUrl, {
    max,
    applicationName: "webhooks-delivery",
    settings: [`search_path=${WEBHOOKS_SCHEMA}`, "synchronous_commit=off"],
    logger,
  });
}
