import { randomUUID } from "node:crypto";
import type { CallEvent } from "@voxbridge/contracts";
import type { DeliveryStore, DueDelivery } from "../app/ports";
import type { WebhookEventStore } from "../app/receive-call-event";
import { DISABLE_AFTER_FAILING_MS } from "../domain/delivery-outcome";
import type { WebhooksPrisma } from "./prisma";

type ClaimedRow = {
  id: string;
  org_id: string;
  endpoint_id: string | null;
  url: string;
  attempt_count: number;
  sequence: number;
  payload: CallEvent;
  endpoint_enabled: boolean | null;
  endpoint_secret: string | null;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  org_secret: string | null;
};

/** Delivery state in the webhooks schema; raw SQL because these are the hot paths. */
export function createDeliveryStore(prisma: WebhooksPrisma, options: { onlyOrgIds?: string[] } = {}): DeliveryStore {
  // Tests confine a worker to their own orgs so parallel test files cannot take each other's work.
  const orgFilter = options.onlyOrgIds ?? null;
  return {
    async claimDue(now, leaseUntil, limit) {
      // An earlier event of the same call and destination that is still pending (waiting or in
      // flight under a lease) holds the later ones back; SKIP LOCKED lets instances share the work.
      const rows = await prisma.$queryRaw<ClaimedRow[]>`
        WITH due AS (
          SELECT d.id FROM "webhook_deliveries" d
           WHERE d.status = 'pending' AND d.next_attempt_at <= ${now}
             AND (${orgFilter}::uuid[] IS NULL OR d.org_id = ANY(${orgFilter}::uuid[]))
             AND NOT EXISTS (
               SELECT 1 FROM "webhook_deliveries" e
                WHERE e.call_id = d.call_id AND e.destination = d.destination AND e.sequence < d.sequence AND e.status = 'pending')
           ORDER BY d.next_attempt_at, d.sequence
           LIMIT ${limit}
           FOR UPDATE SKIP LOCKED
        ), claimed AS (
          UPDATE "webhook_deliveries" d SET attempt_count = d.attempt_count + 1, next_attempt_at = ${leaseUntil}
            FROM due WHERE d.id = due.id
          RETURNING d.id, d.org_id, d.endpoint_id, d.url, d.attempt_count, d.sequence, d.event_id
        )
        SELECT c.id::text, c.org_id::text, c.endpoint_id::text, c.url, c.attempt_count, c.sequence, ev.payload,
               ep.enabled AS endpoint_enabled, ep.secret AS endpoint_secret, ep.previous_secret, ep.previous_secret_expires_at,
               os.secret AS org_secret
          FROM claimed c
          JOIN "webhook_events" ev ON ev.event_id = c.event_id
          LEFT JOIN "webhook_endpoints" ep ON ep.id = c.endpoint_id
          LEFT JOIN "org_signing_secrets" os ON os.org_id = c.org_id`;
      return rows.map((row): DueDelivery => {
        let secrets: string[] | null = null;
        let blockedReason: string | null = null;
        if (row.endpoint_id !== null) {
          if (row.endpoint_secret === null) blockedReason = "the endpoint was deleted";
          else if (!row.endpoint_enabled) blockedReason = "the endpoint is disabled";
          else {
            secrets = [row.endpoint_secret];
            if (row.previous_secret && row.previous_secret_expires_at && row.previous_secret_expires_at > now)
              secrets.push(row.previous_secret);
          }
        } else if (row.org_secret === null) blockedReason = "the organization has no signing secret";
        else secrets = [row.org_secret];
        return {
          id: row.id,
          orgId: row.org_id,
          endpointId: row.endpoint_id,
          url: row.url,
          attemptNumber: row.attempt_count,
          sequence: row.sequence,
          event: row.payload,
          secrets,
          blockedReason,
        };
      });
    },

    async recordAttempt(delivery, attemptedAt, result, decision) {
      const now = attemptedAt;
      const steps = [
        prisma.$executeRaw`
          INSERT INTO "webhook_attempts" (delivery_id, attempted_at, response_status, error, duration_ms)
          VALUES (${delivery.id}::uuid, ${attemptedAt}, ${result.status}, ${result.error}, ${result.durationMs})`,
      ];
      if (decision.kind === "delivered") {
        steps.push(prisma.$executeRaw`
          UPDATE "webhook_deliveries" SET status = 'succeeded', completed_at = ${now}, next_attempt_at = NULL,
                 last_response_status = ${result.status}, last_error = NULL
           WHERE id = ${delivery.id}::uuid`);
        if (delivery.endpointId !== null)
          steps.push(
            prisma.$executeRaw`UPDATE "webhook_endpoints" SET failing_since = NULL WHERE id = ${delivery.endpointId}::uuid AND failing_since IS NOT NULL`,
          );
      } else {
        if (decision.kind === "retry") {
          steps.push(prisma.$executeRaw`
            UPDATE "webhook_deliveries" SET next_attempt_at = ${decision.nextAttemptAt}, last_response_status = ${result.status}, last_error = ${result.error}
             WHERE id = ${delivery.id}::uuid`);
        } else {
          steps.push(prisma.$executeRaw`
            UPDATE "webhook_deliveries" SET status = 'failed', completed_at = ${now}, next_attempt_at = NULL,
                   last_response_status = ${result.status}, last_error = ${decision.reason}
             WHERE id = ${delivery.id}::uuid`);
        }
        if (delivery.endpointId !== null && delivery.secrets !== null) {
          const cutoff = new Date(now.getTime() - DISABLE_AFTER_FAILING_MS);
          const disable = decision.kind === "failed" ? decision.disableEndpoint : null;
          steps.push(prisma.$executeRaw`
            UPDATE "webhook_endpoints" SET
                   failing_since = COALESCE(failing_since, ${now}),
                   enabled = CASE WHEN ${disable}::text IS NOT NULL OR COALESCE(failing_since, ${now}) <= ${cutoff} THEN false ELSE enabled END,
                   disabled_reason = CASE WHEN ${disable}::text IS NOT NULL THEN ${disable}::text
                                          WHEN enabled AND COALESCE(failing_since, ${now}) <= ${cutoff} THEN 'every attempt failed for 5 days'
                                          ELSE disabled_reason END,
                   updated_at = CASE WHEN enabled AND (${disable}::text IS NOT NULL OR COALESCE(failing_since, ${now}) <= ${cutoff}) THEN ${now} ELSE updated_at END
             WHERE id = ${delivery.endpointId}::uuid`);
        }
      }
      await prisma.$transaction(steps);
    },
  };
}

/** Takes in events: stores each once, numbers it within its call, and creates its deliveries in the same transaction. */
export function createWebhookEventStore(prisma: WebhooksPrisma): WebhookEventStore {
  return {
    async addIfAbsent(event, now) {
      return prisma.$transaction(async (tx) => {
        const inserted = await tx.$executeRaw`
          INSERT INTO "webhook_events" (event_id, call_id, org_id, type, payload)
          VALUES (${event.id}::uuid, ${event.subject}::uuid, ${event.data.org_id}::uuid, ${event.type}, ${JSON.stringify(event)}::jsonb)
          ON CONFLICT (event_id) DO NOTHING`;
        if (inserted !== 1) return null;
        const [numbered] = await tx.$queryRaw<{ last_sequence: number }[]>`
          INSERT INTO "call_sequences" (call_id, last_sequence) VALUES (${event.subject}::uuid, 1)
          ON CONFLICT (call_id) DO UPDATE SET last_sequence = "call_sequences".last_sequence + 1
          RETURNING last_sequence`;
        const sequence = numbered?.last_sequence ?? 1;
        await tx.$executeRaw`UPDATE "webhook_events" SET sequence = ${sequence} WHERE event_id = ${event.id}::uuid`;

        const destinations: { endpointId: string | null; url: string; destination: string }[] = [];
        if (event.data.webhook_url) {
          destinations.push({ endpointId: null, url: event.data.webhook_url, destination: `url:${event.data.webhook_url}` });
        } else {
          const endpoints = await tx.$queryRaw<{ id: string; url: string }[]>`
            SELECT id::text, url FROM "webhook_endpoints"
             WHERE org_id = ${event.data.org_id}::uuid AND enabled AND (events IS NULL OR cardinality(events) = 0 OR ${event.type} = ANY(events))`;
          for (const endpoint of endpoints)
            destinations.push({ endpointId: endpoint.id, url: endpoint.url, destination: `endpoint:${endpoint.id}` });
        }
        for (const d of destinations) {
          await tx.$executeRaw`
            INSERT INTO "webhook_deliveries" (id, org_id, event_id, event_type, call_id, sequence, endpoint_id, destination, url, status, next_attempt_at, created_at)
            VALUES (${randomUUID()}::uuid, ${event.data.org_id}::uuid, ${event.id}::uuid, ${event.type}, ${event.subject}::uuid, ${sequence},
                    ${d.endpointId}::uuid, ${d.destination}, ${d.url}, 'pending', ${now}, ${now})
            ON CONFLICT (event_id, destination) DO NOTHING`;
        }
        return { sequence, deliveries: destinations.length };
      });
    },
  };
}
