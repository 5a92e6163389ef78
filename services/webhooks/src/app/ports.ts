import type { AttemptResult } from "../domain/delivery-outcome";
import type { DeliverySource } from "../domain/delivery-source";

/** A delivery claimed for one attempt, with what is needed to sign and send it. */
export type DueDelivery = {
  id: string;
  orgId: string;
  endpointId: string | null;
  url: string;
  /** Attempts made including this one. */
  attemptNumber: number;
  event: DeliverySource;
  sequence: number;
  /** Secrets to sign with (current first), or null when it must not be sent (see `blockedReason`, `secretError`). */
  secrets: string[] | null;
  blockedReason: string | null;
  /**
   * Set when the stored secret cannot be decrypted (its key is not configured): the attempt fails
   * and is retried on the schedule, so restoring the key lets the delivery through.
   */
  secretError: string | null;
};

/** What happens to a delivery after an attempt. */
export type DeliveryDecision =
  | { kind: "delivered" }
  | { kind: "retry"; nextAttemptAt: Date }
  | { kind: "failed"; reason: string; disableEndpoint: string | null };

export type RecordedAttempt = { delivery: DueDelivery; attemptedAt: Date; result: AttemptResult; decision: DeliveryDecision };

/** The durable delivery state: retry timers, claims and the attempt log. */
export interface DeliveryStore {
  /** Leases up to `limit` due deliveries whose earlier events (same call and destination) are settled. */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<DueDelivery[]>;
  /**
   * Logs attempts and applies their decisions, in one transaction; an endpoint failing every attempt
   * for 5 days is disabled, a success clears its failure run.
   */
  recordAttempts(attempts: RecordedAttempt[]): Promise<void>;
}

/** Sends one signed POST; never throws (failures are results). */
export interface WebhookSender {
  send(request: { url: string; headers: Record<string, string>; body: string }): Promise<AttemptResult>;
}
