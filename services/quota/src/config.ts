import { baseEnvShape, loadConfigOrExit, parseConfig } from "@voxbridge/kit";
import { z } from "zod";

const quotaEnv = {
  ...baseEnvShape,
  QUOTA_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  /** Minutes each accepted call holds until it ends (then real minutes are billed). */
  QUOTA_HOLD_MINUTES: z.coerce.number().int().positive().default(1),
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
};

export type QuotaConfig = ReturnType<typeof loadQuotaConfig>;
export const loadQuotaConfig = (env: Record<string, string | undefined>) => parseConfig(quotaEnv, env);
export const loadQuotaConfigOrExit = () => loadConfigOrExit(quotaEnv, process.env);
