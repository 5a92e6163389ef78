/**
 * Reconciliation: what becomes of live attempts the dialer lost track of. A live attempt whose
 * dialer instance died (its liveness lock is gone, or it stopped heartbeating for a lease) is found
 * by `adapters/orphan-store.ts`. An attempt whose carrier outcome is unknown, or whose carrier's
 * status callbacks stopped arriving, is looked up at the carrier (`app/reconcile-carrier-calls.ts`).
 */

/** A live attempt of a dead instance. */
export type Orphan = { callId: string; attempt: number; carrierCallId: string | null };

/**
 * `end`: end the attempt here as a carrier error (retried if attempts remain): a call that lived
 * inside the dead process (the simulator's) has nobody left to report it. `leave`: a carrier that
 * keeps calls itself (Twilio) reports the end of a call it accepted to any instance (and a lost
 * report is looked up). `unknown`: the instance died between its claim and the carrier's answer,
 * so the carrier may have placed a call nobody has the id of; ask it before any redial.
 */
export const orphanAction = (orphan: Orphan, carrierKeepsCalls: boolean): "end" | "leave" | "unknown" => {
  if (!carrierKeepsCalls) return "end";
  return orphan.carrierCallId === null ? "unknown" : "leave";
};

/** A live attempt due for a look at the carrier. */
export type AttemptToCheck = {
  callId: string;
  attempt: number;
  to: string;
  from: string | null;
  carrierCallId: string | null;
  dialedAt: Date;
  /** When its outcome became unknown; null for an attempt with a carrier id whose callbacks are overdue. */
  unknownSince: Date | null;
  /** The database's clock when it was taken. */
  now: Date;
};

/** How far a carrier's record of a call may lie from the dialer's (clock skew, a slow create). */
const SKEW_MS = 60_000;

/**
 * The creation times a carrier's call may have to be this attempt's: from just before the attempt
 * was dialed to just after its outcome became unknown (when the create's answer was given up on).
 */
export const candidateWindow = (attempt: Pick<AttemptToCheck, "dialedAt" | "unknownSince" | "now">) => ({
  createdFrom: new Date(attempt.dialedAt.getTime() - SKEW_MS),
  createdTo: new Date((attempt.unknownSince ?? attempt.now).getTime() + SKEW_MS),
});

/** A carrier's call that may be the attempt's: created in its window, to its number, from its caller id, not another attempt's. */
export type Candidate = { carrierCallId: string; createdAt: Date; ended: boolean };

/**
 * What an attempt with an unknown outcome becomes, from the carrier's candidates:
 * - `wait`: some candidate has not ended (it may be ringing the person now), so nobody is dialed;
 *   `adopt` names it when it is the only candidate (its id is recorded, so a cancel can hang it up).
 *   Also while no candidate shows yet and the carrier's list may still lag (`settleSeconds`).
 * - `ended`: every candidate has ended; the one created closest to the dial is the attempt's call,
 *   whose end (talk time included) ends the attempt.
 * - `never_placed`: the carrier has no such call: the attempt ends as a carrier error, and a retry
 *   is safe.
 */
export function reconcileUnknown<C extends Candidate>(input: {
  candidates: C[];
  dialedAt: Date;
  unknownForSeconds: number;
  settleSeconds: number;
}): { kind: "wait"; adopt: C | null } | { kind: "ended"; call: C } | { kind: "never_placed" } {
  const { candidates, dialedAt } = input;
  const live = candidates.filter((c) => !c.ended);
  if (live.length > 0) return { kind: "wait", adopt: candidates.length === 1 ? (live[0] ?? null) : null };
  if (candidates.length === 0)
    return input.unknownForSeconds < input.settleSeconds ? { kind: "wait", adopt: null } : { kind: "never_placed" };
  const distance = (c: C) => Math.abs(c.createdAt.getTime() - dialedAt.getTime());
  const closest = candidates.reduce((best, c) => (distance(c) < distance(best) ? c : best));
  return { kind: "ended", call: closest };
}
