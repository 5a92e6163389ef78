import type { CallEventOf, CallOut, ResolvedCallingWindow, SimulatedCallee, VoicemailAction } from "@voxbridge/contracts";
import type { AttemptOutcome, NextStep } from "../domain/attempt-end";
import type { CancelStep } from "../domain/cancellation";
import type { AttemptToCheck, Orphan } from "../domain/reconciliation";
import type { ConversationStore } from "./conversation-ports";

/** A dial the scheduler claimed: persisted (attempt row, `calling`, outbox event) before the carrier is asked. */
export type ClaimedDial = {
  callId: string;
  orgId: string;
  attempt: number;
  queued: CallEventOf<"call.queued">;
  call: CallOut;
};

/*
 * The dialer's Postgres schema behind one small port per concern. Each rule's decision is a pure
 * function in domain/ (docs/rules.md); these load and store what it needs.
 */

/** Jobs in: each `call.queued` becomes a durable dial job; the partner's edits change it. */
export interface JobIntake {
  /**
   * Inserts each call's job unless it exists (a redelivered `call.queued` changes nothing); returns
   * the call ids created. `wakeAll`: when any was created, wake every instance's scheduler (NOTIFY
   * on commit).
   */
  createAbsent(events: CallEventOf<"call.queued">[], wakeAll: boolean): Promise<Set<string>>;
  /**
   * Takes the partner's edit of a queued call (the gateway's `call.updated`) into its job: what
   * later attempts use, and, while no attempt has started, when the first is due. False when the
   * job has ended (or is unknown).
   */
  applyEdit(event: CallEventOf<"call.updated">): Promise<{ applied: boolean; dueAt: Date | null }>;
}

/** A claim pass: what it took, when to look again, and the database time it looked at. */
export type ClaimPass = { claimed: ClaimedDial[]; nextWakeAt: Date | null; paced: boolean; at: Date };

/** Claims: pacing, org concurrency, suppressions and calling windows applied in one take. */
export interface ClaimStore {
  /**
   * Claims due jobs within the account's calls-per-second window and each org's concurrency limit
   * (serialized across instances by a row lock on the account), moving them to `calling` with their
   * attempt row and `call.calling` event in one transaction. `nextWakeAt`: when to try again.
   */
  claimDue(owner: string, limit: number): Promise<ClaimPass>;
  /** Jobs due now and not claimed (the backlog a scaler watches). */
  dueBacklog(): Promise<number>;
}

/** Attempts: carrier progress and an attempt's end. */
export interface AttemptStore {
  /**
   * Marks a live attempt's carrier outcome unknown (the create may have placed a call the dialer has
   * no id for): it stays live, holding its slot, until reconciliation learns what became of it.
   */
  markUnknown(callId: string, attempt: number, detail: string): Promise<void>;
  /** Records a carrier progress event (ringing, answered, carrier call id) on a live attempt. */
  markProgress(callId: string, attempt: number, progress: { status: "ringing" | "answered"; carrierCallId?: string }): Promise<void>;
  /**
   * Ends a live attempt: the attempt row, the job's next state and its event in one transaction.
   * `decide` picks the next step; null when the attempt is not the job's live one (a duplicate or late report).
   */
  endAttempt(
    callId: string,
    attempt: number,
    ended: { outcome: AttemptOutcome; talkSeconds: number | null; detail: string | null; carrierCallId?: string },
    decide: (job: {
      call: CallOut;
      endedAt: Date;
      cancelRequested: boolean;
      voicemailAction: VoicemailAction;
      callingWindow: ResolvedCallingWindow | null;
    }) => NextStep,
  ): Promise<NextStep | null>;
}

/** Suppressions: the dialer's copy of each org's list, and the waiting jobs it cancels. */
export interface SuppressionStore {
  /** Applies suppression changes, in order, to the dialer's copy of each org's list. */
  applySuppressions(changes: SuppressionChange[]): Promise<void>;
  /**
   * Cancels up to `limit` queued jobs (waiting for their first attempt or a retry) whose number is
   * suppressed, each with its `call.canceled` event, in one transaction; returns how many.
   */
  cancelSuppressed(limit: number): Promise<number>;
}

/** Calling windows: jobs that waited past their opening. */
export interface CallingWindowStore {
  /**
   * Moves up to `limit` queued jobs whose calling-window opening closed before they were claimed
   * (a backlog, a pacing wait) to the window's next opening, each with a `call.updated`; returns how many.
   */
  rescheduleClosedWindows(limit: number): Promise<number>;
}

/** Cancel requests from the gateway, loaded and stored; `domain/cancellation.ts` decides what to do. */
export interface CancelStore {
  /**
   * Applies a cancel request under the job's row lock: a waiting job ends `canceled` with its
   * `call.canceled` at once; a live one is marked (its end will be canceled). Returns what was
   * decided, with the carrier id to hang up when the carrier already gave it.
   */
  requestCancel(callId: string, requestedAt: string): Promise<CancelStep>;
  /**
   * Records the carrier's id of a live attempt (the dial's answer) and says whether the call's cancel
   * was requested meanwhile. The job's row is read in share mode first, so a request recorded at the
   * same moment is either seen here or sees the id: whichever is second hangs up. False when the
   * attempt has ended already.
   */
  recordCarrierId(callId: string, attempt: number, carrierCallId: string): Promise<{ cancelRequested: boolean }>;
  /**
   * Takes the live canceled calls (with a carrier id) still up `afterSeconds` after their request
   * was applied or their hang-up last asked, oldest first, at most `batch`, and stamps them so that
   * they are taken again only `afterSeconds` later. `owner`: only the attempts this instance
   * dialed; null: any instance's.
   */
  takeOverdueHangUps(options: {
    afterSeconds: number;
    owner: string | null;
    batch: number;
  }): Promise<{ callId: string; carrierCallId: string }[]>;
}

/** The last look before a dial (`domain/before-dial.ts` decides). */
export interface BeforeDialStore {
  /** The call's state right before its dial: a cancel requested, its number suppressed. */
  checkBeforeDial(callId: string): Promise<{ cancelRequested: boolean; suppressed: boolean }>;
}

/** Dialer instances: liveness rows. */
export interface InstanceStore {
  /** Records that this instance is alive. */
  heartbeat(owner: string): Promise<void>;
  /** Deletes rows of instances silent for a day; returns how many. */
  pruneStale(): Promise<number>;
  /** Removes this instance's liveness row (clean shutdown). */
  retire(owner: string): Promise<void>;
}

/** Reconciliation: live attempts of dead instances. */
export interface OrphanStore {
  /**
   * Live attempts whose owner is dead: its liveness lock is gone and it has not heartbeaten for
   * `graceSeconds`, or it stopped heartbeating for a lease.
   */
  findOrphans(leaseSeconds: number, graceSeconds: number): Promise<Orphan[]>;
}

/** Live attempts to check with a carrier that keeps calls (`app/reconcile-carrier-calls.ts`). */
export interface CarrierCheckStore {
  /**
   * Takes up to `limit` live attempts due for a look at the carrier, stamping each as checked now
   * (so peers skip it): unknown outcomes every `recheckSeconds`; attempts with a carrier id every
   * `graceSeconds` after their dial or answer (a lost final callback is found within one).
   */
  takeDueChecks(limit: number, recheckSeconds: number, graceSeconds: number): Promise<AttemptToCheck[]>;
  /** Which of these carrier call ids belong to some attempt already. */
  knownCarrierIds(carrierCallIds: string[]): Promise<Set<string>>;
}

/** Every store, one per concern. */
export type DialerStores = {
  intake: JobIntake;
  claims: ClaimStore;
  attempts: AttemptStore;
  conversations: ConversationStore;
  suppressions: SuppressionStore;
  windows: CallingWindowStore;
  cancels: CancelStore;
  beforeDial: BeforeDialStore;
  instances: InstanceStore;
  orphans: OrphanStore;
  checks: CarrierCheckStore;
};

/** A number added to or removed from an org's suppression list. */
export type SuppressionChange = { kind: "add" | "remove"; orgId: string; number: string; suppressionId: string };

/** What the adapter needs to place one call. */
export type DialRequest = {
  callId: string;
  attempt: number;
  /** `{callId}:{attempt}`: the carrier-side idempotency key where the carrier supports one. */
  idempotencyKey: string;
  to: string;
  from: string | null;
  agent: { id: string; systemPrompt: string; voice: string | null; language: string | null; voicemailAction: VoicemailAction };
  /** Hang up after this long talking (agent limit and the org's remaining minutes). */
  maxTalkSeconds: number;
  /**
   * The call has a conversation (its `call.queued` carried one for the voice service), with the
   * sandbox callee's script when the partner gave one; null: no conversation (events from before it).
   */
  conversation: { simulatedCallee: SimulatedCallee | null } | null;
};

/**
 * Progress a carrier reports for one attempt; `ended` is the last. `carrierCallId`: the carrier's
 * id of the call, when the report names it (a Twilio callback does): the definite link of a call to
 * an attempt whose create's answer was lost.
 */
export type CarrierReport = (
  | { kind: "ringing" }
  | { kind: "answered" }
  /** The carrier's answering machine verdict (Twilio's `AnsweredBy`: `human`, `machine_end_beep`, …), after the answer. */
  | { kind: "machine"; answeredBy: string }
  | { kind: "ended"; outcome: AttemptOutcome; talkSeconds: number | null; detail: string | null }
) & { carrierCallId?: string };

/** A call as a carrier that keeps calls describes it; `report` null while it is queued at the carrier. */
export type CarrierCall = { carrierCallId: string; createdAt: Date; report: CarrierReport | null };

/** Looks calls up at a carrier that keeps them (Twilio), to reconcile attempts with an unknown outcome. */
export interface CarrierLookup {
  /** Calls from `from` (null: the adapter's default caller id) to `to` created within [createdFrom, createdTo]. */
  findCalls(query: { to: string; from: string | null; createdFrom: Date; createdTo: Date }): Promise<CarrierCall[]>;
  /** One call by the carrier's id; null when the carrier has no such call. */
  fetchCall(carrierCallId: string): Promise<CarrierCall | null>;
}

/**
 * Thrown by `dial` when the carrier may have placed the call without the dialer learning its id (a
 * timeout, a 5xx, a dropped connection after the request was sent): the attempt's outcome is
 * unknown, and it must not be dialed again before the carrier is asked.
 */
export class CarrierOutcomeUnknownError extends Error {
  override readonly name = "CarrierOutcomeUnknownError";
}

/** Receives carrier reports; the simulator calls it in-process, the Twilio status callback over HTTP. */
export type CarrierReportSink = (callId: string, attempt: number, report: CarrierReport) => Promise<void>;

/** A telephony carrier behind one interface. */
export interface TelephonyAdapter {
  readonly name: string;
  /** The account whose calls-per-second limit applies (pacing key). */
  readonly account: string;
  /** Starts a call; resolves with the carrier's call id once the carrier accepted it. Throws when it refused. */
  dial(request: DialRequest): Promise<{ carrierCallId: string }>;
  /** Hangs up a live call (canceled meanwhile); its end is still reported through the sink. */
  hangup(carrierCallId: string): Promise<void>;
  /** Carriers that keep calls themselves can be asked about them; the simulator's calls live in the process. */
  readonly lookup?: CarrierLookup;
  /**
   * Answered calls are connected to the voice service's media stream, whose report of the
   * conversation the attempt's end waits for (Twilio always; the simulator with a voice media URL).
   */
  readonly mediaToVoice: boolean;
  /** Calls live in this process (the simulator's); empty for carriers that keep calls themselves. */
  liveCalls(): number;
  /** Stops: waits for live in-process calls up to `graceMs`, then drops them without reports (a crash). */
  close(graceMs: number): Promise<void>;
}

/** The org's remaining talk time from quota; null when unknown (quota unreachable): no cap. */
export interface TalkAllowance {
  talkSecondsAllowed(orgId: string, callId: string): Promise<number | null>;
}
