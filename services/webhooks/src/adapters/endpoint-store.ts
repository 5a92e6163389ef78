import type { CallEventType, WebhookEndpointOut } from "@voxbridge/contracts";
import type { EndpointStore } from "../app/webhook-endpoints";
import type { SecretKeyring } from "../domain/secret-keyring";
import type { WebhookEndpoint } from "../generated/prisma/client";
import type { WebhooksPrisma } from "./prisma";
import { secretContext } from "./stored-secret";

const toOut = (row: WebhookEndpoint): WebhookEndpointOut => ({
  id: row.id,
  url: row.url,
  // An empty list means every event type.
  events: (row.events ?? []).length === 0 ? null : (row.events as CallEventType[]),
  description: row.description,
  enabled: row.enabled,
  disabled_reason: row.disabledReason,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

/** Endpoints through Prisma model calls: the management API is not a hot path. Secrets are stored encrypted under the active key. */
export function createEndpointStore(prisma: WebhooksPrisma, keyring: SecretKeyring): EndpointStore {
  return {
    async create(endpoint) {
      const sealed = keyring.encrypt(endpoint.secret, secretContext("webhook_endpoints", endpoint.id));
      await prisma.webhookEndpoint.create({
        data: {
          id: endpoint.id,
          orgId: endpoint.orgId,
          url: endpoint.url,
          events: endpoint.events ?? [],
          description: endpoint.description,
          enabled: endpoint.enabled,
          secretCiphertext: sealed.ciphertext,
          secretKeyId: sealed.keyId,
          createdAt: new Date(endpoint.created_at),
          updatedAt: new Date(endpoint.updated_at),
        },
      });
    },
    async list(orgId, page) {
      const [rows, total] = await Promise.all([
        prisma.webhookEndpoint.findMany({
          where: { orgId },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: page.limit,
          skip: page.offset,
        }),
        prisma.webhookEndpoint.count({ where: { orgId } }),
      ]);
      return { items: rows.map(toOut), total };
    },
    async find(orgId, id) {
      const row = await prisma.webhookEndpoint.findFirst({ where: { orgId, id } });
      return row ? toOut(row) : null;
    },
    async update(orgId, id, patch, now) {
      const reenabled = patch.enabled === true ? { disabledReason: null, failingSince: null } : {};
      const { count } = await prisma.webhookEndpoint.updateMany({
        where: { orgId, id },
        data: {
          ...(patch.url !== undefined ? { url: patch.url } : {}),
          ...(patch.events !== undefined ? { events: patch.events ?? [] } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
          ...reenabled,
          updatedAt: now,
        },
      });
      if (count === 0) return null;
      return this.find(orgId, id);
    },
    async delete(orgId, id) {
      const { count } = await prisma.webhookEndpoint.deleteMany({ where: { orgId, id } });
      return count > 0;
    },
    async rotateSecret(orgId, id, secret, previousValidUntil, now) {
      // The replaced secret moves to previous_* as it is stored, with its own key id.
      const sealed = keyring.encrypt(secret, secretContext("webhook_endpoints", id));
      const updated = await prisma.$executeRaw`
        UPDATE "webhook_endpoints" SET previous_secret = secret, previous_secret_ciphertext = secret_ciphertext,
               previous_secret_key_id = secret_key_id, previous_secret_expires_at = ${previousValidUntil},
               secret = NULL, secret_ciphertext = ${sealed.ciphertext}, secret_key_id = ${sealed.keyId}, updated_at = ${now}
         WHERE org_id = ${orgId}::uuid AND id = ${id}::uuid`;
      return updated === 0 ? null : this.find(orgId, id);
    },
  };
}
