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
 * The plain pg pools confined to the webhooks schema, for the hot paths (batched raw SQL); Prisma
 * serves only the internal API.
 *
 * - `delivery` (claims and attempt records): its commits do not wait for the WAL flush. A crash of
 *   Postgres can lose the last few milliseconds of claims and attempt records, which only means
 *   those deliveries are attempted again (same webhook-id) once their lease ends.
 * - `intake` (events taken in from Kafka, the thing that must not be lost): synchronous commits,
 *   since the Kafka offset is committed right after.
 */
export function createWebhooksPool(databaseUrl: string, max: number, logger?: Logger, use: "delivery" | "intake" = "delivery"): pg.Pool {
  return createPool(databaseUrl, {
    max,
    applicationName: `webhooks-${use}`,
    settings: [`search_path=${WEBHOOKS_SCHEMA}`, ...(use === "delivery" ? ["synchronous_commit=off"] : [])],
    logger,
  });
}
