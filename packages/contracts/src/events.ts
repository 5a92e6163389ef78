import { z } from "zod";
import { VoicemailAction } from "./agent";
import { AttemptOut, CallOut } from "./call";
import { CallingWindow, ResolvedCallingWindow } from "./calling-window";

/** The one Kafka topic of call lifecycle events, keyed by call id so one call's events stay in order. */
export const TOPICS = {
  callEvents: "voxbridge.call-events.v1",
  deadLetter: "voxbridge.dead-letter.v1",
} as const;

/** Partition counts, created explicitly (auto-create is off): the ceiling on consumer instances per group. */
export const TOPIC_PARTITIONS: Record<(typeof TOPICS)[keyof typeof TOPICS], number> = {
  [TOPICS.callEvents]: 12,
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
 * needs no second question to quota; absent in events from before it.
 */
export const CallQueuedData = CallEventData.extend({
  agent: DialAgent,
  calling_window: ResolvedCallingWindow.nullable().default(null),
  talk_seconds_allowed: z.number().int().min(0).optional(),
});
export type CallQueuedData = z.infer<typeof CallQueuedData>;
export type CallEventDataOf = z.infer<typeof CallEventData>;

const envelope = <T extends CallEventType, D extends z.ZodType>(type: T, data: D) =>
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
 * window now in force, zones settled) tell the dialer what its next attempt uses.
 */
export const CallUpdatedData = CallEventData.extend({
  agent: DialAgent.optional(),
  calling_window: ResolvedCallingWindow.nullable().optional(),
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

const webhookEventOf = <T extends CallEventType>(type: T, id: string, when: string) =>
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
    webhookEventOf("call.canceled", "CallCanceledWebhook", "when the call was canceled before or during dialing"),
  ])
  .meta({ id: "WebhookEvent" });
export type WebhookEvent = z.infer<typeof WebhookEvent>;
