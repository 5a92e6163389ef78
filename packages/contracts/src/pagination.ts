import { z } from "zod";

/** `limit` and `offset` of every list route: limit 1–100 (default 25), offset ≥ 0 (default 0). */
export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

/** A page of a list, newest first. */
export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      total: z.number().int().min(0),
      limit: z.number().int(),
      offset: z.number().int(),
    })
    .meta({ id });
