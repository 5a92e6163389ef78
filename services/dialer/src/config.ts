import {
  baseEnvShape,
  envFlag,
  LOCAL_MEDIA_TOKEN_KEY,
  LOCAL_SERVICE_TOKEN,
  loadConfigOrExit,
  localDefault,
  parseConfig,
} from "@voxbridge/kit";
import { z } from "zod";

const seconds = (fallback: number) => z.coerce.number().min(0).default(fallback);

const dialerEnv = {
  ...baseEnvShape,
  /** Health, readiness, metrics and the carrier's status callbacks. */
  DIALER_PORT: z.coerce.number().int().min(0).max(65535).default(8082),
  /** Management port: /healthz, /readyz and Prometheus /metrics (never served on DIALER_PORT). */
  MANAGEMENT_PORT: z.coerce.number().int().min(0).max(65535).default(9082),
  /** Instances sharing this group share the calls (one partition, one owner). */
  DIALER_GROUP_ID: z.string().min(1).default("dialer"),
  TELEPHONY_ADAPTER: z.enum(["simulator", "twilio"]).default("simulator"),
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** Simultaneous live calls per org unless the org has its own row in org_dial_limits. */
  DIALER_ORG_CONCURRENCY: z.coerce.number().int().positive().default(20),
  /**
   * Dials per second per telephony account: match the carrier account (Twilio allows 1 unless raised,
   * Telnyx 30). Default 1 with NODE_ENV=production, 50 (the simulator's) otherwise.
   */
  DIALER_CPS: z.coerce.number().positive().optional(),
  /**
   * First retry delay; each further retry doubles it. Default 300 s with NODE_ENV=production, where
   * less than 60 s is refused (a declined call must not ring again within seconds); 2 s otherwise.
   */
  DIALER_RETRY_DELAY_SECONDS: z.coerce.number().min(0).optional(),
  /**
   * The deployment is a sandbox: a partner-facing test environment, where the telephony simulator is
   * allowed with NODE_ENV=production (nobody is rung). Off: production refuses the simulator.
   */
  VOXBRIDGE_SANDBOX: envFlag,
  /** Safety poll for due jobs when a wake-up (NOTIFY, timer) was missed. */
  DIALER_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(2_000),
  /** An instance silent this long is presumed dead; its live calls are reconciled by the others. */
  DIALER_INSTANCE_LEASE_SECONDS: seconds(15),
  /**
   * Carriers that keep calls (Twilio): how often an attempt whose outcome is unknown is looked up
   * again, how often a live call is looked up by id (after its dial or answer, then while it lives,
   * so a lost status callback is found), and how long a create with no call at the carrier is given to
   * show up in its list before the attempt counts as never placed (docs/dialer.md, "Unknown outcomes").
   */
  DIALER_RECONCILE_SECONDS: seconds(30),
  DIALER_CALLBACK_GRACE_SECONDS: seconds(120),
  DIALER_UNKNOWN_SETTLE_SECONDS: seconds(60),
  /** Quota service for the org's remaining talk time; unreachable means no cap (docs/dialer.md). */
  QUOTA_URL: localDefault(z.string().url().default("http://127.0.0.1:8081")),
  /** The dialer's token for quota's internal API. Never logged. */
  QUOTA_API_TOKEN: localDefault(z.string().min(16).default(LOCAL_SERVICE_TOKEN)),
  QUOTA_TIMEOUT_MS: z.coerce.number().int().positive().default(300),
  /** Simulator: how long a call rings before it is answered (or given up as no answer). Fractions allowed. */
  SIM_RING_SECONDS: seconds(1),
  /** Simulator: how long an answered call talks before hanging up. Fractions allowed. */
  SIM_TALK_SECONDS: seconds(3),
  /**
   * Simulator: the voice service's Media Streams endpoint (the ws:// or wss:// URL of its `/media`).
   * Set: an answered sandbox call that carries a conversation opens a stream to it as Twilio would,
   * with the sandbox callee speaking real audio, and ends when the stream closes. Unset: an answered
   * call is a timer of SIM_TALK_SECONDS with no conversation (load benchmarks). Empty means unset.
   */
  VOICE_MEDIA_URL: z.preprocess((value) => (value === "" ? undefined : value), z.url({ protocol: /^wss?$/ }).optional()),
  /**
   * The HMAC key of the per-call media stream token, shared with the voice service, which verifies
   * it (the simulator mints it for its streams). At least 32 characters; production sets its own.
   */
  MEDIA_TOKEN_KEY: localDefault(z.string().min(32).default(LOCAL_MEDIA_TOKEN_KEY)),
  /** Simulator: append one JSON line per dial to this file (tests count dials per attempt). */
  SIM_DIAL_LOG: z.string().optional(),
  /** Twilio: account SID, auth token (also verifies status callbacks) and API base URL. Never logged. */
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_API_BASE_URL: z.string().url().default("https://api.twilio.com"),
  /** Twilio: how long a REST request may take; a create that times out has an unknown outcome. */
  TWILIO_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Twilio: default caller ID when a call has no `from`. */
  TWILIO_FROM_NUMBER: z.string().optional(),
  /** Public base URL of this dialer as Twilio reaches it (status callbacks go to {base}/twilio/status). */
  DIALER_PUBLIC_URL: localDefault(z.string().url().default("http://127.0.0.1:8082")),
  /** Twilio: the voice service's public media stream (wss://…/media) the answered call connects to. */
  AGENT_STREAM_URL: z.string().url().default("wss://agents.voxbridge.invalid/stream"),
  /**
   * The voice service's internal API (the machine verdict and cancels reach live conversations
   * through it), and the dialer's token for it (never logged). Unset: the local voice service in
   * development; in production nothing is passed on until it is set.
   */
  VOICE_URL: z.string().url().optional(),
  VOICE_API_TOKEN: z.string().min(16).optional(),
  /**
   * How long an answered call's end waits for the voice service's report of its conversation; with
   * none by then, the attempt ends as an agent error (docs/dialer.md, "How an answered call ends").
   */
  DIALER_CONVERSATION_REPORT_WAIT_SECONDS: z.coerce.number().positive().default(8),
  /** A talking call canceled: how long its agent has for a closing line before the carrier hangs up; also how often a canceled call still live is hung up again. */
  DIALER_CANCEL_CLOSING_SECONDS: seconds(5),
};

type ParsedEnv = ReturnType<typeof parseConfig<typeof dialerEnv>>;

/** The defaults that depend on where the dialer runs: a carrier account's pace and minutes between attempts in production. */
export const DIALER_DEFAULTS = {
  production: { DIALER_CPS: 1, DIALER_RETRY_DELAY_SECONDS: 300 },
  local: { DIALER_CPS: 50, DIALER_RETRY_DELAY_SECONDS: 2 },
} as const;

/** The shortest first retry delay production accepts. */
export const MIN_PRODUCTION_RETRY_DELAY_SECONDS = 60;

const withDefaults = (env: ParsedEnv) => {
  const defaults = env.NODE_ENV === "production" ? DIALER_DEFAULTS.production : DIALER_DEFAULTS.local;
  return {
    ...env,
    DIALER_CPS: env.DIALER_CPS ?? defaults.DIALER_CPS,
    DIALER_RETRY_DELAY_SECONDS: env.DIALER_RETRY_DELAY_SECONDS ?? defaults.DIALER_RETRY_DELAY_SECONDS,
  };
};

/**
 * What production refuses, as the kit refuses local-only URLs there: retries seconds apart, and the
 * telephony simulator unless the deployment declares itself a sandbox (VOXBRIDGE_SANDBOX=true).
 */
export function productionProblems(env: ParsedEnv): string[] {
  if (env.NODE_ENV !== "production") return [];
  const config = withDefaults(env);
  const problems: string[] = [];
  if (config.DIALER_RETRY_DELAY_SECONDS < MIN_PRODUCTION_RETRY_DELAY_SECONDS)
    problems.push(
      `DIALER_RETRY_DELAY_SECONDS: at least ${MIN_PRODUCTION_RETRY_DELAY_SECONDS} when NODE_ENV=production (a declined call must not be redialed within seconds)`,
    );
  if (config.TELEPHONY_ADAPTER === "simulator" && !config.VOXBRIDGE_SANDBOX)
    problems.push(
      "TELEPHONY_ADAPTER: the simulator dials nobody; with NODE_ENV=production it needs VOXBRIDGE_SANDBOX=true (a sandbox deployment for partners' tests)",
    );
  return problems;
}

export type DialerConfig = ReturnType<typeof loadDialerConfig>;

export const loadDialerConfig = (env: Record<string, string | undefined>) =>
  withDefaults(parseConfig(dialerEnv, env, [productionProblems]));
export const loadDialerConfigOrExit = () => withDefaults(loadConfigOrExit(dialerEnv, process.env, [productionProblems]));
