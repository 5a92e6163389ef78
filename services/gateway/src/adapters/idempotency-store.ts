import type { GatewayPrisma } from "./prisma";

export type IdempotencyClaim =
  | { kind: "new" }
  | { kind: "replay"; status: number; body: unknown }
  | { kind: "mismatch" }
  | { kind: "in_flight" };

/**
 * An in-flight claim is a lease: its request renews it every LEASE_RENEW_MS while it runs, and a
 * claim not renewed for LEASE_SECONDS belongs to a request whose process died, so a retry takes it
 * over (the call id comes from the key, so even a wrong guess cannot make a second call).
 */
const LEASE_SECONDS = 5;
export const LEASE_RENEW_MS = 2_000;
/** Keys are kept this long (at least the 24 h promised to partners); the retention pass deletes them. */
export const IDEMPOTENCY_RETAIN_HOURS = 48;

/** Idempotency-Key records, scoped per API key. */
export function createIdempotencyStore(prisma: GatewayPrisma) {
  return {
    /** Claims the key for this request, or says what became of an earlier request with it. */
    async claim(apiKeyId: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
      const claimed = await prisma.$executeRaw`
        INSERT INTO "idempotency_keys" (api_key_id, key, fingerprint, status)
        VALUES (${apiKeyId}::uuid, ${key}, ${fingerprint}, 'in_flight')
        ON CONFLICT (api_key_id, key) DO UPDATE SET created_at = now(), renewed_at = now()
          WHERE "idempotency_keys".status = 'in_flight'
            AND "idempotency_keys".fingerprint = EXCLUDED.fingerprint
            AND "idempotency_keys".renewed_at < now() - make_interval(secs => ${LEASE_SECONDS})`;
      if (claimed === 1) return { kind: "new" };
      const existing = await prisma.idempotencyKey.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
      if (!existing) return this.claim(apiKeyId, key, fingerprint); // released between the two statements
      if (existing.fingerprint !== fingerprint) return { kind: "mismatch" };
      if (existing.status !== "completed" || existing.responseStatus === null) return { kind: "in_flight" };
      return { kind: "replay", status: existing.responseStatus, body: existing.responseBody };
    },
    async complete(apiKeyId: string, key: string, status: number, body: unknown): Promise<void> {
      await prisma.idempotencyKey.update({
        where: { apiKeyId_key: { apiKeyId, key } },
        data: { status: "completed", responseStatus: status, responseBody: body as object, completedAt: new Date() },
      });
    },
    /** Keeps a running request's claim from looking abandoned. */
    async renew(apiKeyId: string, key: string): Promise<void> {
      await prisma.$executeRaw`
        UPDATE "idempotency_keys" SET renewed_at = now()
         WHERE api_key_id = ${apiKeyId}::uuid AND key = ${key} AND status = 'in_flight'`;
    },
    /** Forgets a claim whose request failed in a way a retry may fix (5xx, 409, 429). */
    async release(apiKeyId: string, key: string): Promise<void> {
      await prisma.idempotencyKey.deleteMany({ where: { apiKeyId, key, status: "in_flight" } });
    },
  };
}
export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
