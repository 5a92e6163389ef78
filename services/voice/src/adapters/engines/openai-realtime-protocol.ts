import { FRAME_BYTES } from "@voxbridge/speech/line-audio";
import type {
  ConversationItemCreateEvent,
  RealtimeClientEvent,
  RealtimeServerEvent,
  SessionUpdateEvent,
} from "openai/resources/realtime/realtime";

/**
 * The pure parts of the OpenAI Realtime adapter (GA protocol): what the session asks for, the
 * tools, the conversation replayed after a reconnect, arguments of `record_answers` checked, and
 * reply audio cut into whole 20 ms frames. Message shapes are the `openai` package's own types, so
 * a protocol change there breaks the build.
 */
export type RealtimeAgent = {
  instructions: string;
  voice: string;
  model: string;
  answerSchema: { type: "object"; properties?: Record<string, unknown>; required?: string[] } | null;
  transcriptionModel: string;
  language: string | null;
};

export type { RealtimeClientEvent, RealtimeServerEvent };

/** The voices the provider offers; an agent's `voice` outside them (a local flite voice) gets the default. */
const PROVIDER_VOICES = new Set(["alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar"]);

export const providerVoice = (agentVoice: string | null, fallback: string): string =>
  agentVoice !== null && PROVIDER_VOICES.has(agentVoice) ? agentVoice : fallback;

export const TOOL_RECORD_ANSWERS = "record_answers";
export const TOOL_END_CALL = "end_call";
export const TOOL_OPT_OUT = "opt_out";

const RULES = [
  "You are on a phone call. Keep each reply short and spoken.",
  `Whenever the callee gives an answer you were asked to find out, call ${TOOL_RECORD_ANSWERS} with it.`,
  `When the conversation is done, say goodbye and call ${TOOL_END_CALL}.`,
  `If the callee asks not to be called again, acknowledge it briefly and call ${TOOL_OPT_OUT}.`,
].join(" ");

/** `session.update`: μ-law both ways (Twilio's own audio, no transcoding), server VAD, transcription, the tools. */
export function sessionUpdate(agent: RealtimeAgent): SessionUpdateEvent {
  return {
    type: "session.update",
    session: {
      type: "realtime",
      model: agent.model,
      instructions: `${agent.instructions}\n\n${RULES}`,
      output_modalities: ["audio"],
      audio: {
        input: {
          format: { type: "audio/pcmu" },
          // The adapter asks for each reply itself: the opening must come first, after the callee's "hello?".
          turn_detection: { type: "server_vad", create_response: false, interrupt_response: true },
          transcription: { model: agent.transcriptionModel, ...(agent.language ? { language: agent.language.slice(0, 2) } : {}) },
        },
        output: { format: { type: "audio/pcmu" }, voice: agent.voice },
      },
      tools: [
        ...(agent.answerSchema
          ? [
              {
                type: "function" as const,
                name: TOOL_RECORD_ANSWERS,
                description: "Record what the callee answered. Pass only the properties the callee actually answered.",
                parameters: { ...agent.answerSchema, required: [] },
              },
            ]
          : []),
        {
          type: "function",
          name: TOOL_END_CALL,
          description: "End the call, after you said goodbye.",
          parameters: { type: "object", properties: {} },
        },
        {
          type: "function",
          name: TOOL_OPT_OUT,
          description: "The callee asked not to be called again: end the call and never call them again.",
          parameters: { type: "object", properties: {} },
        },
      ],
      tool_choice: "auto",
    },
  };
}

/** A line the model must say word for word (the opening, the voicemail message, the closing). */
export const sayExactly = (text: string): RealtimeClientEvent => ({
  type: "response.create",
  response: { instructions: `Say exactly this, word for word, and nothing else: «${text}»` },
});

/** Asks for the next reply in the conversation (after the callee's turn, or after a tool's output). */
export const nextReply = (instructions?: string): RealtimeClientEvent => ({
  type: "response.create",
  ...(instructions ? { response: { instructions } } : {}),
});

/** A tool call's result, then (for answers the schema refused) the model is asked again. */
export const toolOutput = (callId: string, output: string): ConversationItemCreateEvent => ({
  type: "conversation.item.create",
  item: { type: "function_call_output", call_id: callId, output },
});

export type HistoryEntry = { role: "user" | "assistant"; text: string };

/** The conversation so far as text items, for a new provider session after a dropped socket. */
export const replayHistory = (history: readonly HistoryEntry[]): ConversationItemCreateEvent[] =>
  history
    .filter((entry) => entry.text.trim() !== "")
    .map((entry) => ({
      type: "conversation.item.create",
      item:
        entry.role === "user"
          ? { type: "message", role: "user", content: [{ type: "input_text", text: entry.text }] }
          : { type: "message", role: "assistant", content: [{ type: "output_text", text: entry.text }] },
    }));

const APPEND_HEAD = '{"type":"input_audio_buffer.append","audio":"';

/**
 * `input_audio_buffer.append` with one callee frame, as the text frame's bytes: 50 of these a second
 * per call are most of what the relay sends, and a buffer goes out in one socket write where a string
 * is copied and written as two pieces. Base64 needs no escaping in JSON.
 */
export const appendAudio = (frame: Uint8Array): Buffer =>
  Buffer.from(`${APPEND_HEAD}${Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString("base64")}"}`, "latin1");

export const truncateItem = (itemId: string, playedMs: number): RealtimeClientEvent => ({
  type: "conversation.item.truncate",
  item_id: itemId,
  content_index: 0,
  audio_end_ms: Math.max(0, Math.round(playedMs)),
});

/**
 * `record_answers`' arguments, parsed and checked by the agent's ajv validator. Either the answers,
 * or a message for the model that says what is wrong (sent back as the tool's output).
 */
export function checkAnswers(
  argumentsJson: string,
  validate: (answers: Record<string, string | number | boolean>) => { ok: true } | { ok: false; errors: string },
): { ok: true; answers: Record<string, string | number | boolean> } | { ok: false; message: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(argumentsJson);
  } catch {
    return { ok: false, message: "The arguments were not valid JSON. Call record_answers again with a JSON object." };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    return { ok: false, message: "The arguments must be a JSON object of answers. Call record_answers again." };
  const answers: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
      return {
        ok: false,
        message: `${key}: must be a string, number or boolean. Ask the callee again if unsure, then call record_answers.`,
      };
    answers[key] = value;
  }
  const check = validate(answers);
  if (!check.ok)
    return {
      ok: false,
      message: `Not recorded: ${check.errors}. Ask the callee again if unsure, then call record_answers with valid values.`,
    };
  return { ok: true, answers };
}

/** Reply audio arrives in pieces of any size; the line takes whole 20 ms frames only. */
export class FrameAssembler {
  private pending = new Uint8Array(0);

  /** The whole frames' bytes now available (a multiple of 160 bytes). */
  push(bytes: Uint8Array): Uint8Array {
    const all = new Uint8Array(this.pending.length + bytes.length);
    all.set(this.pending);
    all.set(bytes, this.pending.length);
    const whole = all.length - (all.length % FRAME_BYTES);
    this.pending = all.slice(whole);
    return all.subarray(0, whole);
  }

  /** What is left at the end of a reply (padded to a frame by the session). */
  flush(): Uint8Array {
    const rest = this.pending;
    this.pending = new Uint8Array(0);
    return rest;
  }
}

/** How the provider refused the upgrade, said for `error_message`. */
export function refusalMessage(status: number | null, detail: string): string {
  if (status === 401 || status === 403) return `openai-realtime refused the API key (${status}: check OPENAI_API_KEY)`;
  if (status === 429) return `openai-realtime refused the session (429: rate limit or quota exceeded)`;
  if (status !== null) return `openai-realtime refused the session (${status})`;
  return `openai-realtime could not be reached: ${detail}`;
}
