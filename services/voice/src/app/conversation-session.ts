import type { VoiceSignal } from "@voxbridge/contracts";
import { decodeMulaw, FRAME_MS, toFrames } from "@voxbridge/speech/line-audio";
import { isBargeIn } from "../domain/barge-in";
import type { ConversationEngine, EngineEvents } from "../domain/conversation-engine";
import { playedText, type Turn } from "../domain/transcript";
import { TwoChannelRecording } from "../domain/two-channel-recording";
import { DEFAULT_VAD, levelDbfs, nextVoiceActivity, SILENT, type VadState } from "../domain/voice-activity";
import type { Answers, AttemptOutcome } from "./ports";

/** The media line as the session drives it (Twilio Media Streams' outbound messages). */
interface MediaLine {
  sendMedia(frame: Uint8Array): void;
  sendMark(name: string): void;
  sendClear(): void;
  /** Ends the stream from our side (the agent hung up, or an error). */
  hangUp(): void;
}

export type SessionEnd = { outcome: AttemptOutcome; turns: Turn[]; answers: Answers | null; recording: Buffer | null; error?: string };

export type ConversationSessionOptions = {
  attempt: number;
  line: MediaLine;
  record: boolean;
  maxDurationMs: number;
  /** Milliseconds since the stream started (the call's timeline). */
  now: () => number;
  /** Builds the engine with the session's event sink. */
  engine: (events: EngineEvents) => ConversationEngine;
  /** Keeps only answers the agent's schema accepts (ajv). */
  validAnswers: (answers: Answers) => Answers | null;
  onProgress: (turns: Turn[], answers: Answers | null) => void;
  onBargeIn?: (latencyMs: number) => void;
  onEnd: (end: SessionEnd) => void;
};

/** How far ahead of real time agent audio is sent: Twilio buffers it; a barge-in clears the buffer. */
const LEAD_MS = 60;
/** After `time_up`, the engine has this long to close before the session ends the call itself. */
const HARD_STOP_GRACE_MS = 15_000;

type Reply = {
  id: string;
  text: string;
  frames: Uint8Array[];
  sent: number;
  total: number;
  mark: string | null;
  startMs: number | null;
  truncated: boolean;
  /** How much of it was played when it was cut. */
  playedMs: number | null;
  turn: Turn | null;
};

/**
 * One call's conversation on the line, provider-free: plays the engine's replies as whole 20 ms
 * frames paced to real time, detects the callee's speech (barge-in: `clear`, and nothing more of
 * that reply), keeps the transcript to what was played, records both legs on one timeline, and
 * ends the call when the engine hangs up, the line closes, or time is up.
 */
export class ConversationSession {
  private readonly engine: ConversationEngine;
  private readonly recording: TwoChannelRecording | null;
  private readonly replies = new Map<string, Reply>();
  private readonly queue: Reply[] = [];
  private readonly turns: Turn[] = [];
  private answers: Answers | null = null;
  private vad: VadState = SILENT;
  private agentCursorMs = 0;
  private ticker: NodeJS.Timeout | undefined;
  private timers: NodeJS.Timeout[] = [];
  private ended = false;
  private pendingHangUp: AttemptOutcome | null = null;
  private pendingError: string | undefined;
  private firstVoicedAtMs: number | null = null;
  private readonly signals = new Set<VoiceSignal>();

  constructor(private readonly options: ConversationSessionOptions) {
    this.recording = options.record ? new TwoChannelRecording() : null;
    this.engine = options.engine(this.engineEvents());
  }

  start(): void {
    this.ticker = setInterval(() => this.pump(), FRAME_MS / 2);
    this.timers.push(setTimeout(() => this.engine.notify("time_up"), this.options.maxDurationMs));
    this.timers.push(setTimeout(() => this.end("talked"), this.options.maxDurationMs + HARD_STOP_GRACE_MS));
    this.engine.start();
  }

  /** A callee frame; `atMs` from Twilio's `media.timestamp`. */
  calleeAudio(frame: Uint8Array, atMs: number): void {
    if (this.ended) return;
    // The frame goes on first: the recording and the voice detection below are not on its way.
    this.engine.pushAudio(frame, atMs);
    const samples = decodeMulaw(frame);
    this.recording?.write("callee", atMs, samples);
    const level = levelDbfs(samples);
    if (level > DEFAULT_VAD.thresholdDbfs && this.firstVoicedAtMs === null) this.firstVoicedAtMs = this.options.now();
    if (level <= DEFAULT_VAD.thresholdDbfs) this.firstVoicedAtMs = null;
    const { state, event } = nextVoiceActivity(this.vad, level);
    this.vad = state;
    if (event === "speech_started") {
      const startedAt = atMs - (DEFAULT_VAD.startFrames - 1) * FRAME_MS;
      if (!this.engine.detectsTurns) this.engine.calleeSpeech("started", startedAt);
      this.calleeSpeechStarted();
    } else if (event === "speech_ended" && !this.engine.detectsTurns) {
      this.engine.calleeSpeech("ended", atMs - (DEFAULT_VAD.endFrames - 1) * FRAME_MS);
    }
  }

  dtmf(digit: string, atMs: number): void {
    if (!this.ended) this.engine.pushDtmf(digit, atMs);
  }

  /** A mark came back: Twilio played everything sent before it (or cleared it). */
  markPlayed(name: string): void {
    const reply = [...this.replies.values()].find((r) => r.mark === name && !r.truncated && r.sent === r.total && r.turn !== null);
    if (reply === undefined) return;
    this.replies.delete(reply.id);
    this.engine.played(reply.id, name);
    if (this.pendingHangUp !== null && this.queue.length === 0) this.end(this.pendingHangUp, this.pendingError);
  }

  /** The line closed (Twilio's `stop`, or the socket went away). */
  lineClosed(): void {
    this.end(this.pendingHangUp ?? "talked", this.pendingError);
  }

  /**
   * A signal from the dialer, each kind acted on once: the carrier heard a machine (what is playing
   * stops, the voicemail message follows the beep), or the call was canceled (what is playing stops,
   * the agent says a short closing line and hangs up; the turns so far are kept).
   */
  signal(signal: VoiceSignal): void {
    if (this.ended || this.signals.has(signal)) return;
    this.signals.add(signal);
    if (this.agentPlaying) this.stopPlaying(this.options.now());
    this.engine.notify(signal);
  }

  /** The engine failed, or the service is going away: end the call with an agent error. */
  fail(error: string): void {
    this.end("agent_error", error);
  }

  get isEnded(): boolean {
    return this.ended;
  }

  private get agentPlaying(): boolean {
    return this.queue.length > 0 || this.agentCursorMs > this.options.now();
  }

  private calleeSpeechStarted(): void {
    if (!isBargeIn({ speechStarted: true, agentPlaying: this.agentPlaying })) return;
    const now = this.options.now();
    this.stopPlaying(now);
    if (this.firstVoicedAtMs !== null) this.options.onBargeIn?.(now - this.firstVoicedAtMs);
  }

  /** `clear`: everything sent but not yet played, and everything queued, is gone; the transcript keeps what was played. */
  private stopPlaying(now: number): void {
    this.options.line.sendClear();
    for (const reply of this.queue.splice(0)) this.cut(reply, now);
    for (const reply of this.replies.values())
      if (reply.startMs !== null && !reply.truncated && reply.startMs + reply.total * FRAME_MS > now) this.cut(reply, now);
    if (this.recording && this.agentCursorMs > now)
      this.recording.write("agent", now, new Int16Array(((this.agentCursorMs - now) * 8000) / 1000));
    this.agentCursorMs = Math.min(this.agentCursorMs, now);
  }

  private cut(reply: Reply, now: number): void {
    reply.truncated = true;
    const playedMs = reply.startMs === null ? 0 : Math.max(0, Math.min(now - reply.startMs, reply.sent * FRAME_MS));
    reply.playedMs = playedMs;
    if (reply.turn && reply.text === "") {
      // Its text is not known yet (a realtime provider sends it after the audio): cut when it comes.
      reply.turn.end_ms = (reply.startMs ?? now) + playedMs;
    } else if (reply.turn) {
      reply.turn.text = playedText(reply.text, playedMs, reply.total * FRAME_MS);
      reply.turn.end_ms = (reply.startMs ?? now) + playedMs;
      if (reply.turn.text === "") this.turns.splice(this.turns.indexOf(reply.turn), 1);
      this.progress();
    }
    this.engine.truncate(reply.id, playedMs);
  }

  /** Sends due frames: real time plus a small lead, whole frames only, a mark after a reply's last. */
  private pump(): void {
    if (this.ended) return;
    const now = this.options.now();
    while (this.queue.length > 0) {
      const reply = this.queue[0] as Reply;
      if (reply.sent < reply.frames.length) {
        if (this.agentCursorMs > now + LEAD_MS) return;
        const position = Math.max(this.agentCursorMs, now);
        if (reply.startMs === null) this.beginTurn(reply, position);
        const frame = reply.frames[reply.sent] as Uint8Array;
        this.options.line.sendMedia(frame);
        this.recording?.write("agent", position, decodeMulaw(frame));
        reply.sent += 1;
        this.agentCursorMs = position + FRAME_MS;
        continue;
      }
      if (reply.mark === null) return; // more audio may still come
      this.queue.shift();
      this.options.line.sendMark(reply.mark);
    }
  }

  private beginTurn(reply: Reply, position: number): void {
    reply.startMs = position;
    reply.turn = {
      speaker: "agent",
      text: reply.text,
      attempt: this.options.attempt,
      start_ms: position,
      end_ms: position + reply.total * FRAME_MS,
    };
    this.turns.push(reply.turn);
    this.progress();
  }

  private replyOf(id: string): Reply {
    let reply = this.replies.get(id);
    if (reply === undefined) {
      reply = { id, text: "", frames: [], sent: 0, total: 0, mark: null, startMs: null, truncated: false, playedMs: null, turn: null };
      this.replies.set(id, reply);
      this.queue.push(reply);
    }
    return reply;
  }

  private engineEvents(): EngineEvents {
    return {
      replyAudio: (id, audio) => {
        const reply = this.replyOf(id);
        if (reply.truncated) return;
        const frames = toFrames(audio);
        reply.frames.push(...frames);
        reply.total += frames.length;
        if (reply.turn) reply.turn.end_ms = (reply.startMs ?? 0) + reply.total * FRAME_MS;
        // A reply's first audio goes to the line now, not at the next tick (up to 10 ms later).
        this.pump();
      },
      replyText: (id, text) => {
        const reply = this.replyOf(id);
        reply.text = text;
        if (reply.turn && !reply.truncated) reply.turn.text = text;
        else if (reply.turn && reply.turn.text === "") {
          reply.turn.text = playedText(text, reply.playedMs ?? 0, reply.total * FRAME_MS);
          if (reply.turn.text === "") this.turns.splice(this.turns.indexOf(reply.turn), 1);
          this.progress();
        }
      },
      replyEnd: (id, mark) => {
        const reply = this.replyOf(id);
        reply.mark = mark;
        if (reply.truncated) this.replies.delete(id);
        this.pump();
      },
      calleeSpeechStarted: () => this.calleeSpeechStarted(),
      calleeText: (text, startMs, endMs) => {
        this.turns.push({ speaker: "callee", text, attempt: this.options.attempt, start_ms: startMs, end_ms: endMs });
        this.progress();
      },
      answers: (values) => {
        const merged = { ...(this.answers ?? {}), ...values };
        const valid = this.options.validAnswers(merged);
        if (valid !== null) {
          this.answers = valid;
          this.progress();
        }
      },
      hangUp: (outcome) => this.hangUpAfterPlayed(outcome),
      failed: (error, options) => {
        if (!options?.afterPlayed) return this.end("agent_error", error.message);
        this.pendingError = error.message;
        this.hangUpAfterPlayed("agent_error");
      },
    };
  }

  /** After the last reply was played (its mark came back), or at once when nothing is queued. */
  private hangUpAfterPlayed(outcome: AttemptOutcome): void {
    this.pendingHangUp = outcome;
    if (this.queue.length === 0 && ![...this.replies.values()].some((r) => !r.truncated && r.turn !== null))
      this.end(outcome, this.pendingError);
  }

  private progress(): void {
    this.options.onProgress([...this.turns], this.answers);
  }

  private end(outcome: AttemptOutcome, error?: string): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.ticker);
    for (const timer of this.timers) clearTimeout(timer);
    this.recording?.extendTo(this.options.now());
    void this.engine.close();
    this.options.line.hangUp();
    this.options.onEnd({
      outcome,
      turns: this.turns.filter((turn) => turn.text !== ""),
      // Answers only from a conversation with a person: a voicemail has none.
      answers: outcome === "voicemail_left" ? null : this.answers,
      recording: this.recording ? this.recording.toWav() : null,
      ...(error ? { error } : {}),
    });
  }
}
