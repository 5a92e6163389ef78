import { createCoalescedRunner, inSpan, type Logger } from "@voxbridge/kit/core";
import { type DispatchDeps, dispatchDial } from "./dispatch-dial";
import type { ClaimedDial, ClaimPass, ClaimStore } from "./ports";

export type DialSchedulerDeps = DispatchDeps & {
  claims: ClaimStore;
  logger: Logger;
  /** This instance's id: the owner of the attempts it dials. */
  owner: string;
  /** Jobs claimed per transaction at most. */
  claimBatch: number;
  /** Safety poll: catches a missed NOTIFY or timer. */
  pollIntervalMs: number;
  /** Observes each dial handed to the carrier (metrics, benchmarks). */
  onDial?: (dial: ClaimedDial) => void;
  /**
   * Observes each claim pass with the database time it looked at: the proof, for metrics and for
   * tests of what must not be dialed, that the scheduler looked after a job fell due.
   */
  onPass?: (pass: ClaimPass) => void;
};

export type DialScheduler = {
  start: () => void;
  /** Runs a claim pass now (coalesced with one in progress): new due work, a freed slot, a timer. */
  wake: () => void;
  /** Stops claiming and waits for dials already claimed to reach the carrier. */
  stop: () => Promise<void>;
};

/** The longest delay Node's timers keep (2^31 - 1 ms). */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The durable timer and dispatcher. Due jobs are claimed from Postgres (several instances safe),
 * woken at once in-process and by NOTIFY, by a timer for the next due time or freed pacing slot, and
 * by a slow safety poll. Each claimed attempt is persisted before the carrier is asked.
 */
export function createDialScheduler(deps: DialSchedulerDeps): DialScheduler {
  const { claims, logger } = deps;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let poll: NodeJS.Timeout | undefined;
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

  const pass = async () => {
    for (;;) {
      if (stopped) return;
      const claim = await claims.claimDue(deps.owner, deps.claimBatch);
      deps.onPass?.(claim);
      for (const dial of claim.claimed) {
        deps.onDial?.(dial);
        // A span in the call's trace: the dial's quota request, carrier calls and log lines are in it.
        const work = inSpan("dial", { parent: dial.queued.traceparent, attributes: { "voxbridge.call_id": dial.queued.subject } }, () =>
          dispatchDial(deps, dial),
        ).finally(() => dispatching.delete(work));
        dispatching.add(work);
      }
      if (claim.claimed.length < deps.claimBatch) {
        wakeAt(claim.nextWakeAt);
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

  return {
    wake,
    start: () => {
      stopped = false;
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
