import type { Logger } from "@voxbridge/kit/core";
import { hangsUpOnProgress } from "../domain/cancellation";
import { type AttemptToCheck, candidateWindow, reconcileUnknown } from "../domain/reconciliation";
import { hangUp } from "./cancel-call";
import type { CancelStore, CarrierCall, CarrierCheckStore, CarrierLookup, CarrierReportSink, TelephonyAdapter } from "./ports";

export type CarrierCheckDeps = {
  checks: CarrierCheckStore;
  cancels: CancelStore;
  telephony: TelephonyAdapter;
  report: CarrierReportSink;
  logger: Logger;
  batch: number;
  recheckSeconds: number;
  callbackGraceSeconds: number;
  settleSeconds: number;
};

const NEVER_PLACED = "the carrier has no record of this attempt's call";

/**
 * Asks a carrier that keeps calls (Twilio) about the live attempts the dialer lost track of, and
 * moves each on as its report would have: an attempt whose create's outcome is unknown (matched
 * by number, caller id and creation time, `domain/reconciliation.ts`), and one whose status
 * callbacks are overdue (fetched by its id). Returns how many attempts it looked up. A carrier that
 * does not answer leaves them for the next pass.
 */
export async function reconcileCarrierCalls(deps: CarrierCheckDeps): Promise<number> {
  const lookup = deps.telephony.lookup;
  if (!lookup) return 0;
  const due = await deps.checks.takeDueChecks(deps.batch, deps.recheckSeconds, deps.callbackGraceSeconds);
  for (const attempt of due) {
    try {
      if (attempt.carrierCallId) await applyCarrierState(deps, attempt, await lookup.fetchCall(attempt.carrierCallId));
      else await reconcileUnknownAttempt(deps, lookup, attempt);
    } catch (error) {
      deps.logger.warn({ err: error, callId: attempt.callId, attempt: attempt.attempt }, "carrier lookup failed; trying again next pass");
    }
  }
  return due.length;
}

/** What the carrier says of the attempt's own call, recorded as its callback would have been. */
async function applyCarrierState(deps: CarrierCheckDeps, attempt: AttemptToCheck, call: CarrierCall | null): Promise<void> {
  const { callId } = attempt;
  if (call === null) {
    deps.logger.warn({ callId, attempt: attempt.attempt }, "the carrier has no call by the attempt's id; ending it as a carrier error");
    await deps.report(callId, attempt.attempt, { kind: "ended", outcome: "error", talkSeconds: null, detail: NEVER_PLACED });
    return;
  }
  if (call.report === null) return;
  if (call.report.kind === "ended")
    deps.logger.info({ callId, attempt: attempt.attempt }, "recorded an attempt's end from the carrier's record");
  await deps.report(callId, attempt.attempt, { ...call.report, carrierCallId: call.carrierCallId });
}

async function reconcileUnknownAttempt(deps: CarrierCheckDeps, lookup: CarrierLookup, attempt: AttemptToCheck): Promise<void> {
  const { callId } = attempt;
  const listed = await lookup.findCalls({ to: attempt.to, from: attempt.from, ...candidateWindow(attempt) });
  // Calls that are other attempts' (a retry's, another call's to the same number) are not candidates.
  const known = await deps.checks.knownCarrierIds(listed.map((c) => c.carrierCallId));
  const candidates = listed.filter((c) => !known.has(c.carrierCallId)).map((c) => ({ ...c, ended: c.report?.kind === "ended" }));
  const unknownSince = attempt.unknownSince ?? attempt.now;
  const verdict = reconcileUnknown({
    candidates,
    dialedAt: attempt.dialedAt,
    unknownForSeconds: (attempt.now.getTime() - unknownSince.getTime()) / 1000,
    settleSeconds: deps.settleSeconds,
  });
  deps.logger.info(
    { callId, attempt: attempt.attempt, candidates: candidates.length, verdict: verdict.kind },
    "reconciled an unknown outcome",
  );
  switch (verdict.kind) {
    case "wait": {
      if (!verdict.adopt) return;
      // The lone live candidate is the attempt's call: recorded, so a cancel hangs it up and its
      // callbacks or the next lookup end it.
      const adopted = verdict.adopt.carrierCallId;
      const recorded = await deps.cancels.recordCarrierId(callId, attempt.attempt, adopted);
      if (hangsUpOnProgress({ cancelRequested: recorded.cancelRequested, carrierCallId: adopted })) await hangUp(deps, callId, adopted);
      if (verdict.adopt.report) await deps.report(callId, attempt.attempt, { ...verdict.adopt.report, carrierCallId: adopted });
      return;
    }
    case "ended":
      await applyCarrierState(deps, attempt, verdict.call);
      return;
    case "never_placed":
      await deps.report(callId, attempt.attempt, { kind: "ended", outcome: "error", talkSeconds: null, detail: NEVER_PLACED });
      return;
  }
}
