import type { AttemptOutcome } from "./attempt-end";

/** The simulator's magic numbers (docs/dialer.md, "Telephony adapters"): the last four digits of `to` pick the outcome. */
export function simulatedOutcome(to: string): Exclude<AttemptOutcome, "error" | "canceled"> {
  switch (to.replace(/\D/g, "").slice(-4)) {
    case "0001":
      return "no_answer";
    case "0002":
      return "busy";
    case "0003":
      return "rejected";
    case "0004":
      return "voicemail";
    case "0005":
      return "opt_out";
    default:
      return "completed";
  }
}
