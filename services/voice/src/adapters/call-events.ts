import { CallConversation, DEFAULT_RECORDING_DISCLOSURE } from "@voxbridge/contracts";
import { z } from "zod";
import type { CallAgent } from "../domain/call-agent";

/**
 * What the voice service reads of the call-events topic. The agent copy comes from the event's
 * `conversation` (`CallConversation`: texts rendered, answer schema, recording settings) or,
 * in events from before it, from the dialer's `agent` (prompt, voice, language, maximum duration).
 */
const DialAgent = z.object({
  system_prompt: z.string(),
  voice: z.string().nullable().default(null),
  language: z.string().nullable().default(null),
  max_duration_seconds: z.number().int().positive(),
});
const Event = z.object({
  type: z.string(),
  subject: z.uuid(),
  time: z.iso.datetime({ offset: true }),
  traceparent: z.string().optional(),
  data: z.object({ org_id: z.uuid(), conversation: CallConversation.optional(), agent: DialAgent.optional() }).passthrough(),
});

export type VoiceCallEvent =
  | { kind: "agent"; callId: string; orgId: string; time: Date; agent: CallAgent; traceparent?: string | undefined }
  | { kind: "ended"; callId: string; time: Date }
  | { kind: "other" };

const TERMINAL = new Set(["call.completed", "call.failed", "call.canceled"]);

/** Decodes one message value; throws (to the dead-letter topic) on one that is not a call event. */
export function decodeVoiceCallEvent(value: Buffer | null): VoiceCallEvent {
  if (!value) throw new Error("empty message");
  const event = Event.parse(JSON.parse(value.toString("utf8")));
  const time = new Date(event.time);
  if (TERMINAL.has(event.type)) return { kind: "ended", callId: event.subject, time };
  if (event.type !== "call.queued" && event.type !== "call.updated") return { kind: "other" };
  const { conversation, agent } = event.data;
  if (conversation) {
    return {
      kind: "agent",
      callId: event.subject,
      orgId: event.data.org_id,
      time,
      traceparent: event.traceparent,
      agent: {
        systemPrompt: conversation.system_prompt,
        firstMessage: conversation.first_message,
        voicemailMessage: conversation.voicemail_message,
        voice: conversation.voice,
        language: conversation.language,
        answerSchema: conversation.answer_schema,
        record: conversation.record,
        recordingDisclosure: conversation.recording_disclosure,
        maxDurationSeconds: conversation.max_duration_seconds,
        engine: conversation.engine,
        model: conversation.model,
        simulatedCallee: conversation.simulated_callee,
      },
    };
  }
  if (agent) {
    return {
      kind: "agent",
      callId: event.subject,
      orgId: event.data.org_id,
      time,
      traceparent: event.traceparent,
      agent: {
        systemPrompt: agent.system_prompt,
        firstMessage: null,
        voicemailMessage: null,
        voice: agent.voice,
        language: agent.language,
        answerSchema: null,
        record: true,
        recordingDisclosure: DEFAULT_RECORDING_DISCLOSURE,
        maxDurationSeconds: agent.max_duration_seconds,
        engine: "local",
        simulatedCallee: null,
      },
    };
  }
  return { kind: "other" };
}
