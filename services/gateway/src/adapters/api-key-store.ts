import type { ApiKeyOut } from "@voxbridge/contracts";
import type { ApiKeyStore } from "../app/ports";
import { hashApiKey } from "../domain/api-key";
import type { ApiKey } from "../generated/prisma/client";
import type { GatewayPrisma } from "./prisma";

export type ApiKeyPrincipal = { apiKeyId: string; orgId: string };

const toApiKeyOut = (key: ApiKey): ApiKeyOut => ({
  id: key.id,
  prefix: key.prefix,
  created_at: key.createdAt.toISOString(),
  last_used_at: key.lastUsedAt?.toISOString() ?? null,
  revoked_at: key.revokedAt?.toISOString() ?? null,
});

/**
 * API keys by hash, with a short in-memory cache of lookups so the hot path skips Postgres. A key
 * revoked through this instance stops working at once; through another, within the cache TTL.
 */
export function createApiKeyStore(prisma: GatewayPrisma, options: { cacheTtlMs: number; maxEntries?: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const cache = new Map<string, { principal: ApiKeyPrincipal | null; expiresAt: number }>();
  const touchedAt = new Map<string, number>();

  const management: ApiKeyStore = {
    async list(orgId, page) {
      const [keys, total] = await Promise.all([
        prisma.apiKey.findMany({
          where: { orgId },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: page.limit,
          skip: page.offset,
        }),
        prisma.apiKey.count({ where: { orgId } }),
      ]);
      return { items: keys.map(toApiKeyOut), total };
    },
    async create(orgId, key) {
      return toApiKeyOut(await prisma.apiKey.create({ data: { id: key.id, orgId, keyHash: key.hash, prefix: key.prefix } }));
    },
    async revoke(orgId, keyId) {
      await prisma.apiKey.updateMany({ where: { id: keyId, orgId, revokedAt: null }, data: { revokedAt: new Date(now()) } });
      const key = await prisma.apiKey.findFirst({ where: { id: keyId, orgId } });
      if (!key) return null;
      cache.delete(key.keyHash);
      return toApiKeyOut(key);
    },
  };

  return {
    ...management,
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
export type ApiKeyAuthStore = ReturnType<typeof createApiKeyStore>;
