import type { CallEventOf, CallOut } from "@voxbridge/contracts";
import type { CallStore } from "../app/ports";
import type { CallRecord } from "../generated/prisma/client";
import type { GatewayPrisma } from "./prisma";

type JsonObject = Record<string, unknown>;

export function toCallOut(record: CallRecord): CallOut {
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
    started_at: record.startedAt?.toISOString() ?? null,
    completed_at: record.completedAt?.toISOString() ?? null,
    created_at: record.createdAt.toISOString(),
  };
}

const jsonOrUndefined = (value: JsonObject | null) => (value === null ? undefined : (value as object));

export function createCallStore(prisma: GatewayPrisma): CallStore {
  return {
    async createQueued(call, event: CallEventOf<"call.queued">) {
      const { out } = call;
      // One transaction, two inserts: the call exists if and only if its event will be published.
      await prisma.$transaction([
        prisma.callRecord.create({
          data: {
            id: out.id,
            orgId: call.orgId,
            agentId: out.agent_id,
            status: out.status,
            toNumber: out.to_number,
            fromNumber: out.from_number,
            clientName: out.client_name,
            context: jsonOrUndefined(out.context),
            metadata: jsonOrUndefined(out.metadata),
            webhookUrl: call.webhookUrl,
            maxAttempts: out.max_attempts,
            scheduledAt: out.scheduled_at ? new Date(out.scheduled_at) : null,
            createdAt: new Date(out.created_at),
          },
        }),
        prisma.outboxEvent.create({ data: { eventId: event.id, topic: "callEvents", key: event.subject, payload: event as object } }),
      ]);
    },
    async findById(orgId, callId) {
      const record = await prisma.callRecord.findFirst({ where: { id: callId, orgId } });
      return record ? toCallOut(record) : null;
    },
  };
}
