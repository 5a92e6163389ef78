import { WebSocket } from "ws";
import type { ConversationEngine, EngineEvents } from "../../domain/conversation-engine";
import { type ConversationOutcome, OPT_OUT_ACK } from "../../domain/dialogue-policy";
import { isOptOut } from "../../domain/opt-out";
import { playedText } from "../../domain/transcript";
import {
  appendAudio,
  checkAnswers,
  FrameAssembler,
  type HistoryEntry,
  nextReply,
  type RealtimeAgent,
  type RealtimeClientEvent,
  type RealtimeServerEvent,
  refusalMessage,
  replayHistory,
  sayExactly,
  sessionUpdate,
  TOOL_END_CALL,
  TOOL_OPT_OUT,
  TOOL_RECORD_ANSWERS,
  toolOutput,
  truncateItem,
} from "./openai-realtime-protocol";

export type OpenAiRealtimeOptions = {
  /** `wss://api.openai.com/v1/realtime` (OPENAI_REALTIME_URL); `?model=` is added. */
  url: string;
  apiKey: string;
  agent: RealtimeAgent;
  /** Said first, word for word (the recording disclosure and the first message); null: the model greets. */
  opening: string | null;
  /** Left, word for word, on an answering machine's verdict; null: the agent hangs up and leaves nothing. */
  voicemailMessage: string | null;
  /** Checks `record_answers`' arguments with the agent's ajv validator. */
  validate: (answers: Record<string, string | number | boolean>) => { ok: true } | { ok: false; errors: string };
  /** The local voice, for the line said when the provider is gone for good. */
  synthesize: (text: string) => Promise<Uint8Array>;
  /** The session ends politely this long after it started (below the provider's session limit). */
  maxSessionMs: number;
  greetingWaitMs?: number;
  connectTimeoutMs?: number;
  /** Seconds a provider socket was open (provider minutes, per org). */
  onUsage?: (seconds: number) => void;
  onWarning?: (message: string, context?: Record<string, unknown>) => void;
};

export const FALLBACK_LINE = "Sorry, we have a technical problem and have to end the call. We will get back to you. Goodbye.";
export const CLOSING_LINE = "We are out of time for this call. Thank you for your time. Goodbye.";
const RESUME =
  "The line dropped for a moment and you were reconnected; the conversation so far is above. Continue briefly from where it stopped.";

type Wanted = { event: RealtimeClientEvent; mark: string; then?: ConversationOutcome };
type Reply = {
  frames: FrameAssembler;
  mark: string;
  ended: boolean;
  /** Bytes of audio received (8 bytes a millisecond), and how much was played when cut. */
  bytes: number;
  playedMs: number | null;
  history: HistoryEntry & { id: string };
};

/**
 * The speech-to-speech engine over OpenAI Realtime's GA WebSocket protocol. The callee's μ-law
 * frames go to the provider as they are; its μ-law reply audio comes back to the line as it is.
 * The provider detects turns (server VAD); the adapter asks for each reply itself, so the opening
 * comes first; tools carry answers (checked by ajv, asked again when wrong), the end and an opt-out.
 * A socket that drops mid-call is reopened once with the conversation so far; a second loss ends
 * the call with a short line in the local voice and an agent error.
 */
export function createOpenAiRealtime(options: OpenAiRealtimeOptions, events: EngineEvents): ConversationEngine {
  let ws: WebSocket | null = null;
  let connectedAt = 0;
  let reconnected = false;
  let closed = false;
  let failedForGood = false;
  let audioOffsetMs: number | null = null;
  let lastAtMs = 0;
  let openingRequested = false;
  /** The callee's turn the opening answered: the model never replies to it. */
  let openingTurn: string | null = null;
  let calleeSpeaking = false;
  let responseActive = false;
  let wanted: Wanted[] = [];
  let currentMark = "reply";
  let currentThen: ConversationOutcome | undefined;
  let pendingHangUp: ConversationOutcome | null = null;
  let replyAfterTools = false;
  let replies = 0;
  const history: (HistoryEntry & { id: string })[] = [];
  const replyItems = new Map<string, Reply>();
  const speech = new Map<string, { startMs: number; endMs: number }>();
  const timers: NodeJS.Timeout[] = [];
  const warn = options.onWarning ?? (() => undefined);

  const send = (event: RealtimeClientEvent) => {
    if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(event));
  };

  const want = (event: RealtimeClientEvent, mark: string, then?: ConversationOutcome) => {
    wanted.push({ event, mark, ...(then ? { then } : {}) });
    pump();
  };

  /** One response at a time: the provider refuses a second while one is active. */
  const pump = () => {
    if (responseActive || ws?.readyState !== WebSocket.OPEN || closed) return;
    const next = wanted.shift();
    if (next === undefined) return;
    responseActive = true;
    currentMark = next.mark;
    currentThen = next.then;
    send(next.event);
  };

  const requestOpening = () => {
    if (openingRequested || closed) return;
    openingRequested = true;
    want(options.opening ? sayExactly(options.opening) : nextReply("Greet the callee briefly and begin."), "opening");
  };

  const endReply = (id: string, reply: Reply) => {
    if (reply.ended) return;
    reply.ended = true;
    const rest = reply.frames.flush();
    if (rest.length > 0) events.replyAudio(id, rest);
    events.replyEnd(id, reply.mark);
  };

  const replyOf = (id: string): Reply => {
    let reply = replyItems.get(id);
    if (reply === undefined) {
      replies += 1;
      const mark = currentMark === "reply" ? `reply:${replies}` : currentMark;
      const entry = history.find((h) => h.id === id) ?? { id, role: "assistant" as const, text: "" };
      if (!history.includes(entry)) history.push(entry);
      reply = { frames: new FrameAssembler(), mark, ended: false, bytes: 0, playedMs: null, history: entry };
      replyItems.set(id, reply);
    }
    return reply;
  };

  const onTool = (name: string, callId: string, argumentsJson: string) => {
    if (name === TOOL_RECORD_ANSWERS) {
      const check = checkAnswers(argumentsJson, options.validate);
      if (check.ok) events.answers(check.answers);
      send(toolOutput(callId, check.ok ? "Recorded." : check.message));
      replyAfterTools = true;
    } else if (name === TOOL_END_CALL || name === TOOL_OPT_OUT) {
      pendingHangUp = name === TOOL_OPT_OUT ? "opt_out" : "talked";
      send(toolOutput(callId, "The call is ending."));
    } else {
      send(toolOutput(callId, `There is no tool named ${name}.`));
      replyAfterTools = true;
    }
  };

  const onServerEvent = (event: RealtimeServerEvent) => {
    switch (event.type) {
      case "input_audio_buffer.speech_started":
        calleeSpeaking = true;
        speech.set(event.item_id, { startMs: (audioOffsetMs ?? 0) + event.audio_start_ms, endMs: lastAtMs });
        events.calleeSpeechStarted((audioOffsetMs ?? 0) + event.audio_start_ms);
        return;
      case "input_audio_buffer.speech_stopped": {
        calleeSpeaking = false;
        const heard = speech.get(event.item_id);
        if (heard) heard.endMs = (audioOffsetMs ?? 0) + event.audio_end_ms;
        return;
      }
      case "input_audio_buffer.committed":
        if (!openingRequested) {
          openingTurn = event.item_id;
          requestOpening();
        } else if (pendingHangUp === null) want(nextReply(), "reply");
        return;
      case "conversation.item.added": {
        const item = event.item;
        if (item.type !== "message" || !item.id || history.some((h) => h.id === item.id)) return;
        const entry = { id: item.id, role: item.role === "user" ? ("user" as const) : ("assistant" as const), text: "" };
        const after = history.findIndex((h) => h.id === event.previous_item_id);
        history.splice(after === -1 ? history.length : after + 1, 0, entry);
        return;
      }
      case "conversation.item.input_audio_transcription.completed": {
        const heard = speech.get(event.item_id) ?? { startMs: lastAtMs, endMs: lastAtMs };
        const entry = history.find((h) => h.id === event.item_id);
        if (entry) entry.text = event.transcript;
        if (event.transcript.trim() !== "") events.calleeText(event.transcript.trim(), heard.startMs, heard.endMs);
        // The opening is said word for word in place of a reply to the callee's first words, so the
        // model never answers them: an opt-out there is acted on here, as the local engine would.
        if (event.item_id === openingTurn && isOptOut(event.transcript)) closeWith(OPT_OUT_ACK, "opt_out", "opt_out");
        return;
      }
      case "response.output_audio.delta": {
        const reply = replyOf(event.item_id);
        const audio = Buffer.from(event.delta, "base64");
        reply.bytes += audio.length;
        const whole = reply.frames.push(audio);
        if (whole.length > 0 && !reply.ended) events.replyAudio(event.item_id, whole);
        return;
      }
      case "response.output_audio_transcript.done": {
        const reply = replyOf(event.item_id);
        // The history replayed after a reconnect holds what the callee heard of it.
        reply.history.text = reply.playedMs === null ? event.transcript : playedText(event.transcript, reply.playedMs, reply.bytes / 8);
        events.replyText(event.item_id, event.transcript);
        return;
      }
      case "response.output_audio.done":
        endReply(event.item_id, replyOf(event.item_id));
        return;
      case "response.function_call_arguments.done":
        onTool(event.name, event.call_id, event.arguments);
        return;
      case "response.done": {
        responseActive = false;
        for (const [id, reply] of replyItems) endReply(id, reply);
        const then = currentThen;
        currentThen = undefined;
        if (then !== undefined) pendingHangUp = then;
        if (pendingHangUp !== null) {
          wanted = [];
          events.hangUp(pendingHangUp);
          return;
        }
        if (replyAfterTools) {
          replyAfterTools = false;
          wanted.unshift({ event: nextReply(), mark: "reply" });
        }
        pump();
        return;
      }
      case "error":
        warn("openai-realtime reported an error", { type: event.error.type, code: event.error.code, message: event.error.message });
        return;
      default:
        return;
    }
  };

  const connect = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const url = new URL(options.url);
      url.searchParams.set("model", options.agent.model);
      const socket = new WebSocket(url, { headers: { Authorization: `Bearer ${options.apiKey}` } });
      const timeout = setTimeout(() => {
        socket.terminate();
        reject(new Error(`openai-realtime did not answer within ${options.connectTimeoutMs ?? 10_000} ms`));
      }, options.connectTimeoutMs ?? 10_000);
      socket.once("unexpected-response", (_request, response) => {
        clearTimeout(timeout);
        socket.terminate();
        reject(new Error(refusalMessage(response.statusCode ?? null, response.statusMessage ?? "")));
      });
      socket.once("error", (error) => {
        clearTimeout(timeout);
        reject(new Error(refusalMessage(null, error.message)));
      });
      socket.once("open", () => {
        clearTimeout(timeout);
        ws = socket;
        connectedAt = Date.now();
        audioOffsetMs = null;
        responseActive = false;
        socket.on("message", (data) => {
          try {
            onServerEvent(JSON.parse(data.toString()) as RealtimeServerEvent);
          } catch (error) {
            warn("openai-realtime event not handled", { err: error });
          }
        });
        socket.on("error", () => undefined);
        socket.once("close", () => {
          options.onUsage?.((Date.now() - connectedAt) / 1000);
          if (ws === socket) ws = null;
          if (!closed) void dropped();
        });
        send(sessionUpdate(options.agent));
        resolve();
        // A reply asked for before the socket opened (the opening, when the provider is slow) goes now.
        pump();
      });
    });

  /** The provider's socket went away mid-call: once, a new session with the conversation so far. */
  const dropped = async () => {
    for (const [id, reply] of replyItems) endReply(id, reply);
    if (reconnected) return giveUp(new Error("openai-realtime dropped the session twice"));
    reconnected = true;
    try {
      await connect();
    } catch (error) {
      return giveUp(new Error(`openai-realtime dropped the session and the reconnect failed: ${(error as Error).message}`));
    }
    for (const item of replayHistory(history)) send(item);
    if (!openingRequested) return;
    wanted = wanted.filter((w) => w.then !== undefined);
    if (pendingHangUp !== null) return events.hangUp(pendingHangUp);
    want(nextReply(RESUME), "reply");
  };

  /** The provider is gone for good: a short line in the local voice, then the call ends with an agent error. */
  const giveUp = async (error: Error) => {
    if (failedForGood || closed) return;
    failedForGood = true;
    try {
      const audio = await options.synthesize(FALLBACK_LINE);
      if (closed) return;
      events.replyText("fallback", FALLBACK_LINE);
      events.replyAudio("fallback", audio);
      events.replyEnd("fallback", "fallback");
      events.failed(error, { afterPlayed: true });
    } catch {
      events.failed(error);
    }
  };

  /** Drops what the agent was saying or about to say; false when the call is ending already. */
  const stopReplies = () => {
    if (pendingHangUp !== null || failedForGood) return false;
    if (responseActive) send({ type: "response.cancel" });
    wanted = [];
    return true;
  };

  const closeWith = (text: string, mark: string, outcome: ConversationOutcome) => {
    if (stopReplies()) want(sayExactly(text), mark, outcome);
  };

  return {
    kind: "speech_to_speech",
    detectsTurns: true,
    start() {
      timers.push(setTimeout(() => closeWith(CLOSING_LINE, "close", "talked"), options.maxSessionMs));
      timers.push(
        setTimeout(() => {
          if (!calleeSpeaking) requestOpening();
        }, options.greetingWaitMs ?? 1_500),
      );
      connect().catch((error: Error) => {
        if (!closed) events.failed(error);
      });
    },
    pushAudio(frame, atMs) {
      lastAtMs = atMs;
      if (ws?.readyState !== WebSocket.OPEN) return;
      if (audioOffsetMs === null) audioOffsetMs = atMs;
      // A text frame, as the provider reads every event.
      ws.send(appendAudio(frame), { binary: false });
    },
    pushDtmf() {
      // Keys are not sent to the model: it listens to speech only.
    },
    calleeSpeech() {
      // The provider detects turns itself.
    },
    truncate(replyId, playedMs) {
      const reply = replyItems.get(replyId);
      if (reply === undefined) return;
      reply.playedMs = playedMs;
      reply.history.text = playedText(reply.history.text, playedMs, reply.bytes / 8);
      send(truncateItem(replyId, playedMs));
    },
    played() {},
    notify(signal) {
      if (signal !== "machine") return closeWith(CLOSING_LINE, "close", "talked");
      if (options.voicemailMessage?.trim()) return closeWith(options.voicemailMessage, "voicemail", "voicemail_left");
      // No message of the partner's: nothing is said to the machine (as with the local engine).
      if (!stopReplies()) return;
      pendingHangUp = "voicemail_left";
      events.hangUp("voicemail_left");
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      ws?.close(1000);
      ws = null;
    },
  };
}
