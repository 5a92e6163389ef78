import { z } from "zod";
import { VoicemailAction } from "./agent";
import { AttemptOut, CallOut, recordingPath, TranscriptTurn, transcriptText } from "./call";
import { CallingWindow, ResolvedCallingWindow } from "./calling-window";
import { CallConversation, ConversationOutcome } from "./conversation";

/**
 * `callEvents`: call lifecycle events (and cancel requests), keyed by call id so one call's events
 * stay in order. `suppressions`: suppression changes, keyed by org id, on a topic of their own so
 * that no backlog of call events delays an opt-out (docs/dialer.md, "Suppressions").
 */
export const TOPICS = {
  callEvents: "voxbridge.call-events.v1",
  suppressions: "voxbridge.suppressions.v1",
  deadLetter: "voxbridge.dead-letter.v1",
} as const;

/** Partition counts, created explicitly (auto-create is off): the ceiling on consumer instances per group. */
export const TOPIC_PARTITIONS: Record<(typeof TOPICS)[keyof typeof TOPICS], number> = {
  [TOPICS.callEvents]: 12,
  [TOPICS.suppressions]: 3,
  [TOPICS.deadLetter]: 1,
};

export const CallEventType = z.enum(["call.queued", "call.calling", "call.updated", "call.completed", "call.failed", "call.canceled"]);
export type CallEventType = z.infer<typeof CallEventType>;

/**
 * What every lifecycle event carries: the org, where its webhooks go, the call as partners see it,
 * and on an event that ends an attempt (a retry's `call.updated`, the final event after a dial) that attempt.
 */
const CallEventData = z.object({
  org_id: z.uuid(),
  webhook_url: z.string().nullable(),
  call: CallOut,
  attempt: AttemptOut.optional(),
});

/** The agent as the dialer needs it to place the call. */
export const DialAgent = z.object({
  id: z.uuid(),
  system_prompt: z.string(),
  voice: z.string().nullable(),
  language: z.string().nullable(),
  max_duration_seconds: z.number().int().positive(),
  /** Absent in events from before the setting: the old behaviour, `hangup`. */
  voicemail_action: VoicemailAction.default("hangup"),
  calling_window: CallingWindow.nullable().default(null),
});
export type DialAgent = z.infer<typeof DialAgent>;

/**
 * `calling_window`: the call's window with its time zones settled by the gateway; null: any time.
 * `talk_seconds_allowed`: quota's talk allowance as of the call's hold, so a call dialed right away
 * needs no second question to quota; absent in events from before it. `conversation`: what the voice
 * service needs for the call (absent in events from before it).
 */
export const CallQueuedData = CallEventData.extend({
  agent: DialAgent,
  calling_window: ResolvedCallingWindow.nullable().default(null),
  talk_seconds_allowed: z.number().int().min(0).optional(),
  conversation: CallConversation.optional(),
});
export type CallQueuedData = z.infer<typeof CallQueuedData>;
export type CallEventDataOf = z.infer<typeof CallEventData>;

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({
    specversion: z.literal("1.0"),
    id: z.uuid(),
    source: z.string().min(1),
    type: z.literal(type),
    subject: z.uuid().describe("The call id"),
    time: z.iso.datetime({ offset: true }),
    datacontenttype: z.literal("application/json"),
    /** CloudEvents Distributed Tracing extension: the W3C trace context of the work that caused it. */
    traceparent: z.string().optional(),
    data: data,
  });

/**
 * `call.updated` from the dialer: an attempt ended with a retry due, or an opening moved. From the
 * gateway: the partner edited the queued call; `agent` (when it changed) and `calling_window` (the
 * window now in force, zones settled) tell the dialer what its next attempt uses, and `conversation`
 * (always, from the gateway) tells the voice service.
 */
export const CallUpdatedData = CallEventData.extend({
  agent: DialAgent.optional(),
  calling_window: ResolvedCallingWindow.nullable().optional(),
  conversation: CallConversation.optional(),
});

/** CloudEvents 1.0 structured-mode envelope for every call lifecycle event. */
export const CallEvent = z.discriminatedUnion("type", [
  envelope("call.queued", CallQueuedData),
  envelope("call.calling", CallEventData),
  envelope("call.updated", CallUpdatedData),
  envelope("call.completed", CallEventData),
  envelope("call.failed", CallEventData),
  envelope("call.canceled", CallEventData),
]);
export type CallEvent = z.infer<typeof CallEvent>;
export type CallEventOf<T extends CallEventType> = Extract<CallEvent, { type: T }>;

/** Builds a lifecycle event with a fresh id; `source` names the emitting service. */
export function newCallEvent<T extends CallEventType>(
  type: T,
  source: string,
  data: CallEventOf<T>["data"],
  options: { id: string; time: Date; traceparent?: string | undefined },
): CallEventOf<T> {
  return {
    specversion: "1.0",
    id: options.id,
    source,
    type,
    subject: data.call.id,
    time: options.time.toISOString(),
    datacontenttype: "application/json",
    ...(options.traceparent ? { traceparent: options.traceparent } : {}),
    data,
  } as CallEventOf<T>;
}

/**
 * `call.analyzed`, from the voice service's outbox after the call's terminal status event, once for
 * every call that had media: every attempt's turns, the answers of the last attempt that talked
 * (null when nobody talked), and whether a recording is stored. A recording stored late is announced
 * by a later `call.analyzed` of the same call, with the same turns and `recording_available: true`.
 */
export const CallAnalyzedData = z.object({
  call_id: z.uuid(),
  org_id: z.uuid(),
  attempt: z.number().int().min(1).describe("The last attempt that had media"),
  turns: z.array(TranscriptTurn),
  structured_answers: z.record(z.string(), z.unknown()).nullable(),
  recording_available: z.boolean(),
});
export type CallAnalyzedData = z.infer<typeof CallAnalyzedData>;
export const CallAnalyzedEvent = envelope("call.analyzed", CallAnalyzedData);
export type CallAnalyzedEvent = z.infer<typeof CallAnalyzedEvent>;

/**
 * `call.conversation_ended`, from the voice service to the dialer (internal: never delivered to
 * partners): how one attempt's conversation ended. `media_started`: a person or machine heard the
 * agent, so an agent error must not be redialed. The dialer combines it with the carrier's end into
 * the one terminal event.
 */
export const ConversationEndedData = z.object({
  call_id: z.uuid(),
  /** null when the voice service never learned the call (a stream it ended for want of the agent). */
  org_id: z.uuid().nullable(),
  attempt: z.number().int().min(1),
  outcome: ConversationOutcome,
  media_started: z.boolean(),
  error_message: z.string().nullable(),
});
export type ConversationEndedData = z.infer<typeof ConversationEndedData>;
export const ConversationEndedEvent = envelope("call.conversation_ended", ConversationEndedData);
export type ConversationEndedEvent = z.infer<typeof ConversationEndedEvent>;

/** Builds a CloudEvent whose data is not a call record (`call.analyzed`, `call.conversation_ended`): subject is the call id. */
export function newCallDataEvent<E extends CallAnalyzedEvent | ConversationEndedEvent>(
  type: E["type"],
  source: string,
  data: E["data"],
  options: { id: string; time: Date; traceparent?: string | undefined },
): E {
  return {
    specversion: "1.0",
    id: options.id,
    source,
    type,
    subject: data.call_id,
    time: options.time.toISOString(),
    datacontenttype: "application/json",
    ...(options.traceparent ? { traceparent: options.traceparent } : {}),
    data,
  } as E;
}

/** Every event type partners can receive at a webhook (and filter an endpoint by): the lifecycle ones and `call.analyzed`. */
export const WebhookEventType = z.enum([...CallEventType.options, "call.analyzed"]);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** The events that become webhook deliveries, as the call-events topic carries them. */
export const DeliverableEvent = z.discriminatedUnion("type", [...CallEvent.options, CallAnalyzedEvent]);
export type DeliverableEvent = z.infer<typeof DeliverableEvent>;

/**
 * The call record with what a `call.analyzed` says: the transcript (one line per turn, conversation
 * order), the answers, and `recording_url` when a recording is stored (and was not deleted since).
 */
export function withAnalysis(call: CallOut, analysis: CallAnalyzedData, options: { recordingDeleted?: boolean } = {}): CallOut {
  return {
    ...call,
    transcript: transcriptText(analysis.turns),
    structured_answers: analysis.structured_answers,
    recording_url: analysis.recording_available && !options.recordingDeleted ? recordingPath(call.id) : null,
  };
}

const webhookEventOf = <T extends WebhookEventType>(type: T, id: string, when: string) =>
  z
    .object({
      type: z.literal(type),
      timestamp: z.iso.datetime({ offset: true }).describe("When the event happened"),
      sequence: z.number().int().min(1).describe("Per-call order: 1 for call.queued, then one more per event of the call"),
      attempt: z.number().int().min(0).describe("The call's current attempt: 0 before its first dial, then 1, 2, …"),
      data: CallOut,
    })
    .meta({ id, description: `The body of a \`${type}\` delivery: sent ${when}.` });

/**
 * The body partners receive at their webhook URL for each lifecycle event (the CloudEvents envelope
 * stays inside the platform): type, time, the call's per-call sequence and the call as GET returns it.
 */
export const WebhookEvent = z
  .discriminatedUnion("type", [
    webhookEventOf("call.queued", "CallQueuedWebhook", "once the call is accepted"),
    webhookEventOf("call.calling", "CallCallingWebhook", "when an attempt starts dialing (once per attempt)"),
    webhookEventOf(
      "call.updated",
      "CallUpdatedWebhook",
      "when an attempt ended and a retry is due (at `next_attempt_at`), and when a queued call was edited",
    ),
    webhookEventOf("call.completed", "CallCompletedWebhook", "when the call ended answered (a person or voicemail)"),
    webhookEventOf("call.failed", "CallFailedWebhook", "when the call ended unanswered for good, or could not be placed"),
    webhookEventOf(
      "call.canceled",
      "CallCanceledWebhook",
      "once, when the dialer carried out a cancel (or a suppression): the call's only terminal event, with `duration_seconds` when someone talked",
    ),
    webhookEventOf(
      "call.analyzed",
      "CallAnalyzedWebhook",
      "after the call ended, when it had a conversation: the record with `transcript`, `structured_answers` and (once stored) `recording_url`; again when a recording is stored late",
    ),
  ])
  .meta({ id: "WebhookEvent" });
export type WebhookEvent = z.infer<typeof WebhookEvent>;
