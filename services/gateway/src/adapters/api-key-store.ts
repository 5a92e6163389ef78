import { hashApiKey } from "../domain/api-key";
import type { GatewayPrisma } from "./prisma";

export type ApiKeyPrincipal = { apiKeyId: string; orgId: string };

/** Looks keys up by hash, with a short in-memory cache so the hot path skips Postgres. */
export function createApiKeyStore(prisma: GatewayPrisma, options: { cacheTtlMs: number; maxEntries?: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const cache = new Map<string, { principal: ApiKeyPrincipal | null; expiresAt: number }>();
  const touchedAt = new Map<string, number>();

  return {
    async authenticate(key: string): Promise<ApiKeyPrincipal | null> {
      const hash = hashApiKey(key);
      const cached = cache.get(hash);
      if (cached && cached.expiresAt > now()) return cached.principal;
      const row = await prisma.apiKey.findUnique({ where: { keyHash: hash }, select: { id: true, orgId: true, revokedAt: true } });
      const principal = row && !row.revokedAt ? { apiKeyId: row.id, orgId: row.orgId } : null;
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
      cache.set(hash, { principal, expiresAt: now() + options.cacheTtlMs });
      return principal;
    },
    /** Records use at most once a minute per key, off the request's critical path. */
    markUsed(apiKeyId: string): void {
      const last = touchedAt.get(apiKeyId) ?? 0;
      if (now() - last < 60_000) return;
      touchedAt.set(apiKeyId, now());
      prisma.apiKey.update({ where: { id: apiKeyId }, data: { lastUsedAt: new Date(now()) } }).catch(() => touchedAt.delete(apiKeyId));
    },
  };
}
export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;
