import { AppError } from "@voxbridge/kit/core";
import type { CallEnds, CallStore } from "../app/ports";

const ENDED = new Set(["completed", "failed", "canceled"]);

/**
 * Waits for a record to end by reading it again whenever this instance's projector moved it
 * (`moved`, fed with the ids each projected batch moved) and every `pollIntervalMs` besides, since
 * the call's partition may be projected by another gateway instance.
 */
export function createCallEnds(options: { calls: Pick<CallStore, "findById">; pollIntervalMs: number }): CallEnds & {
  moved: (callIds: readonly string[]) => void;
} {
  const waiting = new Map<string, Set<() => void>>();

  const nextChance = (callId: string, ms: number) =>
    new Promise<void>((resolve) => {
      const wakers = waiting.get(callId) ?? new Set<() => void>();
      waiting.set(callId, wakers);
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        if (wakers.size === 0) waiting.delete(callId);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  return {
    moved(callIds) {
      for (const id of callIds) for (const wake of [...(waiting.get(id) ?? [])]) wake();
    },
    async waitForEnd(orgId, callId, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const call = await options.calls.findById(orgId, callId);
        if (!call) throw new AppError("not_found", "No call with this id", { param: "call_id" });
        const left = deadline - Date.now();
        if (ENDED.has(call.status) || left <= 0) return call;
        await nextChance(callId, Math.min(options.pollIntervalMs, left));
      }
    },
  };
}
