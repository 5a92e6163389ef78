/**
 * Reconciliation: what becomes of a live attempt whose dialer instance died (its liveness lock is
 * gone, or it stopped heartbeating for a lease). Found by `adapters/orphan-store.ts`.
 */

/** A live attempt of a dead instance. */
export type Orphan = { callId: string; attempt: number; carrierCallId: string | null };

/**
 * `end`: end the attempt here as a carrier error (retried if attempts remain). `leave`: a carrier
 * that keeps calls itself (Twilio) reports the end of a call it accepted to any instance, so the
 * attempt is left to that report. A call that lived inside the dead process (the simulator's), or
 * that never reached the carrier, has nobody left to report it.
 */
export const orphanAction = (orphan: Orphan, carrierKeepsCalls: boolean): "end" | "leave" =>
  orphan.carrierCallId !== null && carrierKeepsCalls ? "leave" : "end";
