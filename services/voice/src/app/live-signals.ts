import type { VoiceSignal } from "@voxbridge/contracts";
import { createCoalescedRunner } from "@voxbridge/kit/core";
import type { SignalStore } from "./ports";

/** What a signal acts on: one live conversation (`ConversationSession.signal`). */
export type SignalTarget = { signal(signal: VoiceSignal): void };

/**
 * Delivers stored signals to the conversations this instance holds. Any instance may receive a
 * signal (the internal API behind the load balancer); it stores it and NOTIFY wakes every instance,
 * which looks up the signals of its own live attempts. A stream that starts after its signal was
 * stored gets it when it registers. A signal may be delivered more than once; a session acts on each
 * kind once.
 */
export function createLiveSignals(deps: { signals: SignalStore; onError: (error: unknown) => void }) {
  const live = new Map<string, { callId: string; attempt: number; target: SignalTarget }>();
  const keyOf = (callId: string, attempt: number) => `${callId}:${attempt}`;
  let stopped = false;
  const deliver = async (attempts: { callId: string; attempt: number }[]) => {
    for (const { callId, attempt, signal } of await deps.signals.pendingFor(attempts))
      live.get(keyOf(callId, attempt))?.target.signal(signal);
  };
  const runner = createCoalescedRunner({
    isStopped: () => stopped,
    onError: (error) => {
      deps.onError(error);
      return false;
    },
    pass: () => deliver([...live.values()]),
  });
  return {
    /** A stream's conversation began here: it takes signals from now on, and any stored before. */
    register(callId: string, attempt: number, target: SignalTarget): void {
      live.set(keyOf(callId, attempt), { callId, attempt, target });
      deliver([{ callId, attempt }]).catch(deps.onError);
    },
    unregister(callId: string, attempt: number): void {
      live.delete(keyOf(callId, attempt));
    },
    /** Some instance stored a signal (NOTIFY), or the listener reconnected: look again. */
    wake: () => {
      if (live.size > 0) runner.wake();
    },
    stop: async () => {
      stopped = true;
      await runner.idle();
    },
  };
}

export type LiveSignals = ReturnType<typeof createLiveSignals>;
