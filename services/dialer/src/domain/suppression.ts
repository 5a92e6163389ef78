import type { CallOut } from "@voxbridge/contracts";

/**
 * Suppression: a number on the org's suppression list is never dialed. The claim skips jobs to it
 * (`adapters/claim-store.ts`) and the dialer cancels them (`adapters/suppression-store.ts`).
 */

/**
 * The snapshot of a call canceled because its number was suppressed while it waited for an attempt
 * (the first, or a retry): canceled, disposition `suppressed`, never dialed again.
 */
export function suppressedCall(call: CallOut, at: Date): CallOut {
  return {
    ...call,
    status: "canceled",
    disposition: "suppressed",
    error_message: null,
    next_attempt_at: null,
    completed_at: at.toISOString(),
  };
}
