import type { CallAnalyzedData, CallAnalyzedEvent, ConversationEndedData, ConversationEndedEvent } from "@voxbridge/contracts";
import type { Pool } from "pg";
import type { Answers, CallStore } from "../app/ports";
import type { CallAgent } from "../domain/call-agent";
import { inConversationOrder, type Turn } from "../domain/transcript";
import type { Prisma } from "../generated/prisma/client";
import type { VoicePrisma } from "./prisma";

/** The pool the recordings' bytes go through (`pg`, bypassing Prisma: see createCallStore). */
type BytesPool = Pick<Pool, "query">;

/** An outbox row for one of the service's events. */
type OutboxRow = { id: string; topic: string; key: string; payload: CallAnalyzedEvent | ConversationEndedEvent };
/** The events, in the call's trace (`traceparent`, null when the call's events carried none). */
export type VoiceEventFactory = {
  analyzed: (data: CallAnalyzedData, traceparent: string | null) => OutboxRow;
  conversationEnded: (data: ConversationEndedData, traceparent: string | null) => OutboxRow;
};

const json = (value: unknown) => value as Prisma.InputJsonValue;

/**
 * The voice service's tables through Prisma; `call.analyzed` goes into the outbox in the same
 * transaction that marks the call analyzed. A recording's WAV (about 1 MB for 30 s) goes in and out
 * through `bytes`, a plain `pg` pool (a Buffer parameter goes to Postgres as binary): through Prisma
 * a 1 MB value cost about 37 ms of CPU on the event loop to write (base64, then hex for the wire) and
 * 18 ms to read, against about 3.5 ms and 5.5 ms this way, so every call's end held up the other
 * calls' audio.
 */
export function createCallStore(prisma: VoicePrisma, bytes: BytesPool, events: VoiceEventFactory): CallStore {
  return {
    async learnAgent({ callId, orgId, agent, eventTime, traceparent }) {
      await prisma.$executeRaw`
        INSERT INTO "calls" (call_id, org_id, agent, agent_event_time, traceparent)
        VALUES (${callId}::uuid, ${orgId}::uuid, ${JSON.stringify(agent)}::jsonb, ${eventTime}, ${traceparent})
        ON CONFLICT (call_id) DO UPDATE SET agent = EXCLUDED.agent, agent_event_time = EXCLUDED.agent_event_time,
          traceparent = COALESCE("calls".traceparent, EXCLUDED.traceparent)
        WHERE "calls".agent_event_time <= EXCLUDED.agent_event_time`;
    },
    async markEnded(callId, at) {
      const { count } = await prisma.call.updateMany({ where: { callId, endedAt: null }, data: { endedAt: at } });
      if (count > 0) return true;
      return (await prisma.call.count({ where: { callId } })) > 0;
    },
    async findAgent(callId) {
      const row = await prisma.call.findUnique({ where: { callId }, select: { orgId: true, agent: true } });
      return row ? { orgId: row.orgId, agent: row.agent as unknown as CallAgent } : null;
    },
    async reportUnheardAgentError({ callId, attempt, error }) {
      const event = events.conversationEnded(
        { call_id: callId, org_id: null, attempt, outcome: "agent_error", media_started: false, error_message: error },
        null,
      );
      await prisma.outboxEvent.create({ data: { eventId: event.id, topic: event.topic, key: event.key, payload: json(event.payload) } });
    },
    async startConversation({ callId, attempt, orgId, startedAt }) {
      await prisma.conversation.upsert({
        where: { callId_attempt: { callId, attempt } },
        create: { callId, attempt, orgId, startedAt },
        update: {},
      });
    },
    async saveProgress({ callId, attempt, turns, answers }) {
      await prisma.conversation.updateMany({
        where: { callId, attempt, endedAt: null },
        data: { turns: json(turns), answers: answers === null ? undefined : json(answers) },
      });
    },
    async endConversation({ callId, attempt, endedAt, outcome, turns, answers, recording, error }) {
      // The bytes first, not yet due for upload: the transaction below makes them due with the end
      // of the conversation. A crash in between leaves a row the upload pass never takes (retention
      // deletes it with its conversation's age); a retry of this end finds the bytes already there.
      if (recording) {
        await bytes.query(
          `INSERT INTO "recording_uploads" (call_id, attempt, object_key, wav, next_attempt_at)
           VALUES ($1::uuid, $2, $3, $4, 'infinity') ON CONFLICT (call_id, attempt) DO NOTHING`,
          [callId, attempt, recording.key, recording.wav],
        );
      }
      await prisma.$transaction(async (tx) => {
        const conversation = await tx.conversation.update({
          where: { callId_attempt: { callId, attempt } },
          data: {
            endedAt,
            outcome,
            turns: json(turns),
            answers: answers === null ? undefined : json(answers),
            recordingState: recording ? "pending" : "none",
            recordingKey: recording?.key ?? null,
          },
        });
        if (recording) {
          await tx.recordingUpload.updateMany({
            where: { callId, attempt, attempts: 0, nextAttemptAt: { gt: endedAt } },
            data: { nextAttemptAt: endedAt },
          });
        }
        // The dialer's report of this attempt, in the same transaction as the conversation it reports.
        const call = await tx.call.findUnique({ where: { callId }, select: { traceparent: true } });
        const event = events.conversationEnded(
          {
            call_id: callId,
            org_id: conversation.orgId,
            attempt,
            outcome,
            // Someone (or a machine) heard the agent once any of its audio was played.
            media_started: turns.some((turn) => turn.speaker === "agent"),
            error_message: error ?? null,
          },
          call?.traceparent ?? null,
        );
        await tx.outboxEvent.create({ data: { eventId: event.id, topic: event.topic, key: event.key, payload: json(event.payload) } });
      });
    },
    async analyzeIfDue(callId, now, staleAfterMs) {
      return prisma.$transaction(async (tx) => {
        const locked = await tx.$queryRaw<{ call_id: string }[]>`SELECT call_id FROM "calls" WHERE call_id = ${callId}::uuid FOR UPDATE`;
        if (locked.length === 0) return false;
        const call = await tx.call.findUniqueOrThrow({ where: { callId } });
        if (call.endedAt === null) return false;
        const conversations = await tx.conversation.findMany({ where: { callId }, orderBy: { attempt: "asc" } });
        if (conversations.length === 0) return false;
        const recordingAvailable = conversations.some((c) => c.recordingState === "stored");
        const stale = now.getTime() - call.endedAt.getTime() >= staleAfterMs;
        // A recording not yet tried goes first, so the first call.analyzed usually carries it; one the
        // store refused is announced later by a second call.analyzed.
        const untried = await tx.recordingUpload.count({ where: { callId, attempts: 0 } });
        const settled = (conversations.every((c) => c.endedAt !== null) && untried === 0) || stale;
        const first = call.analyzedAt === null && settled;
        const lateRecording = call.analyzedAt !== null && !call.recordingAnnounced && recordingAvailable;
        if (!first && !lateRecording) return false;
        const turns = inConversationOrder(conversations.flatMap((c) => c.turns as unknown as Turn[]));
        const talked = conversations.filter(
          (c) => (c.turns as unknown as Turn[]).some((t) => t.speaker === "callee") && c.outcome !== "voicemail_left",
        );
        const last = talked.at(-1);
        const event = events.analyzed(
          {
            call_id: callId,
            org_id: call.orgId,
            attempt: (conversations.at(-1) as { attempt: number }).attempt,
            turns,
            structured_answers: last ? ((last.answers as Answers | null) ?? {}) : null,
            recording_available: recordingAvailable,
          },
          call.traceparent,
        );
        await tx.outboxEvent.create({ data: { eventId: event.id, topic: event.topic, key: event.key, payload: json(event.payload) } });
        await tx.call.update({
          where: { callId },
          data: { analyzedAt: call.analyzedAt ?? now, recordingAnnounced: recordingAvailable },
        });
        return true;
      });
    },
    async callsDueForAnalysis(now, staleAfterMs, limit) {
      const rows = await prisma.$queryRaw<{ call_id: string }[]>`
        SELECT c.call_id FROM "calls" c
         WHERE c.ended_at IS NOT NULL
           AND EXISTS (SELECT 1 FROM "conversations" v WHERE v.call_id = c.call_id)
           AND ((c.analyzed_at IS NULL
                 AND (c.ended_at <= ${new Date(now.getTime() - staleAfterMs)}
                      OR NOT EXISTS (SELECT 1 FROM "conversations" v WHERE v.call_id = c.call_id AND v.ended_at IS NULL)))
             OR (c.analyzed_at IS NOT NULL AND NOT c.recording_announced
                 AND EXISTS (SELECT 1 FROM "conversations" v WHERE v.call_id = c.call_id AND v.recording_state = 'stored')))
         LIMIT ${limit}`;
      return rows.map((r) => r.call_id);
    },
    async dueUploads(now, limit) {
      const rows = await prisma.recordingUpload.findMany({
        where: { nextAttemptAt: { lte: now } },
        orderBy: { nextAttemptAt: "asc" },
        take: limit,
        select: { callId: true, attempt: true, objectKey: true, attempts: true },
      });
      const due = [];
      for (const r of rows) {
        // As base64 text: decoding it costs half of what pg's parse of bytea's hex text does.
        const { rows: found } = await bytes.query<{ wav: string }>(
          `SELECT encode(wav, 'base64') AS wav FROM "recording_uploads" WHERE call_id = $1::uuid AND attempt = $2`,
          [r.callId, r.attempt],
        );
        const wav = found[0] && Buffer.from(found[0].wav, "base64");
        if (wav) due.push({ callId: r.callId, attempt: r.attempt, key: r.objectKey, wav, attempts: r.attempts });
      }
      return due;
    },
    async uploadSucceeded(callId, attempt) {
      await prisma.$transaction([
        prisma.recordingUpload.deleteMany({ where: { callId, attempt } }),
        prisma.conversation.update({ where: { callId_attempt: { callId, attempt } }, data: { recordingState: "stored" } }),
      ]);
    },
    async uploadFailed(callId, attempt, error, retryAt) {
      if (retryAt === null) {
        await prisma.$transaction([
          prisma.recordingUpload.deleteMany({ where: { callId, attempt } }),
          prisma.conversation.update({ where: { callId_attempt: { callId, attempt } }, data: { recordingState: "failed" } }),
        ]);
        return;
      }
      await prisma.recordingUpload.update({
        where: { callId_attempt: { callId, attempt } },
        data: { attempts: { increment: 1 }, nextAttemptAt: retryAt, lastError: error.slice(0, 500) },
      });
    },
    async recordingOf(callId) {
      const row = await prisma.conversation.findFirst({
        where: { callId, recordingState: "stored", recordingKey: { not: null } },
        orderBy: { attempt: "desc" },
        select: { recordingKey: true },
      });
      return row?.recordingKey ? { key: row.recordingKey } : null;
    },
    async forgetRecording(callId) {
      const rows = await prisma.conversation.findMany({ where: { callId, recordingKey: { not: null } }, select: { recordingKey: true } });
      await prisma.$transaction([
        prisma.recordingUpload.deleteMany({ where: { callId } }),
        prisma.conversation.updateMany({ where: { callId }, data: { recordingState: "deleted", recordingKey: null } }),
      ]);
      return rows.flatMap((r) => (r.recordingKey ? [r.recordingKey] : []));
    },
  };
}
