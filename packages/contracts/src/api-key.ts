import { z } from "zod";

/** An API key as listed: never the key itself, only the prefix it starts with. */
export const ApiKeyOut = z
  .object({
    id: z.uuid(),
    prefix: z.string().describe("The first characters of the key, to tell keys apart"),
    created_at: z.iso.datetime({ offset: true }),
    last_used_at: z.iso.datetime({ offset: true }).nullable(),
    revoked_at: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: "ApiKey" });
export type ApiKeyOut = z.infer<typeof ApiKeyOut>;

/** The answer to creating a key: the only time the full key is shown. */
export const CreatedApiKey = ApiKeyOut.extend({ key: z.string().describe("sk_live_…; shown once, store it now") }).meta({
  id: "CreatedApiKey",
});
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;
