import { AppError } from "@voxbridge/kit";
import { z } from "zod";

/** Optional on POST routes; see http/idempotency.ts. */
export const IdempotencyKeyHeader = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(255)
    .optional()
    .meta({ description: "Makes a retried POST safe: same key and body replay the first response" }),
});

/** Path ids: anything that is not a UUID cannot name a resource, so it is a 404 like a missing one. */
export const idParam = <K extends string>(name: K) => z.object({ [name]: z.uuid() } as Record<K, z.ZodUUID>);

/** The path id of a route, or the 404 a partner gets for an id that cannot exist. */
export function pathId<K extends string>(params: unknown, name: K, resource: string): string {
  const value = (params as Record<string, unknown>)[name];
  if (!z.uuid().safeParse(value).success) throw new AppError("not_found", `No ${resource} with this id`, { param: name });
  return value as string;
}
