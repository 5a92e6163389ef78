import { z } from "zod";
import { AnswerPropertyName, AnswerValue } from "./answer-schema";
import { CallingWindow } from "./calling-window";
import { ErrorEnvelope } from "./errors";
import { PageQuery, pageOf } from "./pagination";
import { fieldWithDefault, optionalField } from "./request-fields";

/** Where a call is in its life; only moves forward (see CALL_STATUS_RANK). */
export const CallStatus = z.enum(["queued", "calling", "completed", "failed", "canceled"]);
export type CallStatus = z.infer<typeof CallStatus>;

/** Forward-only ordering used by every projection: a later rank never yields to an earlier one. */
export const CALL_STATUS_RANK: Record<CallStatus, number> = {
  queued: 0,
  calling: 1,
  completed: 2,
  failed: 2,
  canceled: 2,
};

/** How a dial attempt ended, in the product's words (docs/dispositions.md). */
export const Disposition = z.enum([
  "completed",
  "no_answer",
  "busy",
  "rejected",
  "voicemail",
  "error",
  "canceled",
  "opt_out",
  "suppressed",
]);
export type Disposition = z.infer<typeof Disposition>;

const isoDateTime = z.iso.datetime({ offset: true });

/** One dial of a call: as GET /v1/calls/{call_id}/attempts lists it, and as the event that ended it carries it. */
export const AttemptOut = z
  .object({
    attempt: z.number().int().min(1).describe("1 for the first dial, then one more per retry"),
    started_at: isoDateTime.describe("When the dialer placed it"),
    answered_at: isoDateTime.nullable().describe("When a person or a voicemail picked up; null if nobody did"),
    ended_at: isoDateTime.nullable().describe("null while the attempt is live"),
    disposition: Disposition.nullable().describe("How it ended; null while live"),
    duration_seconds: z.number().int().min(0).nullable().describe("Talk time of this attempt"),
    error_message: z.string().nullable(),
  })
  .meta({ id: "Attempt" });
export type AttemptOut = z.infer<typeof AttemptOut>;

/** The partner-visible call record, as the REST API returns it and webhooks deliver it. */
export const CallOut = z
  .object({
    id: z.uuid(),
    agent_id: z.uuid(),
    direction: z.literal("outbound"),
    status: CallStatus,
    to_number: z.string(),
    from_number: z.string().nullable(),
    client_name: z.string().nullable(),
    context: z.record(z.string(), z.unknown()).nullable(),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    disposition: Disposition.nullable(),
    transcript: z.string().nullable(),
    recording_url: z.string().nullable(),
    structured_answers: z.record(z.string(), z.unknown()).nullable(),
    attempt_count: z.number().int().min(0),
    max_attempts: z.number().int().min(1).max(10),
    duration_seconds: z.number().int().min(0).nullable(),
    error_message: z.string().nullable(),
    scheduled_at: isoDateTime.nullable(),
    calling_window: CallingWindow.nullable()
      .default(null)
      .describe("The hours attempts may start in: the call's own window, else its agent's at creation; null: any time"),
    next_attempt_at: isoDateTime
      .nullable()
      .default(null)
      .describe(
        "When the dialer will next dial it: its schedule time while queued, the retry's time between attempts; null while an attempt is live and once the call ended",
      ),
    cancel_requested_at: isoDateTime
      .nullable()
      .default(null)
      .describe(
        "When the partner asked to cancel it (POST /v1/calls/{call_id}/cancel); the dialer carries the request out and the call then ends `canceled`. null: never asked",
      ),
    started_at: isoDateTime.nullable(),
    completed_at: isoDateTime.nullable(),
    created_at: isoDateTime,
  })
  .meta({ id: "CallOut" });
export type CallOut = z.infer<typeof CallOut>;

/**
 * The sandbox callee's script (simulator telephony only): what it says when the agent asks, as
 * audio through the agent's own recognizer. With live telephony a create carrying it is refused.
 */
export const SimulatedCallee = z
  .object({
    answers: z
      .record(AnswerPropertyName, AnswerValue)
      .optional()
      .describe("Values keyed by the agent's answer_schema properties; the callee says each one when the agent asks for it"),
    interrupts: z.boolean().optional().describe("Barge in on the agent's first sentence"),
    silent: z.boolean().optional().describe("Say nothing"),
    opt_out: z.boolean().optional().describe("Ask not to be called again"),
  })
  .strict()
  .meta({ id: "SimulatedCallee", example: { answers: { preferred_day: "tuesday", party_size: 4 }, interrupts: false } });
export type SimulatedCallee = z.infer<typeof SimulatedCallee>;

/** Size caps for partner-supplied JSON objects, in bytes of their JSON text. */
export const JSON_OBJECT_LIMIT_BYTES = { context: 16 * 1024, metadata: 8 * 1024 } as const;

const boundedObject = (field: keyof typeof JSON_OBJECT_LIMIT_BYTES) =>
  z.record(z.string(), z.unknown()).refine((value) => Buffer.byteLength(JSON.stringify(value)) <= JSON_OBJECT_LIMIT_BYTES[field], {
    message: `${field} must be at most ${JSON_OBJECT_LIMIT_BYTES[field]} bytes of JSON`,
  });

/**
 * Body of POST /v1/calls/outbound. Phone numbers are normalized by the gateway after parsing; every
 * optional field may be sent as `null`, which means the same as leaving it out.
 */
export const CreateOutboundCallRequest = z
  .object({
    to: z.string().min(1).max(32).describe("Destination; E.164 preferred, US 10-digit numbers become +1"),
    from: optionalField(z.string().min(1).max(32).describe("Caller ID; required once live telephony is enabled")),
    agent_id: optionalField(z.uuid().describe("Outbound agent; null or absent: the organization's default agent")),
    client_name: optionalField(z.string().min(1).max(200).describe("Callee name for prompts and records")),
    context: optionalField(boundedObject("context").describe("Variables injected into the agent's system prompt")),
    metadata: optionalField(boundedObject("metadata").describe("Opaque data echoed in webhooks and stored on the call")),
    schedule_at: optionalField(isoDateTime.describe("UTC time to dial; null, absent or a past time: now")),
    webhook_url: optionalField(
      z
        .url({ protocol: /^https?$/ })
        .max(2048)
        .describe("Per-call webhook override"),
    ),
    max_attempts: fieldWithDefault(z.number().int().min(1).max(10).describe("Retry cap, 1–10"), 3),
    calling_window: optionalField(
      CallingWindow.describe("When attempts may start, in the callee's local time unless `timezone` says otherwise; overrides the agent's"),
    ),
    simulated_callee: optionalField(
      SimulatedCallee.describe("Sandbox only: how the simulated callee behaves; refused (422) once live telephony is enabled"),
    ),
  })
  .strict()
  .meta({ id: "CreateOutboundCallRequest" });
export type CreateOutboundCallRequest = z.infer<typeof CreateOutboundCallRequest>;

/** Most calls one POST /v1/calls/batch may carry. */
export const BATCH_MAX_CALLS = 1_000;

/**
 * Body of POST /v1/calls/batch. Each item is a create body, checked on its own: one bad item is
 * answered with its own error and does not stop the others.
 */
export const CreateCallBatchRequest = z
  .object({
    calls: z
      .array(z.unknown().meta({ description: "A CreateOutboundCallRequest" }))
      .min(1)
      .max(BATCH_MAX_CALLS)
      .describe(`1–${BATCH_MAX_CALLS} create bodies`),
  })
  .strict()
  .meta({ id: "CreateCallBatchRequest" });
export type CreateCallBatchRequest = z.infer<typeof CreateCallBatchRequest>;

/** One item's answer: what its own POST /v1/calls/outbound would have answered. */
export const CallBatchItem = z
  .object({
    index: z.number().int().min(0).describe("The item's position in `calls`"),
    status: z.number().int().describe("The HTTP status its own create would have answered: 201, or a 4xx/503"),
    call: CallOut.optional().describe("With 201: the queued call"),
    error: ErrorEnvelope.shape.error.optional().describe("Otherwise: the error its create would have answered"),
  })
  .meta({ id: "CallBatchItem" });
export type CallBatchItem = z.infer<typeof CallBatchItem>;

export const CallBatchResponse = z.object({ items: z.array(CallBatchItem) }).meta({ id: "CallBatchResponse" });
export type CallBatchResponse = z.infer<typeof CallBatchResponse>;

/**
 * Body of PATCH /v1/calls/{call_id}, for a call still `queued`: any subset. `null` clears
 * `webhook_url` and `calling_window` (then any time); for every other field it means "unchanged".
 * `context` and `metadata` replace the whole object. A new `calling_window` is read like a create's.
 */
export const UpdateCallRequest = z
  .object({
    schedule_at: optionalField(isoDateTime.describe("UTC time to dial; a past time: now")),
    calling_window: CallingWindow.nullable().optional().describe("null clears it: any time"),
    context: optionalField(boundedObject("context")),
    metadata: optionalField(boundedObject("metadata")),
    client_name: optionalField(z.string().min(1).max(200)),
    agent_id: optionalField(z.uuid().describe("An active agent of the organization")),
    max_attempts: optionalField(z.number().int().min(1).max(10)),
    webhook_url: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .nullable()
      .optional()
      .describe("null clears it: the organization's endpoints only"),
  })
  .strict()
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: "at least one field to change" })
  .meta({ id: "UpdateCallRequest" });
export type UpdateCallRequest = z.infer<typeof UpdateCallRequest>;

/** Query of GET /v1/calls. */
export const ListCallsQuery = z.object({ status: CallStatus.optional(), ...PageQuery }).strict();
export type ListCallsQuery = z.infer<typeof ListCallsQuery>;

export const CallList = pageOf(CallOut, "CallList");
export type CallList = z.infer<typeof CallList>;

/** Query of GET /v1/calls/{call_id}/attempts. */
export const ListAttemptsQuery = z.object({ ...PageQuery }).strict();
export type ListAttemptsQuery = z.infer<typeof ListAttemptsQuery>;

export const AttemptList = pageOf(AttemptOut, "AttemptList");
export type AttemptList = z.infer<typeof AttemptList>;

/** Who spoke a turn of the conversation. */
export const Speaker = z.enum(["agent", "callee"]);
export type Speaker = z.infer<typeof Speaker>;

/**
 * One turn of a call's conversation: what the agent said (only what was actually played) or what the
 * callee was heard saying. `start_ms` and `end_ms` count from the start of that attempt's media.
 */
export const TranscriptTurn = z
  .object({
    speaker: Speaker,
    text: z.string(),
    attempt: z.number().int().min(1).describe("The attempt it was said in"),
    start_ms: z.number().int().min(0).describe("When the turn started, from the start of the attempt's media"),
    end_ms: z.number().int().min(0).describe("When it ended, on the same clock"),
  })
  .meta({ id: "TranscriptTurn" });
export type TranscriptTurn = z.infer<typeof TranscriptTurn>;

/** Query of GET /v1/calls/{call_id}/transcript. */
export const ListTranscriptQuery = z.object({ ...PageQuery }).strict();
export type ListTranscriptQuery = z.infer<typeof ListTranscriptQuery>;

export const TranscriptTurnList = pageOf(TranscriptTurn, "TranscriptTurnList");
export type TranscriptTurnList = z.infer<typeof TranscriptTurnList>;

/** Turns in conversation order: by attempt, then by when each started (not by when a result arrived). */
export function inConversationOrder(turns: readonly TranscriptTurn[]): TranscriptTurn[] {
  return turns
    .map((turn, index) => ({ turn, index }))
    .sort((a, b) => a.turn.attempt - b.turn.attempt || a.turn.start_ms - b.turn.start_ms || a.index - b.index)
    .map(({ turn }) => turn);
}

/** The record's `transcript`: one line per turn in conversation order, each starting `agent: ` or `callee: `; null with no turns. */
export function transcriptText(turns: readonly TranscriptTurn[]): string | null {
  if (turns.length === 0) return null;
  return inConversationOrder(turns)
    .map((turn) => `${turn.speaker}: ${turn.text.replace(/\s+/g, " ").trim()}`)
    .join("\n");
}

/** The public path of a call's recording, which `recording_url` shows once one is stored. */
export const recordingPath = (callId: string) => `/v1/calls/${callId}/recording`;

/**
 * Where a call record stands, as one number that only grows: its status rank (CALL_STATUS_RANK),
 * then, while calling, the attempt and whether it ended with a retry pending (`next_attempt_at`
 * set). A projection applies a snapshot only when it is further along than the record.
 */
export function callProgress(call: Pick<CallOut, "status" | "attempt_count" | "next_attempt_at">): number {
  const withinCalling = call.status === "calling" ? call.attempt_count * 2 + (call.next_attempt_at === null ? 0 : 1) : 0;
  return CALL_STATUS_RANK[call.status] * 1_000 + withinCalling;
}

/**
 * A just-accepted outbound call as partners see it: queued, no attempt yet, and null for everything
 * not yet known. The given fields override those defaults.
 */
export function newCallOut(fields: Pick<CallOut, "id" | "agent_id" | "to_number" | "created_at"> & Partial<CallOut>): CallOut {
  return {
    direction: "outbound",
    status: "queued",
    from_number: null,
    client_name: null,
    context: null,
    metadata: null,
    disposition: null,
    transcript: null,
    recording_url: null,
    structured_answers: null,
    attempt_count: 0,
    max_attempts: 3,
    duration_seconds: null,
    error_message: null,
    scheduled_at: null,
    calling_window: null,
    next_attempt_at: null,
    cancel_requested_at: null,
    started_at: null,
    completed_at: null,
    ...fields,
  };
}
