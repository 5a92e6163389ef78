import { orphanAction } from "../domain/reconciliation";
import { hangUpOverdueCancels } from "./cancel-call";
import type { AttemptStore, CallingWindowStore, InstanceStore, OrphanStore, SuppressionStore } from "./ports";
import { type CarrierCheckDeps, reconcileCarrierCalls } from "./reconcile-carrier-calls";

export type HousekeepingDeps = Omit<CarrierCheckDeps, "batch"> & {
  attempts: AttemptStore;
  instances: InstanceStore;
  orphans: OrphanStore;
  suppressions: SuppressionStore;
  windows: CallingWindowStore;
  /** Ends answered attempts whose conversation report did not come in time; returns how many. */
  overdueConversations: () => Promise<number>;
  /** How long a canceled talking call's agent has for its closing line before the carrier is asked to hang up. */
  cancelClosingSeconds: number;
  owner: string;
  leaseSeconds: number;
  /** Jobs swept per pass at most. */
  batch: number;
};

export type Housekeeping = {
  start: () => Promise<void>;
  /** Stops heartbeating (after live calls ended, or to die): peers may then reconcile what is left. */
  stop: () => void;
  /**
   * One pass now: heartbeat, sweeps, the reconciliation of dead instances' live attempts and the
   * carrier lookups; returns how many orphans it ended or marked unknown.
   */
  pass: () => Promise<number>;
};

/**
 * Every beat (2 s at most), one after the other: this instance's heartbeat; the instance rows
 * silent for a day deleted; the suppression sweep; the calling-window sweep; the live attempts of
 * dead instances reconciled; the canceled calls still live after their closing time hung up; and,
 * with a carrier that keeps calls, the attempts it must be asked about (unknown outcomes, lost
 * callbacks). A peer silent for two beats with its liveness lock gone is dead.
 */
export function createHousekeeping(deps: HousekeepingDeps): Housekeeping {
  const { logger } = deps;
  const beatMs = Math.min(2_000, (deps.leaseSeconds * 1000) / 3);
  let beating = false;
  let timer: NodeJS.Timeout | undefined;

  const reconcileOrphans = async () => {
    const orphans = await deps.orphans.findOrphans(deps.leaseSeconds, (2 * beatMs) / 1000);
    let ended = 0;
    for (const orphan of orphans) {
      const action = orphanAction(orphan, deps.telephony.lookup !== undefined);
      if (action === "leave") continue;
      if (action === "unknown") {
        logger.warn(
          { callId: orphan.callId, attempt: orphan.attempt },
          "live attempt of a stopped dialer without a carrier id; asking the carrier",
        );
        await deps.attempts.markUnknown(
          orphan.callId,
          orphan.attempt,
          "the dialer instance running the call stopped before the carrier answered",
        );
        ended++;
        continue;
      }
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

  const pass = async () => {
    await deps.instances.heartbeat(deps.owner);
    await deps.instances.pruneStale();
    // The safety net of suppressions: a job queued (or retried) after its number's suppression
    // arrived is skipped by the claim and canceled here, within a beat.
    const suppressed = await deps.suppressions.cancelSuppressed(deps.batch);
    if (suppressed > 0) logger.info({ canceled: suppressed }, "canceled waiting calls to suppressed numbers");
    // A job whose window closed while it waited (a backlog, pacing) waits for the next opening.
    const rescheduled = await deps.windows.rescheduleClosedWindows(deps.batch);
    if (rescheduled > 0) logger.info({ rescheduled }, "moved calls whose calling window closed to its next opening");
    await deps.overdueConversations();
    const reconciled = await reconcileOrphans();
    await hangUpOverdueCancels(deps);
    await reconcileCarrierCalls({ ...deps, batch: deps.batch });
    return reconciled;
  };

  const beat = () => {
    timer = setTimeout(
      () =>
        void pass()
          .catch((error: unknown) => logger.warn({ err: error }, "heartbeat failed"))
          .finally(() => {
            if (beating) beat();
          }),
      beatMs,
    );
    timer.unref();
  };

  return {
    pass,
    start: async () => {
      beating = true;
      await pass();
      beat();
    },
    stop: () => {
      beating = false;
      clearTimeout(timer);
    },
  };
}
