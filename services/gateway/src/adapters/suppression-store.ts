import type { SuppressionOut } from "@voxbridge/contracts";
import type { SuppressionStore } from "../app/ports";
import type { Suppression } from "../generated/prisma/client";
import type { GatewayPrisma } from "./prisma";

const toSuppressionOut = (row: Suppression): SuppressionOut => ({
  id: row.id,
  number: row.number,
  reason: row.reason,
  created_at: row.createdAt.toISOString(),
});

/**
 * Events go to the suppression outbox, which its own relay publishes to `outboxTopic` (the real,
 * prefixed suppressions topic): no backlog of call events is ahead of them.
 */
export function createSuppressionStore(prisma: GatewayPrisma, outboxTopic = "suppressions"): SuppressionStore {
  const add: SuppressionStore["add"] = async (orgId, entry, eventFor) => {
    const event = eventFor(entry);
    // One statement: the entry and its event, or neither when the number is listed already.
    const inserted = await prisma.$executeRaw`
      WITH inserted AS (
        INSERT INTO "suppressions" (id, org_id, number, reason, created_at)
        VALUES (${entry.id}::uuid, ${orgId}::uuid, ${entry.number}, ${entry.reason}, ${entry.created_at}::timestamptz)
        ON CONFLICT (org_id, number) DO NOTHING
        RETURNING id
      )
      INSERT INTO "suppression_outbox" (event_id, topic, key, payload)
      SELECT ${event.id}::uuid, ${outboxTopic}, ${orgId}, ${JSON.stringify(event)}::jsonb FROM inserted`;
    if (inserted === 1) return { suppression: entry, created: true };
    const existing = await prisma.suppression.findUnique({ where: { orgId_number: { orgId, number: entry.number } } });
    // Deleted again between the two statements: the caller's entry was never written, so add it now.
    if (!existing) return add(orgId, entry, eventFor);
    return { suppression: toSuppressionOut(existing), created: false };
  };

  return {
    add,

    async list(orgId, page) {
      const [rows, total] = await Promise.all([
        prisma.suppression.findMany({
          where: { orgId },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: page.limit,
          skip: page.offset,
        }),
        prisma.suppression.count({ where: { orgId } }),
      ]);
      return { items: rows.map(toSuppressionOut), total };
    },

    async remove(orgId, id, eventFor) {
      return prisma.$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<Suppression[]>`
          DELETE FROM "suppressions" WHERE id = ${id}::uuid AND org_id = ${orgId}::uuid
          RETURNING id, org_id AS "orgId", number, reason, created_at AS "createdAt"`;
        if (!row) return false;
        const event = eventFor(toSuppressionOut(row));
        await tx.suppressionOutboxEvent.create({ data: { eventId: event.id, topic: outboxTopic, key: orgId, payload: event as object } });
        return true;
      });
    },
  };
}
