import type { VoiceSignal } from "@voxbridge/contracts";
import type { CallAgent } from "../domain/call-agent";
import type { ConversationOutcome } from "../domain/dialogue-policy";
import type { Turn } from "../domain/transcript";

export type Answers = Record<string, string | number | boolean>;
export type AttemptOutcome = ConversationOutcome | "agent_error";

/** The voice service's own tables: what it learned of calls, and each attempt's conversation. */
export interface CallStore {
  /**
   * Stores a call's agent copy unless a newer one is already stored, and the call's trace (the
   * event's `traceparent`), which the service's events about the call carry on.
   */
  learnAgent(input: { callId: string; orgId: string; agent: CallAgent; eventTime: Date; traceparent: string | null }): Promise<void>;
  /** The call's terminal event arrived. Returns false for a call this service never learned. */
  markEnded(callId: string, at: Date): Promise<boolean>;
  findAgent(callId: string): Promise<{ orgId: string; agent: CallAgent } | null>;
  startConversation(input: { callId: string; attempt: number; orgId: string; startedAt: Date }): Promise<void>;
  /**
   * Reports to the dialer an attempt whose stream was ended before any audio because its agent was
   * never learned: an agent error nobody heard, so the dialer may dial again.
   */
  reportUnheardAgentError(input: { callId: string; attempt: number; error: string }): Promise<void>;
  /** Saves the turns and answers so far (a killed instance keeps what was stored). */
  saveProgress(input: { callId: string; attempt: number; turns: Turn[]; answers: Answers | null }): Promise<void>;
  endConversation(input: {
    callId: string;
    attempt: number;
    endedAt: Date;
    outcome: AttemptOutcome;
    turns: Turn[];
    answers: Answers | null;
    recording: { key: string; wav: Buffer } | null;
    /** An agent error's reason, for the dialer's report (never transcript text). */
    error?: string;
  }): Promise<void>;
  /**
   * Writes `call.analyzed` to the outbox when the call has ended and its conversations are over
   * (or have been silent for `staleAfterMs`), once; and again, once, when a recording stored late
   * is announced. Returns whether it wrote one.
   */
  analyzeIfDue(callId: string, now: Date, staleAfterMs: number): Promise<boolean>;
  /** Calls ended but not yet analyzed, and analyzed calls with a late recording to announce. */
  callsDueForAnalysis(now: Date, staleAfterMs: number, limit: number): Promise<string[]>;
  /** Recordings waiting for the object store, due now. */
  dueUploads(now: Date, limit: number): Promise<{ callId: string; attempt: number; key: string; wav: Buffer; attempts: number }[]>;
  uploadSucceeded(callId: string, attempt: number): Promise<void>;
  uploadFailed(callId: string, attempt: number, error: string, retryAt: Date | null): Promise<void>;
  /** The latest stored recording of a call, if any. */
  recordingOf(callId: string): Promise<{ key: string } | null>;
  forgetRecording(callId: string): Promise<string[]>;
}

/** Signals for live conversations (the machine verdict, a cancel), stored so that any instance may take one for any stream. */
export interface SignalStore {
  /** Stores a signal for an attempt (once) and wakes every instance. */
  add(callId: string, attempt: number, signal: VoiceSignal): Promise<void>;
  /** The signals stored for these attempts, oldest first. */
  pendingFor(attempts: { callId: string; attempt: number }[]): Promise<{ callId: string; attempt: number; signal: VoiceSignal }[]>;
}

/** An S3-compatible object store holding recordings. */
export interface RecordingStore {
  put(key: string, wav: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  signedUrl(key: string, ttlSeconds: number): Promise<string>;
  delete(key: string): Promise<void>;
}

/** A media stream after its `start` message (Twilio Media Streams, or the simulator speaking it). */
export interface IncomingStream {
  streamSid: string;
  customParameters: Record<string, string>;
  send: { media(frame: Uint8Array): void; mark(name: string): void; clear(): void };
  close(reason: string): void;
  onMedia(handler: (frame: Uint8Array, timestampMs: number) => void): void;
  onMark(handler: (name: string) => void): void;
  onDtmf(handler: (digit: string, timestampMs: number) => void): void;
  onClose(handler: () => void): void;
}
