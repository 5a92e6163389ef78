import { baseEnvShape, envFlag, loadConfigOrExit, localDefault, localServiceTokens, parseConfig, serviceTokensOf } from "@voxbridge/kit";
import { z } from "zod";
import { PRODUCTION_RETRY_SECONDS, parseRetrySchedule } from "./domain/retry-schedule";
import { createSecretKeyring, parseSecretKeys, type SecretKeyring } from "./domain/secret-keyring";
import { WEBHOOKS_CALLERS } from "./http/callers";

/** A fixed key for local runs and tests only: a production process refuses to start on it. */
const LOCAL_WEBHOOK_SECRET_KEYS = "local:bG9jYWwtZGV2ZWxvcG1lbnQtb25seS1rZXktMzJiISE=";

/**
 * The keys that encrypt signing secrets at rest. The service, its migration step and the operator
 * CLI (which stores a new org's secret) all read them (docs/secrets.md).
 */
const secretKeyEnv = {
  NODE_ENV: baseEnvShape.NODE_ENV,
  /** `id:base64key,…`, each key 32 random bytes (`openssl rand -base64 32`); old keys stay listed until nothing uses them. */
  WEBHOOK_SECRET_KEYS: localDefault(
    z
      .string()
      .default(LOCAL_WEBHOOK_SECRET_KEYS)
      .superRefine((value, ctx) => {
        const problem = keyListProblem(value);
        if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
      }),
  ),
  /** The id of the key that encrypts new and re-encrypted secrets; optional when one key is listed. */
  WEBHOOK_SECRET_ACTIVE_KEY_ID: z.string().min(1).optional(),
};

function keyListProblem(value: string): string | null {
  try {
    parseSecretKeys(value);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

const secretKeyChecks = (config: { WEBHOOK_SECRET_KEYS: string; WEBHOOK_SECRET_ACTIVE_KEY_ID?: string | undefined }): string[] => {
  try {
    secretKeyringOf(config);
    return [];
  } catch (error) {
    return [`WEBHOOK_SECRET_ACTIVE_KEY_ID: ${(error as Error).message}`];
  }
};

/** The keyring a valid configuration describes. */
export const secretKeyringOf = (config: {
  WEBHOOK_SECRET_KEYS: string;
  WEBHOOK_SECRET_ACTIVE_KEY_ID?: string | undefined;
}): SecretKeyring => createSecretKeyring(parseSecretKeys(config.WEBHOOK_SECRET_KEYS), config.WEBHOOK_SECRET_ACTIVE_KEY_ID);

/** The keyring from an environment alone (the migration step, the operator CLI); throws a ConfigError when invalid. */
export const loadSecretKeyring = (env: Record<string, string | undefined>) =>
  secretKeyringOf(parseConfig(secretKeyEnv, env, [secretKeyChecks]));

const webhooksEnv = {
  ...baseEnvShape,
  ...secretKeyEnv,
  /** Health, readiness, metrics and the internal endpoints/deliveries API the gateway calls; events arrive over Kafka. */
  WEBHOOKS_PORT: z.coerce.number().int().min(0).max(65535).default(8083),
  /** Management port: /healthz, /readyz and Prometheus /metrics (never served on WEBHOOKS_PORT). */
  MANAGEMENT_PORT: z.coerce.number().int().min(0).max(65535).default(9083),
  /** Callers of the internal API and their tokens: `gateway=…,operator=…` (README, service credentials). */
  INTERNAL_API_TOKENS: localDefault(z.string().default(localServiceTokens(WEBHOOKS_CALLERS)).pipe(serviceTokensOf(WEBHOOKS_CALLERS))),
  WEBHOOKS_GROUP_ID: z.string().min(1).default("webhooks"),
  /** Local runs deliver to loopback/private addresses; production never does. */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: envFlag,
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /**
   * Seconds between attempts, comma-separated; after the last the delivery fails. Unset: in
   * production 5,300,1800,7200,18000,36000,36000 with ±10 % jitter, elsewhere 1,2,4,8,16 without.
   */
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .optional()
    .refine((value) => value === undefined || isSchedule(value), "comma-separated non-negative seconds"),
  /** Whole-attempt deadline (connect, headers, body); a slower answer is a failure. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** Largest body sent; a bigger event fails its delivery with a clear error rather than being truncated. */
  WEBHOOK_MAX_PAYLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024),
  /** Response bytes read (then discarded) before the connection is dropped. */
  WEBHOOK_MAX_RESPONSE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024),
  /** Attempts in flight per instance. */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().positive().default(256),
  /** How often due retries are looked for; new events wake the worker at once. */
  WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(1_000),
};

function isSchedule(value: string): boolean {
  try {
    parseRetrySchedule(value);
    return true;
  } catch {
    return false;
  }
}

/** The retry policy this configuration asks for. */
export function retryPolicyOf(config: Pick<WebhooksConfig, "NODE_ENV" | "WEBHOOK_RETRY_SCHEDULE">) {
  if (config.WEBHOOK_RETRY_SCHEDULE !== undefined) return { delaysSeconds: parseRetrySchedule(config.WEBHOOK_RETRY_SCHEDULE), jitter: 0 };
  if (config.NODE_ENV === "production") return { delaysSeconds: [...PRODUCTION_RETRY_SECONDS], jitter: 0.1 };
  return { delaysSeconds: [1, 2, 4, 8, 16], jitter: 0 };
}

export type WebhooksConfig = ReturnType<typeof loadWebhooksConfig>;
export const loadWebhooksConfig = (env: Record<string, string | undefined>) => parseConfig(webhooksEnv, env, [secretKeyChecks]);
export const loadWebhooksConfigOrExit = () => loadConfigOrExit(webhooksEnv, process.env, [secretKeyChecks]);
