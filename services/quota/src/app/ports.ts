import type { EndReason } from "../domain/call-settlement";

/** An org's counters for one period, as Redis holds them: limit and billed minutes of the period, open holds of the org. */
export type PeriodCounters = { limit: number; used: number; held: number };

/** A hold's entry in the counters. */
type CounterHold = { callId: string; minutes: number };

/** "unreachable": Redis was not connected, so the check was never sent and counted nothing. */
export type HoldOutcome = "granted" | "already_held" | "refused" | "cold" | "unreachable";

/** A check-and-hold's outcome, and the org's minutes left after it (0 when cold or unreachable: nothing was read). */
type HoldResult = { outcome: HoldOutcome; minutesLeft: number };

/**
 * Redis-side minute counters. Per org: one key of open holds (any period) and one key per period
 * (limit, billed minutes). Every script is atomic and keyed per call, so applying it twice changes
 * nothing; none of them creates a missing key (only `load` does, from the ledger).
 */
export interface MinuteCounters {
  /**
   * Check-and-hold: "granted" while used + held + minutes <= limit; "already_held" for a call that holds
   * already; "cold" when the counters are missing (rebuild, then ask again). With the minutes left
   * after it, read in the same script.
   */
  hold(orgId: string, period: string, callId: string, minutes: number): Promise<HoldResult>;
  /** Removes a call's hold if present. */
  release(orgId: string, callId: string): Promise<void>;
  /** Adds a hold the ledger has unless present, whatever the limit. No-op when the holds key is missing. */
  ensureHeld(orgId: string, callId: string, minutes: number): Promise<void>;
  /**
   * Whether the counters hold the call: "present"; "absent" when the holds key exists without it
   * (the caller restores it under the org's lock); "cold" when the key is missing (a rebuild reads the ledger).
   */
  findHold(orgId: string, callId: string): Promise<"present" | "absent" | "cold">;
  /**
   * In one step: removes the call's hold if present and adds its billed minutes to the period unless
   * that key is missing (a rebuild then reads them from the ledger). One step, so no other hold can
   * slip in between the release and the billing.
   */
  settle(orgId: string, callId: string, period: string, billedMinutes: number): Promise<void>;
  /** The period's counters and the minutes `callId` holds, or null when cold. */
  read(orgId: string, period: string, callId?: string): Promise<(PeriodCounters & { callHeld: number }) | null>;
  /** Which of the org's keys for this period are missing. */
  missing(orgId: string, period: string): Promise<{ holds: boolean; period: boolean }>;
  /** Loads each key that is still missing (another loader that won keeps its data). */
  load(orgId: string, period: string, snapshot: LedgerSnapshot): Promise<void>;
  /** Deletes the org's holds key and these periods' keys, so the next use rebuilds them from the ledger. */
  drop(orgId: string, periods: string[], options?: { holds?: boolean }): Promise<void>;
}

/** What the ledger says an org's counters are: limit, billed minutes of the period and (when asked) every open hold. */
export type LedgerSnapshot = { limit: number; used: number; holds: CounterHold[] | null };

/** The row of a call as the hold path needs it. */
export type HoldRecord = { orgId: string; status: "held" | "released" | "settled"; minutes: number };

type LockMode = "shared" | "exclusive";

/**
 * What became of a hold checked under the locks: "keep" the row as it is, "refused" (its row goes
 * unless an event confirmed the call), "retry" after a rebuild, or "unsent" when Redis was not
 * reachable and counted nothing (for both, the row goes if this hold opened it).
 */
export type HoldDecision<T> = { row: "keep" | "refused" | "retry" | "unsent"; result: T };

/** The durable ledger in Postgres: the truth Redis counters are rebuilt from. */
export interface MinuteLedger {
  /**
   * Records an open hold for the call (unconfirmed, expiring at `expiresAt`), or finds the call's
   * existing row; a hold released because the call never showed up ("unconfirmed", "aborted") opens
   * again. Holds the org's lock shared, and the call's lock, from before the row is written until
   * `check` has decided what becomes of it and the ledger has done so: no rebuild reads a hold whose
   * check is undecided, and nothing else changes the call meanwhile. The locks are let go after the
   * answer; on "retry" before it, so that the caller can wait for a rebuild.
   */
  holdUnderLock<T>(
    hold: { orgId: string; callId: string; period: string; minutes: number; expiresAt: Date },
    check: (record: HoldRecord) => Promise<HoldDecision<T>>,
  ): Promise<T>;
  /**
   * Records that calls exist, in one statement for all of them: each open hold of the org's gets
   * `confirmed_at` and an expiry pushed to `expiresAt` (metadata only: no counter changes, so no
   * lock). Otherwise says whether the call's hold was released in a way an event can undo
   * ("reopenable": unconfirmed, aborted, expired) or there is nothing to confirm. Answers in the
   * order asked; a call asked twice gets the later expiry and the same answer twice.
   */
  touchHolds(holds: { orgId: string; callId: string; expiresAt: Date }[], now: Date): Promise<TouchedHold[]>;
  /** The org a call's row belongs to, or null when the ledger has no row for it. */
  orgOfCall(callId: string): Promise<string | null>;
  /** Open holds past their expiry, oldest first. */
  expiredHolds(now: Date, limit: number): Promise<{ callId: string; orgId: string }[]>;
  /**
   * Runs `work` holding the org's ledger lock. Every change that Redis mirrors holds it shared (holds
   * through `holdUnderLock`); a rebuild holds it exclusively, so it never reads the ledger between a
   * change and its Redis update.
   */
  withOrgLock<T>(orgId: string, mode: LockMode, work: (ledger: LockedLedger) => Promise<T>): Promise<T>;
  /** Runs `work` unless another instance is running the same job now; false when skipped. */
  runAlone(job: string, work: () => Promise<void>): Promise<boolean>;
}

/** Ledger changes made while holding an org's lock, on the lock's own connection. */
export interface LockedLedger {
  /**
   * Marks the org's call confirmed and pushes its expiry to `expiresAt`; opens it again when it had
   * been released without its call ending (unconfirmed, aborted, expired). Returns its minutes when
   * the hold is open afterwards, else null.
   */
  confirmHold(orgId: string, callId: string, now: Date, expiresAt: Date): Promise<{ minutes: number } | null>;
  /**
   * Releases the call's open hold; the change commits only after `beforeRelease` (the Redis release)
   * succeeded. `abort`: only an unconfirmed hold (the gateway's give-back); `expire`: only one past
   * its expiry at `now` (reason unconfirmed or expired).
   */
  releaseHold(
    callId: string,
    how: { kind: "abort"; now: Date } | { kind: "expire"; now: Date },
    beforeRelease: () => Promise<void>,
  ): Promise<"released" | "not_open">;
  /**
   * Ends calls of the org for good, each once, in one transaction and one statement per kind of
   * write: closes each one's hold and records the reason, the event and the billed minutes. "replay"
   * when an earlier event already ended the call (then nothing changes). A call the ledger has never
   * seen gets its row here, so an end that arrives before its hold still bills once. Answers in the
   * order given; each call at most once; a call of another org fails them all.
   */
  endCalls(ends: CallEnd[]): Promise<("ended" | "replay")[]>;
  /** Sets the org's monthly limit. */
  setLimit(orgId: string, minutesLimit: number): Promise<void>;
  /** Limit, minutes billed in the period and, when `withHolds`, the org's open holds. */
  snapshot(orgId: string, period: string, withHolds: boolean): Promise<LedgerSnapshot>;
}

/** One call's end, as the ledger records it. */
type CallEnd = {
  orgId: string;
  callId: string;
  eventId: string;
  reason: EndReason;
  billedMinutes: number;
  billedPeriod: string;
  now: Date;
};

/** What quota counts, for /metrics. */
export interface QuotaMetrics {
  hold(outcome: "granted" | "already_held" | "refused" | "settled" | "other_org"): void;
  callEvent(outcome: "confirmed" | "ended" | "replay" | "ignored"): void;
  rebuild(): void;
  holdsReleased(reason: "aborted" | "expired", count: number): void;
}

/** What confirming one call's hold found: its open hold's minutes, or what an event can still do about it. */
export type TouchedHold = { minutes: number } | "reopenable" | "none";
