import type { AttemptOut, CallEventOf, CallingWindow, CallOut, CallStatus, SimulatedCallee } from "@voxbridge/contracts";
import type { CallStore } from "../app/ports";
import { type CallAttempt, type CallRecord, Prisma } from "../generated/prisma/client";
import type { GatewayPrisma } from "./prisma";

type JsonObject = Record<string, unknown>;

function toCallOut(record: CallRecord): CallOut {
  return {
    id: record.id,
    agent_id: record.agentId,
    direction: "outbound",
    status: record.status as CallOut["status"],
    to_number: record.toNumber,
    from_number: record.fromNumber,
    client_name: record.clientName,
    context: (record.context as JsonObject | null) ?? null,
    metadata: (record.metadata as JsonObject | null) ?? null,
    disposition: record.disposition as CallOut["disposition"],
    transcript: record.transcript,
    recording_url: record.recordingUrl,
    structured_answers: (record.structuredAnswers as JsonObject | null) ?? null,
    attempt_count: record.attemptCount,
    max_attempts: record.maxAttempts,
    duration_seconds: record.durationSeconds,
    error_message: record.errorMessage,
    scheduled_at: record.scheduledAt?.toISOString() ?? null,
    calling_window: (record.callingWindow as CallingWindow | null) ?? null,
    next_attempt_at: record.nextAttemptAt?.toISOString() ?? null,
    cancel_requested_at: record.cancelRequestedAt?.toISOString() ?? null,
    started_at: record.startedAt?.toISOString() ?? null,
    completed_at: record.completedAt?.toISOString() ?? null,
    created_at: record.createdAt.toISOString(),
  };
}

const toAttemptOut = (row: CallAttempt): AttemptOut => ({
  attempt: row.attempt,
  started_at: row.startedAt.toISOString(),
  answered_at: row.answeredAt?.toISOString() ?? null,
  ended_at: row.endedAt?.toISOString() ?? null,
  disposition: row.disposition as AttemptOut["disposition"],
  duration_seconds: row.durationSeconds,
  error_message: row.errorMessage,
});

const json = (value: object | null) => (value === null ? null : JSON.stringify(value));

/** `outboxTopic`: the real (prefixed) topic, so any instance's relay publishes a row to its own deployment. */
export function createCallStore(prisma: GatewayPrisma, outboxTopic = "callEvents"): CallStore {
  return {
    async createQueued(call, event: CallEventOf<"call.queued">) {
      const { out } = call;
      // One statement, so one implicit transaction and one round trip: the call exists if and only
      // if its event will be published. Raw SQL because this is the hottest write (docs/performance.md).
      // An existing call id (an Idempotency-Key retry) inserts nothing at all, nor does a number on
      // the org's suppression list (checked here rather than in a query of its own).
      const [row] = await prisma.$queryRaw<{ inserted: boolean; suppressed: boolean }[]>`
        WITH suppressed AS (
          SELECT 1 FROM "suppressions" WHERE org_id = ${call.orgId}::uuid AND number = ${out.to_number}
        ), inserted_call AS (
          INSERT INTO "calls" (id, org_id, agent_id, status, to_number, from_number, client_name, context, metadata,
                               webhook_url, max_attempts, scheduled_at, calling_window, next_attempt_at, simulated_callee, created_at, updated_at)
          SELECT ${out.id}::uuid, ${call.orgId}::uuid, ${out.agent_id}::uuid, ${out.status}, ${out.to_number}, ${out.from_number},
                 ${out.client_name}, ${json(out.context)}::jsonb, ${json(out.metadata)}::jsonb, ${call.webhookUrl}, ${out.max_attempts},
                 ${out.scheduled_at}::timestamptz, ${json(out.calling_window)}::jsonb, ${out.next_attempt_at}::timestamptz,
                 ${json(call.simulatedCallee)}::jsonb, ${out.created_at}::timestamptz,
                 ${out.created_at}::timestamptz
           WHERE NOT EXISTS (SELECT 1 FROM suppressed)
          ON CONFLICT (id) DO NOTHING
          RETURNING id
        ), queued_event AS (
          INSERT INTO "outbox" (event_id, topic, key, payload)
          SELECT ${event.id}::uuid, ${outboxTopic}, ${event.subject}, ${JSON.stringify(event)}::jsonb FROM inserted_call
        )
        SELECT EXISTS (SELECT 1 FROM inserted_call) AS inserted, EXISTS (SELECT 1 FROM suppressed) AS suppressed`;
      if (row?.suppressed) return "suppressed";
      return row?.inserted ? "created" : "exists";
    },

    async findById(orgId, callId) {
      const record = await prisma.callRecord.findFirst({ where: { id: callId, orgId } });
      return record ? toCallOut(record) : null;
    },

    async list(orgId, query) {
      const where = { orgId, ...(query.status ? { status: query.status } : {}) };
      const [records, total] = await Promise.all([
        prisma.callRecord.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit, skip: query.offset }),
        prisma.callRecord.count({ where }),
      ]);
      return { items: records.map(toCallOut), total };
    },

    async updateQueued(orgId, callId, edit) {
      return prisma.$transaction(async (tx) => {
        const [locked] = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM "calls" WHERE id = ${callId}::uuid AND org_id = ${orgId}::uuid FOR UPDATE`;
        const record = locked ? await tx.callRecord.findUnique({ where: { id: callId } }) : null;
        if (!record) return { outcome: "not_found" as const };
        if (record.status !== "queued") return { outcome: "not_queued" as const, status: record.status as CallStatus };
        if (record.cancelRequestedAt) return { outcome: "cancel_requested" as const };
        const { call, webhookUrl, event } = await edit({
          call: toCallOut(record),
          webhookUrl: record.webhookUrl,
          simulatedCallee: (record.simulatedCallee as SimulatedCallee | null) ?? null,
        });
        await tx.callRecord.update({
          where: { id: callId },
          data: {
            agentId: call.agent_id,
            clientName: call.client_name,
            context: (call.context as Prisma.InputJsonObject | null) ?? Prisma.DbNull,
            metadata: (call.metadata as Prisma.InputJsonObject | null) ?? Prisma.DbNull,
            webhookUrl,
            maxAttempts: call.max_attempts,
            scheduledAt: call.scheduled_at,
            callingWindow: call.calling_window ?? Prisma.DbNull,
            nextAttemptAt: call.next_attempt_at,
            updatedAt: new Date(),
          },
        });
        await tx.outboxEvent.create({ data: { eventId: event.id, topic: outboxTopic, key: event.subject, payload: event as object } });
        return { outcome: "updated" as const, call };
      });
    },

    async listAttempts(orgId, callId, page) {
      const owned = await prisma.callRecord.findFirst({ where: { id: callId, orgId }, select: { id: true } });
      if (!owned) return null;
      const [rows, total] = await Promise.all([
        prisma.callAttempt.findMany({ where: { callId }, orderBy: { attempt: "asc" }, take: page.limit, skip: page.offset }),
        prisma.callAttempt.count({ where: { callId } }),
      ]);
      return { items: rows.map(toAttemptOut), total };
    },

    async requestCancel(orgId, callId, decide) {
      return prisma.$transaction(async (tx) => {
        // The row lock orders this against other cancels and edits; the projector's update waits for it.
        const [locked] = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM "calls" WHERE id = ${callId}::uuid AND org_id = ${orgId}::uuid FOR UPDATE`;
        const record = locked ? await tx.callRecord.findUnique({ where: { id: callId } }) : null;
        if (!record) return null;
        const event = decide(toCallOut(record));
        if (!event) return toCallOut(record);
        const requestedAt = new Date(event.data.requested_at);
        const updated = await tx.callRecord.update({
          where: { id: callId },
          data: { cancelRequestedAt: requestedAt, updatedAt: requestedAt },
        });
        await tx.outboxEvent.create({ data: { eventId: event.id, topic: outboxTopic, key: event.subject, payload: event as object } });
        return toCallOut(updated);
      });
    },
  };
}
