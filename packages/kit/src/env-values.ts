import type { z } from "zod";
import { z as zod } from "zod";

const localDefaults = new WeakSet<z.ZodType>();

/**
 * Marks a variable whose default is a local address (a server on 127.0.0.1): fine in development
 * and tests, never in production, where falling back to localhost would silently reach nothing (or
 * the wrong thing). With `NODE_ENV=production`, `parseConfig` refuses to start without it.
 */
export function localDefault<T extends z.ZodType>(schema: T): T {
  localDefaults.add(schema);
  return schema;
}

export const isLocalDefault = (schema: z.ZodType) => localDefaults.has(schema);

const FLAG_VALUES = ["true", "false", "1", "0", "yes", "no", ""] as const;

/** Boolean env values as operators write them. */
export const envFlag = zod
  .enum(FLAG_VALUES)
  .default("false")
  .transform((value) => value === "true" || value === "1" || value === "yes");

/** Like envFlag, but true unless the operator turns it off. */
export const envFlagOn = zod
  .enum(FLAG_VALUES)
  .default("true")
  .transform((value) => value !== "false" && value !== "0" && value !== "no");

/** A comma-separated list setting (`host:port` pairs, names), trimmed, empty entries dropped. */
export const commaList = (fallback: string) =>
  zod
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    );
