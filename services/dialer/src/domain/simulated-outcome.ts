import type { SimulatedCallee } from "@voxbridge/contracts";
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

/**
 * Who answers a simulated call that talks with the voice service: the call's own scripted callee (a
 * callee who only says hello when the partner gave no script), on the opt-out number a callee who
 * asks not to be called again, out loud, whatever the script says, and on the voicemail number an
 * answering machine, which says nothing the agent would take for an answer.
 */
export function sandboxCallee(outcome: "completed" | "opt_out" | "voicemail", script: SimulatedCallee | null): SimulatedCallee {
  if (outcome === "voicemail") return { silent: true };
  return outcome === "opt_out" ? { ...script, silent: false, opt_out: true } : (script ?? {});
}
