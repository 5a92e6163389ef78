import type { ConversationOutcome } from "./dialogue-policy";

/**
 * The conversation engine port: one engine instance per call stream. Two kinds of provider fit it:
 * - `cascade`: speech-to-text, a dialogue policy, text-to-speech (the local engine); the session's
 *   own voice activity detection tells it when the callee speaks;
 * - `speech_to_speech`: a realtime model that takes and returns audio, detects turns itself
 *   (`detectsTurns`), reports transcripts, answers and hang-up as tool calls, and truncates its reply
 *   to what was played when interrupted.
 * The session around it (media, playback, barge-in, transcript, recording) is provider-free.
 */
export interface ConversationEngine {
  readonly kind: "cascade" | "speech_to_speech";
  /** True when the provider detects the callee's speech itself and reports `calleeSpeechStarted`. */
  readonly detectsTurns: boolean;
  start(): void;
  /** One 20 ms μ-law frame of the callee, at its position on the call's timeline. */
  pushAudio(frame: Uint8Array, atMs: number): void;
  /** A key pressed on the callee's phone. */
  pushDtmf(digit: string, atMs: number): void;
  /** The session's voice activity detection, for engines that do not detect turns. */
  calleeSpeech(event: "started" | "ended", atMs: number): void;
  /** A reply was cut after `playedMs` of its audio (barge-in): the engine forgets the rest. */
  truncate(replyId: string, playedMs: number): void;
  /** A reply was played to its end (its mark came back). */
  played(replyId: string, mark: string): void;
  /**
   * Out-of-band news of the call: the carrier's machine verdict (leave the voicemail message), the
   * call was canceled (a short closing line, then hang up), or the agent's time is up.
   */
  notify(signal: "machine" | "cancel" | "time_up"): void;
  close(): Promise<void>;
}

/** What an engine tells the session. */
export type EngineEvents = {
  /** Audio of a reply (μ-law 8 kHz), in order; a reply may arrive in several pieces. */
  replyAudio(replyId: string, audio: Uint8Array): void;
  /** The reply's text (what the agent says); cut to what was played by the session. */
  replyText(replyId: string, text: string): void;
  /** No more audio for this reply; `mark` names it on the line (the sandbox callee reads it). */
  replyEnd(replyId: string, mark: string): void;
  /** The provider heard the callee start speaking (engines that detect turns). */
  calleeSpeechStarted(atMs: number): void;
  /** What the callee said, with where it sat on the timeline. */
  calleeText(text: string, startMs: number, endMs: number): void;
  /** Answers found so far (validated by the session against the schema). */
  answers(values: Record<string, string | number | boolean>): void;
  /** The engine ended the conversation (after its last reply was played). */
  hangUp(outcome: ConversationOutcome): void;
  /**
   * The engine failed; the session ends the call with an agent error: at once, or with
   * `afterPlayed` once the replies already given (a short fallback line) were played.
   */
  failed(error: Error, options?: { afterPlayed?: boolean }): void;
};
