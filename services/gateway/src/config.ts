import { VoiceEngine } from "@voxbridge/contracts";
import {
  baseEnvShape,
  commaList,
  envFlag,
  LOCAL_SERVICE_TOKEN,
  loadConfigOrExit,
  localDefault,
  parseConfig,
  redisEnvShape,
} from "@voxbridge/kit";
import { z } from "zod";

const gatewayEnv = {
  ...baseEnvShape,
  ...redisEnvShape,
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Management port: /healthz, /readyz and Prometheus /metrics (never served on GATEWAY_PORT). */
  MANAGEMENT_PORT: z.coerce.number().int().min(0).max(65535).default(9080),
  /** Base URL of the quota service's internal API. */
  QUOTA_URL: localDefault(z.string().url().default("http://127.0.0.1:8081")),
  /** Base URL of the webhook service's internal API (webhook endpoints and the delivery log). */
  WEBHOOKS_URL: localDefault(z.string().url().default("http://127.0.0.1:8083")),
  /**
   * Base URL of the voice service's internal API, through which recordings are served, and this
   * caller's token for it (never logged). Unset: the local voice service in development; in
   * production the recording routes answer 503 until it is set.
   */
  VOICE_URL: z.string().url().optional(),
  VOICE_API_TOKEN: z.string().min(16).optional(),
  /**
   * Realtime engines the deployment holds credentials for (the voice service has the keys), comma
   * separated; `local` is always available. An agent naming another engine is refused with 422.
   */
  VOICE_ENGINES: commaList("local").pipe(z.array(VoiceEngine)),
  /**
   * The realtime provider's models agents may choose, comma separated (the deployment's provider
   * account pays for them). An agent naming another is refused with 422; null keeps the voice
   * service's default (OPENAI_REALTIME_MODEL there).
   */
  OPENAI_REALTIME_MODELS: commaList("gpt-realtime,gpt-realtime-mini"),
  /**
   * The realtime provider's session limit (as the voice service's setting of the same name): an agent
   * on a realtime engine may last at most a minute less (`max_duration_seconds`), else 422.
   */
  OPENAI_REALTIME_SESSION_SECONDS: z.coerce.number().int().min(120).default(3_600),
  /** Days a call's transcript and answers are kept in the gateway's rows (the recording's own lifecycle rule matches it). */
  TRANSCRIPT_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
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
  /**
   * How long POST /v1/calls/{id}/cancel of a call not yet dialed waits for the dialer to end it
   * (answering 200 with the canceled record) before answering 202 with the request recorded.
   */
  CANCEL_WAIT_MS: z.coerce.number().int().min(0).max(10_000).default(2_500),
  /** Local runs allow webhook URLs on loopback/private networks; production never. */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: envFlag,
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/** The voice service's internal API as this process reaches it: the local one in development, none in production until set. */
export function voiceServiceOf(config: GatewayConfig): { url: string; token: string } | null {
  const local = config.NODE_ENV !== "production";
  const url = config.VOICE_URL ?? (local ? "http://127.0.0.1:8084" : undefined);
  const token = config.VOICE_API_TOKEN ?? (local ? LOCAL_SERVICE_TOKEN : undefined);
  return url && token ? { url, token } : null;
}
export const loadGatewayConfig = (env: Record<string, string | undefined>) => parseConfig(gatewayEnv, env);
export const loadGatewayConfigOrExit = () => loadConfigOrExit(gatewayEnv, process.env);
