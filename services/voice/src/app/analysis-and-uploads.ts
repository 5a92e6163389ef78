import type { CallStore, RecordingStore } from "./ports";

export type AnalysisWorkerDeps = {
  calls: CallStore;
  recordings: RecordingStore;
  clock: () => Date;
  /** A call whose conversations have not all ended this long after its terminal event is analyzed with what was stored. */
  staleAfterMs: number;
  retryAfterMs: number;
  maxUploadAttempts: number;
  observe: {
    analyzed(): void;
    upload(result: "stored" | "retry" | "gave_up", context: { callId: string; attempt: number; attempts: number; error?: string }): void;
    error(error: unknown, message: string): void;
  };
};

/**
 * One pass of the voice service's background work: recordings the store has not taken are uploaded
 * (retried on a schedule, then given up with a log line and a metric), and calls whose analysis is
 * due (ended; or a recording announced late) get their `call.analyzed`.
 */
export async function runAnalysisPass(deps: AnalysisWorkerDeps): Promise<{ uploaded: number; analyzed: number }> {
  let uploaded = 0;
  let analyzed = 0;
  for (const upload of await deps.calls.dueUploads(deps.clock(), 20)) {
    try {
      await deps.recordings.put(upload.key, upload.wav);
      await deps.calls.uploadSucceeded(upload.callId, upload.attempt);
      deps.observe.upload("stored", { callId: upload.callId, attempt: upload.attempt, attempts: upload.attempts + 1 });
      uploaded += 1;
    } catch (error) {
      const attempts = upload.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = attempts >= deps.maxUploadAttempts;
      await deps.calls.uploadFailed(
        upload.callId,
        upload.attempt,
        message,
        giveUp ? null : new Date(deps.clock().getTime() + deps.retryAfterMs),
      );
      deps.observe.upload(giveUp ? "gave_up" : "retry", { callId: upload.callId, attempt: upload.attempt, attempts, error: message });
    }
  }
  for (const callId of await deps.calls.callsDueForAnalysis(deps.clock(), deps.staleAfterMs, 100)) {
    if (await deps.calls.analyzeIfDue(callId, deps.clock(), deps.staleAfterMs)) {
      deps.observe.analyzed();
      analyzed += 1;
    }
  }
  return { uploaded, analyzed };
}
