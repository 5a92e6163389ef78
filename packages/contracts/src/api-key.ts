import { z } from "zod";
import { PageQuery, pageOf } from "./pagination";

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

/** Query of GET /v1/api-keys. */
export const ListApiKeysQuery = z.object({ ...PageQuery }).strict();
export type ListApiKeysQuery = z.infer<typeof ListApiKeysQuery>;

export const ApiKeyList = pageOf(ApiKeyOut, "ApiKeyList");
export type ApiKeyList = z.infer<typeof ApiKeyList>;

/** Body of POST /v1/api-keys: nothing to set yet, so any field is refused rather than ignored. */
export const CreateApiKeyRequest = z.object({}).strict().meta({ id: "CreateApiKeyRequest" });
