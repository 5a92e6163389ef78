import { z } from "zod";
import { isLocalDefault } from "./env-values";
import { kafkaEnvShape, kafkaSettingsProblems } from "./kafka/settings";
import { postgresEnvShape } from "./postgres/settings";
import { redisSettingsProblems } from "./redis-settings";

/** Variables every service reads; each service's own config.ts extends this shape. */
export const baseEnvShape = {
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ...postgresEnvShape,
  ...kafkaEnvShape,
  /** The build's version and source revision, shown by `voxbridge_build_info` (the image sets them). */
  VOXBRIDGE_VERSION: z.string().min(1).default("dev"),
  VOXBRIDGE_REVISION: z.string().min(1).default("unknown"),
  /**
   * Seconds a SIGTERMed instance keeps serving while it reports itself unready, before it stops
   * taking work (docs/deployment.md, "Stopping without refusing a request"). Drain plus
   * SHUTDOWN_TIMEOUT_MS must fit in the orchestrator's grace period.
   */
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(120).default(15),
  /** How long the shutdown steps (after the drain) wait for in-flight work before exiting anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /**
   * Days a finished call's working rows (dedup records, jobs, holds, webhook logs) are kept
   * (docs/retention.md). At least 8, and longer than KAFKA_RETENTION_HOURS (7 days by default): a
   * redelivered event must still find the record that makes it a no-op.
   */
  RETENTION_DAYS: z.coerce.number().int().min(8).default(30),
  /** Seconds between retention passes (each deletes in batches, then VACUUMs what it touched). */
  RETENTION_INTERVAL_SECONDS: z.coerce.number().int().positive().default(600),
};

const CROSS_CHECKS: ((config: Record<string, unknown>) => string[])[] = [kafkaSettingsProblems, redisSettingsProblems];

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Parses an environment against a zod shape; a bad value throws one message naming every bad
 * variable, and so does a `localDefault` variable left unset under `NODE_ENV=production`.
 */
export function parseConfig<T extends z.ZodRawShape>(
  shape: T,
  env: Record<string, string | undefined>,
  /** A service's own rules across its variables (each problem `NAME: why`), checked once each variable is valid. */
  checks: ((config: z.infer<z.ZodObject<T>>) => string[])[] = [],
): z.infer<z.ZodObject<T>> {
  const result = z.object(shape).safeParse(env);
  const lines = result.success ? [] : result.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`);
  if (env.NODE_ENV === "production") {
    for (const [name, schema] of Object.entries(shape)) {
      if (isLocalDefault(schema as z.ZodType) && !env[name])
        lines.push(`  ${name}: required when NODE_ENV=production (its default is for local runs only)`);
    }
  }
  // Variables valid one by one can still contradict each other (a SASL mechanism without its password).
  if (result.success) for (const check of [...CROSS_CHECKS, ...checks]) lines.push(...check(result.data).map((problem) => `  ${problem}`));
  if (!result.success || lines.length > 0) throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  return result.data;
}

/** For a service's main: parse, or print the reason and exit non-zero. */
export function loadConfigOrExit<T extends z.ZodRawShape>(
  shape: T,
  env: Record<string, string | undefined>,
  checks: ((config: z.infer<z.ZodObject<T>>) => string[])[] = [],
): z.infer<z.ZodObject<T>> {
  try {
    return parseConfig(shape, env, checks);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(78); // EX_CONFIG
  }
}

export { commaList, envFlag, envFlagOn, localDefault } from "./env-values";
