/**
 * The last look before the carrier is asked: a claimed attempt is dialed only if, right now, its
 * call has no cancel request and its number is not suppressed. Between the claim and the dial (a
 * quota question, a busy host) either may have arrived; the claim's own checks are older.
 */
export type BeforeDial = "dial" | "canceled" | "suppressed";

export function beforeDial(now: { cancelRequested: boolean; suppressed: boolean }): BeforeDial {
  if (now.suppressed) return "suppressed";
  return now.cancelRequested ? "canceled" : "dial";
}
