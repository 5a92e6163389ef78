import {
  baseEnvShape,
  envFlag,
  loadConfigOrExit,
  localDefault,
  localServiceTokens,
  parseConfig,
  redisEnvShape,
  serviceTokensOf,
} from "@voxbridge/kit";
import { z } from "zod";
import { QUOTA_CALLERS } from "./http/callers";

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const quotaEnv = {
  ...baseEnvShape,
  ...redisEnvShape,
  QUOTA_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  /** Management port: /healthz, /readyz and Prometheus /metrics (never served on QUOTA_PORT). */
  MANAGEMENT_PORT: z.coerce.number().int().min(0).max(65535).default(9081),
  /** Callers of the internal API and their tokens: `gateway=…,dialer=…,operator=…` (README, service credentials). */
  INTERNAL_API_TOKENS: localDefault(z.string().default(localServiceTokens(QUOTA_CALLERS)).pipe(serviceTokensOf(QUOTA_CALLERS))),
  /** Minutes each accepted call holds until it ends (then real minutes are billed). */
  QUOTA_HOLD_MINUTES: z.coerce.number().int().positive().default(1),
  /** Consumer group for lifecycle events. Unset: "quota", after KAFKA_TOPIC_PREFIX when one is set (one group per stack). */
  QUOTA_GROUP_ID: z.string().min(1).optional(),
  /** A hold no lifecycle event has confirmed (the gateway never accepted its call) is released after this. */
  QUOTA_UNCONFIRMED_HOLD_TTL_SECONDS: seconds(300),
  /** A confirmed hold is released after this long past the later of its scheduled time and its call's last event. */
  QUOTA_MAX_HOLD_SECONDS: seconds(86_400),
  /**
   * Billing periods whose settled holds stay row by row: the current month and this many before it.
   * Older ones are summed into period_usage and their holds deleted (docs/retention.md).
   */
  QUOTA_LEDGER_RETENTION_MONTHS: z.coerce.number().int().min(2).default(13),
  /** How often reconciliation looks for expired holds (one instance at a time runs it). */
  QUOTA_RECONCILE_INTERVAL_SECONDS: seconds(30),
  /**
   * false (default): a hold's INSERT does not wait for its WAL flush (about 0.5 ms, and 5 ms at p99
   * on a plain disk). The gateway's synchronous commit of the accepted call, in the same Postgres,
   * flushes it; a crash can only lose holds of calls never accepted. true when quota's Postgres is
   * not the gateway's. Settlements, releases and limits always wait for the flush.
   */
  QUOTA_HOLD_SYNCHRONOUS_COMMIT: envFlag,
  /** Postgres connections for holds (one INSERT each); half as many more serve work under an org's ledger lock. */
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
};

export type QuotaConfig = ReturnType<typeof loadQuotaConfig>;
export const loadQuotaConfig = (env: Record<string, string | undefined>) => parseConfig(quotaEnv, env);
export const loadQuotaConfigOrExit = () => loadConfigOrExit(quotaEnv, process.env);
