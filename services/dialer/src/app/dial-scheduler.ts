import { createCoalescedRunner, isAppError, type Logger, withTrace } from "@voxbridge/kit/core";
import { renderSystemPrompt } from "../domain/render-prompt";
import type { CarrierReportSink, ClaimedDial, DialJobStore, TalkAllowance, TelephonyAdapter } from "./ports";

export type DialSchedulerDeps = {
  jobs: DialJobStore;
  telephony: TelephonyAdapter;
  allowance: TalkAllowance;
  report: CarrierReportSink;
  logger: Logger;
  /** This instance's id: the owner of the attempts it dials. */
  owner: string;
  /** Jobs claimed per transaction at most. */
  claimBatch: number;
  /** Safety poll: catches a missed NOTIFY or timer. */
  pollIntervalMs: number;
  leaseSeconds: number;
  /** Observes each dial handed to the carrier (metrics, benchmarks). */
  onDial?: (dial: ClaimedDial) => void;
  /** Observes a claim pass that left due calls waiting for the pacing window (metrics). */
  onPaced?: () => void;
};

export type DialScheduler = {
  start: () => Promise<void>;
  /** Runs a claim pass now (coalesced with one in progress): new due work, a freed slot, a timer. */
  wake: () => void;
  /** Stops claiming and waits for dials already claimed to reach the carrier. The heartbeat goes on. */
  stop: () => Promise<void>;
  /** Stops heartbeating (after live calls ended, or to die): peers may then reconcile what is left. */
  stopHeartbeat: () => void;
  /** Finds live attempts of dead instances and ends them (`error`, retried if attempts remain). */
  reconcileOrphans: () => Promise<number>;
};

/** The longest delay Node's timers keep (2^31 - 1 ms). */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The durable timer and dispatcher. Due jobs are claimed from Postgres (several instances safe),
 * woken at once in-process and by NOTIFY, by a timer for the next due time or freed pacing slot, and
 * by a slow safety poll. Each claimed attempt is persisted before the carrier is asked.
 */
export function createDialScheduler(deps: DialSchedulerDeps): DialScheduler {
  const { jobs, logger } = deps;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let poll: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let beating = false;
  const dispatching = new Set<Promise<void>>();

  const wakeAt = (at: Date | null) => {
    if (at === null || stopped) return;
    const when = at.getTime();
    // Keep the earliest pending timer; a later one is re-planned by the pass it triggers.
    if (timer !== undefined && timerAt <= when) return;
    clearTimeout(timer);
    timerAt = when;
    timer = setTimeout(
      () => {
        timer = undefined;
        timerAt = Number.POSITIVE_INFINITY;
        wake();
      },
      // Node fires a timer of more than 2^31-1 ms (24.8 days: a call scheduled next month) after 1 ms,
      // which would spin claim passes; a capped timer's pass re-plans the rest of the wait.
      Math.min(MAX_TIMER_MS, Math.max(0, when - Date.now())),
    );
    timer.unref();
  };

  const dispatch = async (dial: ClaimedDial) => {
    deps.onDial?.(dial);
    const { queued, call } = dial;
    try {
      const { prompt, missing } = renderSystemPrompt(queued.data.agent.system_prompt, call.context);
      if (missing.length > 0) logger.debug({ callId: call.id, missing }, "prompt placeholders without context values left empty");
      const allowed = await deps.allowance.talkSecondsAllowed(dial.orgId, dial.callId);
      const maxTalkSeconds = Math.max(0, Math.min(queued.data.agent.max_duration_seconds, allowed ?? Number.POSITIVE_INFINITY));
      const { carrierCallId } = await deps.telephony.dial({
        callId: dial.callId,
        attempt: dial.attempt,
        idempotencyKey: `${dial.callId}:${dial.attempt}`,
        to: call.to_number,
        from: call.from_number,
        agent: {
          id: queued.data.agent.id,
          systemPrompt: prompt,
          voice: queued.data.agent.voice,
          language: queued.data.agent.language,
          voicemailAction: queued.data.agent.voicemail_action ?? "hangup",
        },
        maxTalkSeconds,
      });
      await jobs.markProgress(dial.callId, dial.attempt, { status: "ringing", carrierCallId }).catch((error: unknown) => {
        logger.warn({ err: error, callId: dial.callId }, "could not record the carrier call id");
      });
    } catch (error) {
      // The carrier refused the call: a non-retryable refusal is a rejection, anything else a carrier error.
      const outcome = isAppError(error) && !error.retryable ? "rejected" : "error";
      logger.warn({ err: error, callId: dial.callId, attempt: dial.attempt, outcome }, "dial failed");
      await deps
        .report(dial.callId, dial.attempt, {
          kind: "ended",
          outcome,
          talkSeconds: null,
          detail: error instanceof Error ? error.message : String(error),
        })
        .catch((e: unknown) => logger.error({ err: e, callId: dial.callId }, "could not record a failed dial; the orphan reconciler will"));
    }
  };

  const pass = async () => {
    for (;;) {
      if (stopped) return;
      const { claimed, nextWakeAt, paced } = await jobs.claimDue(deps.owner, deps.claimBatch);
      if (paced) deps.onPaced?.();
      for (const dial of claimed) {
        // In the call's trace: the dial's log lines and its quota request name it.
        const work = withTrace(dial.queued.traceparent, () => dispatch(dial)).finally(() => dispatching.delete(work));
        dispatching.add(work);
      }
      if (claimed.length < deps.claimBatch) {
        wakeAt(nextWakeAt);
        return;
      }
    }
  };

  // One claiming pass at a time; wake-ups during it ask for one more.
  const runner = createCoalescedRunner({
    pass,
    isStopped: () => stopped,
    onError: (error) => {
      logger.warn({ err: error }, "claiming due calls failed; retrying");
      wakeAt(new Date(Date.now() + 500));
      return false;
    },
  });
  const wake = runner.wake;

  // Heartbeats (and looks for dead peers) every 2 s at most; a peer silent for two beats with its
  // liveness lock gone is dead.
  const beatMs = Math.min(2_000, (deps.leaseSeconds * 1000) / 3);
  const reconcileOrphans = async () => {
    const orphans = await jobs.heartbeat(deps.owner, deps.leaseSeconds, (2 * beatMs) / 1000);
    // The safety net of suppressions: a job queued (or retried) after its number's suppression
    // arrived is skipped by the claim and canceled here, within a beat.
    const suppressed = await jobs.cancelSuppressed(deps.claimBatch);
    if (suppressed > 0) logger.info({ canceled: suppressed }, "canceled waiting calls to suppressed numbers");
    // A job whose window closed while it waited (a backlog, pacing) waits for the next opening.
    const rescheduled = await jobs.rescheduleClosedWindows(deps.claimBatch);
    if (rescheduled > 0) logger.info({ rescheduled }, "moved calls whose calling window closed to its next opening");
    let ended = 0;
    for (const orphan of orphans) {
      // A carrier that keeps the call (Twilio) still reports its end to any instance; only calls that
      // lived in the dead process (the simulator's) or never reached the carrier are ended here.
      if (orphan.carrierCallId !== null && deps.telephony.name !== "simulator") continue;
      logger.warn({ callId: orphan.callId, attempt: orphan.attempt }, "live attempt of a stopped dialer; ending it as a carrier error");
      await deps.report(orphan.callId, orphan.attempt, {
        kind: "ended",
        outcome: "error",
        talkSeconds: null,
        detail: "the dialer instance running the call stopped",
      });
      ended++;
    }
    return ended;
  };

  return {
    wake,
    reconcileOrphans,
    stopHeartbeat: () => {
      beating = false;
      clearTimeout(heartbeat);
    },
    start: async () => {
      stopped = false;
      beating = true;
      await reconcileOrphans();
      const beat = () => {
        heartbeat = setTimeout(
          () =>
            void reconcileOrphans()
              .catch((error: unknown) => logger.warn({ err: error }, "heartbeat failed"))
              .finally(() => {
                if (beating) beat();
              }),
          beatMs,
        );
        heartbeat.unref();
      };
      beat();
      poll = setInterval(wake, deps.pollIntervalMs);
      poll.unref();
      wake();
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      clearInterval(poll);
      await runner.idle();
      await Promise.all(dispatching);
    },
  };
}
