import type {
  AgentOut,
  AnswerSchema,
  ApiKeyOut,
  AttemptOut,
  CallAnalyzedEvent,
  CallEvent,
  CallEventOf,
  CallingWindow,
  CallOut,
  CallStatus,
  CancelRequestedEvent,
  SimulatedCallee,
  SuppressionEvent,
  SuppressionOut,
  TranscriptTurn,
  UsageOut,
  VoiceEngine,
  VoicemailAction,
} from "@voxbridge/contracts";
import type { CallAgent } from "../domain/call-conversation";

/** Call records and their outbox: every state change and its event are written in one transaction. */
export interface CallStore {
  /**
   * Writes the queued call and its `call.queued` outbox row atomically. Writes nothing when the call
   * id exists already (`exists`) or the number is on the org's suppression list (`suppressed`).
   */
  createQueued(
    call: { orgId: string; webhookUrl: string | null; out: CallOut; simulatedCallee: SimulatedCallee | null },
    event: CallEventOf<"call.queued">,
  ): Promise<"created" | "exists" | "suppressed">;
  findById(orgId: string, callId: string): Promise<CallOut | null>;
  list(orgId: string, query: { status?: CallStatus; limit: number; offset: number }): Promise<{ items: CallOut[]; total: number }>;
  /**
   * Edits a queued call under a row lock: `edit` gets the current record and returns the new one
   * and its `call.updated` event, written together. Otherwise says why not: no such call for this
   * org, its status when not queued, or a cancel requested already.
   */
  updateQueued(
    orgId: string,
    callId: string,
    edit: (current: {
      call: CallOut;
      webhookUrl: string | null;
      simulatedCallee: SimulatedCallee | null;
    }) => Promise<{ call: CallOut; webhookUrl: string | null; event: CallEventOf<"call.updated"> }>,
  ): Promise<
    | { outcome: "updated"; call: CallOut }
    | { outcome: "not_found" }
    | { outcome: "not_queued"; status: CallStatus }
    | { outcome: "cancel_requested" }
  >;
  /** The call's attempts, oldest first; null when the org has no such call. */
  listAttempts(
    orgId: string,
    callId: string,
    page: { limit: number; offset: number },
  ): Promise<{ items: AttemptOut[]; total: number } | null>;
  /**
   * Records a cancel request under the record's row lock: `decide` gets the current record and
   * returns the request's event, or null to write nothing; with an event, `cancel_requested_at` and
   * the outbox row are written together. The record after; null when the org has no such call.
   */
  requestCancel(orgId: string, callId: string, decide: (call: CallOut) => CancelRequestedEvent | null): Promise<CallOut | null>;
}

/** The org's suppression list; every change is written with its event for the dialer, atomically. */
export interface SuppressionStore {
  /** Adds the number unless listed; `created: false` returns the entry that was there. */
  add(
    orgId: string,
    entry: SuppressionOut,
    eventFor: (entry: SuppressionOut) => SuppressionEvent,
  ): Promise<{ suppression: SuppressionOut; created: boolean }>;
  list(orgId: string, page: { limit: number; offset: number }): Promise<{ items: SuppressionOut[]; total: number }>;
  /** Removes the entry; false when the org has no such entry. */
  remove(orgId: string, id: string, eventFor: (entry: SuppressionOut) => SuppressionEvent): Promise<boolean>;
}

/** Waits for a call's record to end (its terminal event projected), by any gateway instance. */
export interface CallEnds {
  /** The record once it has ended, or as it is when `timeoutMs` passed first. */
  waitForEnd(orgId: string, callId: string, timeoutMs: number): Promise<CallOut>;
}

/** Projects lifecycle events onto call records: once per event id, and never backward. */
export interface CallProjection {
  /** Applies a batch of lifecycle events in their order, each once; the ids of the records that moved. */
  applyAll(events: CallEvent[]): Promise<string[]>;
}

/** Each call's conversation as `call.analyzed` reported it: the record's three fields, the turns, the recording's state. */
export interface TranscriptStore {
  /** Applies each event once and only forward, in order; the ids of the records that changed. */
  applyAll(events: CallAnalyzedEvent[]): Promise<string[]>;
  /** The call's turns in conversation order; null when the org has no such call. */
  listTurns(
    orgId: string,
    callId: string,
    page: { limit: number; offset: number },
  ): Promise<{ items: TranscriptTurn[]; total: number } | null>;
  /** Whether the org's call has a recording to serve (stored, not deleted); null when the org has no such call. */
  recordingOf(orgId: string, callId: string): Promise<{ available: boolean } | null>;
  /** Remembers the partner deleted the recording: `recording_url` goes, and a late `call.analyzed` does not bring it back. */
  markRecordingDeleted(orgId: string, callId: string, at: Date): Promise<void>;
}

/** The voice service's internal API, from the gateway's side. */
export interface VoiceRecordings {
  /**
   * The call's recording: the audio to stream, a short-lived URL to redirect to, or null when the
   * voice service has none. Throws `dependency_unavailable` when the voice service cannot be reached.
   */
  fetch(callId: string): Promise<RecordingAnswer | null>;
  /** Deletes the call's recording (idempotent). Throws `dependency_unavailable` when unreachable. */
  delete(callId: string): Promise<void>;
}

/** The recording as the voice service answered: a body to pass on, or where to send the partner. */
export type RecordingAnswer =
  | { kind: "audio"; contentType: string; contentLength: number | null; body: AsyncIterable<Uint8Array> }
  | { kind: "redirect"; location: string };

/** The org's agents. */
export interface AgentStore {
  findActive(orgId: string, agentId: string): Promise<CallAgent | null>;
  findDefault(orgId: string): Promise<CallAgent | null>;
  /** The org's agent, active or not (a queued call keeps a deactivated agent). */
  findById(orgId: string, agentId: string): Promise<CallAgent | null>;
  get(orgId: string, agentId: string): Promise<AgentOut | null>;
  list(orgId: string, page: { limit: number; offset: number; includeInactive: boolean }): Promise<{ items: AgentOut[]; total: number }>;
  /** Creates an agent; when it is the default, the previous default stops being one in the same transaction. */
  create(orgId: string, agent: NewAgent): Promise<AgentOut>;
  /** Applies a change; null when the org has no such agent. Switching the default is atomic. */
  update(orgId: string, agentId: string, change: AgentChange): Promise<AgentOut | null>;
}

type NewAgent = {
  id: string;
  name: string;
  systemPrompt: string;
  voice: string | null;
  language: string | null;
  maxDurationSeconds: number;
  voicemailAction: VoicemailAction;
  callingWindow: CallingWindow | null;
  firstMessage: string | null;
  voicemailMessage: string | null;
  answerSchema: AnswerSchema | null;
  record: boolean;
  recordingDisclosure: string;
  engine: VoiceEngine;
  model: string | null;
  isDefault: boolean;
};
export type AgentChange = Partial<Omit<NewAgent, "id"> & { isActive: boolean }>;

/** API keys: looked up by hash only. */
export interface ApiKeyStore {
  list(orgId: string, page: { limit: number; offset: number }): Promise<{ items: ApiKeyOut[]; total: number }>;
  create(orgId: string, key: { id: string; hash: string; prefix: string }): Promise<ApiKeyOut>;
  /** Revokes the org's key; null when the org has no such key. Revoking twice keeps the first time. */
  revoke(orgId: string, keyId: string): Promise<ApiKeyOut | null>;
}

/** The quota service, from the gateway's side. */
export interface MinuteHolds {
  /**
   * Holds minutes for a call; idempotent per call id. Not granted: the org's monthly limit is
   * reached. `talkSecondsAllowed`: how long the call may talk as of the hold (null when quota did not say).
   */
  hold(orgId: string, callId: string): Promise<{ granted: boolean; talkSecondsAllowed: number | null }>;
  /** Gives a hold back when the call was never accepted. */
  release(orgId: string, callId: string): Promise<void>;
  usage(orgId: string): Promise<UsageOut>;
}
