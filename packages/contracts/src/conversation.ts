import { z } from "zod";
import { VoiceEngine } from "./agent";
import { AnswerSchema } from "./answer-schema";
import { SimulatedCallee } from "./call";

/**
 * What the voice service needs to hold one call's conversation, as the gateway settled it for that
 * call: the agent's texts already rendered with the call's `client_name` and `context`, and the
 * sandbox callee's script. `call.queued` always carries it; the gateway's `call.updated` carries it
 * again after every edit (the agent, `context` or `client_name` may have changed). A dialer's
 * `call.updated` does not: the last one seen stays in force.
 */
export const CallConversation = z.object({
  agent_id: z.uuid(),
  /** The system prompt, rendered. */
  system_prompt: z.string(),
  /** Rendered; null: the agent has none (the engine opens with a short greeting of its own). */
  first_message: z.string().nullable(),
  /** Rendered; null: the agent has none (the local engine hangs up without a message; a realtime model leaves a short generic one). */
  voicemail_message: z.string().nullable(),
  voice: z.string().nullable(),
  language: z.string().nullable(),
  answer_schema: AnswerSchema.nullable(),
  record: z.boolean(),
  recording_disclosure: z.string(),
  max_duration_seconds: z.number().int().positive(),
  engine: VoiceEngine,
  /** The realtime provider's model; null: the voice service's default (absent in events from before agents had one). */
  model: z.string().nullable().default(null),
  /** Sandbox only (the gateway refuses it with live telephony). */
  simulated_callee: SimulatedCallee.nullable(),
});
export type CallConversation = z.infer<typeof CallConversation>;

/**
 * The voice service's internal HTTP API (port 8084), called with the service credential
 * (`Authorization: Bearer <token>`), never by partners.
 * - `GET` answers the call's recording: `200 audio/wav` (two channels, callee left, agent right), or
 *   `302` to a short-lived signed object-store URL; `404` when there is none.
 * - `DELETE` deletes the recording: `204`, also when there was none (deleting is idempotent).
 */
export const voiceRecordingPath = (callId: string) => `/internal/calls/${encodeURIComponent(callId)}/recording`;

/** How one attempt's conversation ended, as the voice service reports it to the dialer. */
export const ConversationOutcome = z.enum(["talked", "opt_out", "voicemail_left", "agent_error"]);
export type ConversationOutcome = z.infer<typeof ConversationOutcome>;

/**
 * A message for one attempt's live conversation, from the dialer to the voice service's internal API
 * (`POST`, service credential `dialer`; `202`): `machine`, the carrier heard an answering machine
 * (the agent switches to the voicemail message, then hangs up); `cancel`, the partner canceled the
 * call (the agent says a short closing line, then hangs up). Any voice instance takes it and passes it
 * to the one holding the attempt's media stream, or to the stream when it starts.
 */
export const VoiceSignal = z.enum(["machine", "cancel"]);
export type VoiceSignal = z.infer<typeof VoiceSignal>;
export const VoiceSignalIn = z.object({ signal: VoiceSignal });
export const voiceSignalPath = (callId: string, attempt: number) =>
  `/internal/calls/${encodeURIComponent(callId)}/attempts/${Math.trunc(attempt)}/signals`;
