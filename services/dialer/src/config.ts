import { baseEnvShape, loadConfigOrExit, parseConfig } from "@voxbridge/kit";
import { z } from "zod";

const dialerEnv = {
  ...baseEnvShape,
  /** Health, readiness and metrics only; the dialer's work arrives over Kafka. */
  DIALER_PORT: z.coerce.number().int().min(0).max(65535).default(8082),
  /** Instances sharing this group share the calls (one partition, one owner). */
  DIALER_GROUP_ID: z.string().min(1).default("dialer"),
  TELEPHONY_ADAPTER: z.enum(["simulator", "twilio"]).default("simulator"),
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
};

export type DialerConfig = ReturnType<typeof loadDialerConfig>;
export const loadDialerConfig = (env: Record<string, string | undefined>) => parseConfig(dialerEnv, env);
export const loadDialerConfigOrExit = () => loadConfigOrExit(dialerEnv, process.env);
