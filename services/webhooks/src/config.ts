import { baseEnvShape, envFlag, loadConfigOrExit, parseConfig } from "@voxbridge/kit";
import { z } from "zod";

const webhooksEnv = {
  ...baseEnvShape,
  /** Health, readiness and metrics only; events arrive over Kafka. */
  WEBHOOKS_PORT: z.coerce.number().int().min(0).max(65535).default(8083),
  WEBHOOKS_GROUP_ID: z.string().min(1).default("webhooks"),
  /** Local runs deliver to loopback/private addresses; production never does. */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: envFlag,
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
};

export type WebhooksConfig = ReturnType<typeof loadWebhooksConfig>;
export const loadWebhooksConfig = (env: Record<string, string | undefined>) => parseConfig(webhooksEnv, env);
export const loadWebhooksConfigOrExit = () => loadConfigOrExit(webhooksEnv, process.env);
