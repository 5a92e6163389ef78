import { isConnectivityError, type Logger, retryWithBackoff } from "@voxbridge/kit/core";
import { nextStepAfterAttempt } from "../domain/attempt-end";
import { endAfterCancel } from "../domain/cancellation";
import type { AttemptStore, CarrierReport } from "./ports";

export type CarrierReportDeps = { attempts: AttemptStore; retryDelaySeconds: number; logger: Logger; onEnded: () => void };

/**
 * Moves a call's state machine on one carrier report. Progress is recorded on the attempt; the end
 * decides completed / failed / canceled / retry and writes the event in the same transaction. A
 * report for an attempt that is no longer live (duplicate callback, reconciled orphan) changes nothing.
 */
export async function recordCarrierReport(deps: CarrierReportDeps, callId: string, attempt: number, report: CarrierReport): Promise<void> {
  if (report.kind !== "ended") {
    await deps.attempts.markProgress(callId, attempt, {
      status: report.kind === "ringing" ? "ringing" : "answered",
      ...(report.carrierCallId && { carrierCallId: report.carrierCallId }),
    });
    return;
  }
  const step = await deps.attempts.endAttempt(
    callId,
    attempt,
    report,
    ({ call, endedAt, cancelRequested, voicemailAction, callingWindow }) =>
      // A call whose cancel was requested ends canceled, with its talk time, however the carrier saw it end.
      cancelRequested
        ? endAfterCancel({ call, attempt, reported: report.outcome, talkSeconds: report.talkSeconds, endedAt })
        : nextStepAfterAttempt({
            call,
            attempt,
            outcome: report.outcome,
            talkSeconds: report.talkSeconds,
            detail: report.detail,
            endedAt,
            retryDelaySeconds: deps.retryDelaySeconds,
            voicemailAction,
            callingWindow,
          }),
  );
  if (step === null) {
    deps.logger.debug({ callId, attempt, outcome: report.outcome }, "carrier report for an attempt no longer live; ignored");
    return;
  }
  deps.logger.debug({ callId, attempt, outcome: report.outcome, next: step.kind === "retry" ? "retry" : step.status }, "attempt ended");
  deps.onEnded();
}

/**
 * recordCarrierReport, retried while Postgres is unreachable: a report is the only word of how an
 * attempt ended, so a blink of the database must delay it, not lose it (a lost end would leave the
 * call to the orphan reconciler, and a talking call's slot and minutes held meanwhile). Gives up
 * only when the dialer stops, where the reconciler of the next instance takes over.
 */
export async function recordCarrierReportDurably(
  deps: CarrierReportDeps & { isStopping: () => boolean },
  callId: string,
  attempt: number,
  report: CarrierReport,
): Promise<void> {
  await retryWithBackoff(() => recordCarrierReport(deps, callId, attempt, report), {
    shouldRetry: (error) => {
      if (!isConnectivityError(error) || deps.isStopping()) return false;
      deps.logger.warn({ err: error, callId, attempt, kind: report.kind }, "carrier report not recorded yet; retrying");
      return true;
    },
    initialDelayMs: 200,
    maxDelayMs: 2_000,
  });
}
