import { baseEnvShape, envFlag, LOCAL_SERVICE_TOKEN, loadConfigOrExit, localDefault, parseConfig } from "@voxbridge/kit";
import { z } from "zod";

const gatewayEnv = {
  ...baseEnvShape,
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Management port: /healthz, /readyz and Prometheus /metrics (never served on GATEWAY_PORT). */
  MANAGEMENT_PORT: z.coerce.number().int().min(0).max(65535).default(9080),
  /** Base URL of the quota service's internal API. */
  QUOTA_URL: localDefault(z.string().url().default("http://127.0.0.1:8081")),
  /** Base URL of the webhook service's internal API (webhook endpoints and the delivery log). */
  WEBHOOKS_URL: localDefault(z.string().url().default("http://127.0.0.1:8083")),
  /** This caller's tokens for the quota and webhook services' internal APIs. Never logged. */
  QUOTA_API_TOKEN: localDefault(z.string().min(16).default(LOCAL_SERVICE_TOKEN)),
  WEBHOOKS_API_TOKEN: localDefault(z.string().min(16).default(LOCAL_SERVICE_TOKEN)),
  /** How long an API key lookup is trusted before Postgres is asked again (revocation delay). */
  API_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).default(30_000),
  /** How long an agent lookup for new calls is cached; changes through another instance show within it. */
  AGENT_CACHE_TTL_MS: z.coerce.number().int().min(0).default(5_000),
  /** `simulator` (development) or a live carrier; with a live carrier `from` becomes required. */
  TELEPHONY_ADAPTER: z.enum(["simulator", "twilio"]).default("simulator"),
  DB_POOL_SIZE: z.coerce.number().int().positive().default(20),
  /** Largest accepted JSON body. */
  BODY_LIMIT: z.string().default("64kb"),
  /** Largest accepted body of POST /v1/calls/batch (up to 1,000 create bodies). */
  BATCH_BODY_LIMIT: z.string().default("4mb"),
  /** Gateway instances in this group share the projection of lifecycle events onto call records. */
  GATEWAY_GROUP_ID: z.string().min(1).default("gateway"),
  /** Requests per API key per window, across all gateway instances (Redis). */
  RATE_LIMIT_PER_WINDOW: z.coerce.number().int().positive().default(6000),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(60_000),
  /** Local runs allow webhook URLs on loopback/private networks; production never. */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: envFlag,
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
export const loadGatewayConfig = (env: Record<string, string | undefined>) => parseConfig(gatewayEnv, env);
export const loadGatewayConfigOrExit = () => loadConfigOrExit(gatewayEnv, process.env);
