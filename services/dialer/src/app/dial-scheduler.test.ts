import { createLogger } from "@voxbridge/kit";
import { createDialScheduler } from "./dial-scheduler";
import type { DialJobStore, TelephonyAdapter } from "./ports";

describe("dial scheduler timers", () => {
  it("waits for a job due in 60 days without spinning claim passes (Node caps timers at 24.8 days)", async () => {
    let passes = 0;
    const jobs = {
      claimDue: async () => {
        passes++;
        return { claimed: [], nextWakeAt: new Date(Date.now() + 60 * 86_400_000), paced: false };
      },
      heartbeat: async () => [],
      cancelSuppressed: async () => 0,
      rescheduleClosedWindows: async () => 0,
    } as unknown as DialJobStore;
    const scheduler = createDialScheduler({
      jobs,
      telephony: { name: "simulator" } as TelephonyAdapter,
      allowance: { talkSecondsAllowed: async () => null },
      report: async () => undefined,
      logger: createLogger({ service: "test", level: "silent" }),
      owner: "00000000-0000-4000-8000-000000000001",
      claimBatch: 10,
      pollIntervalMs: 60_000,
      leaseSeconds: 15,
    });
    await scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    scheduler.stopHeartbeat();
    await scheduler.stop();
    expect(passes).toBe(1);
  });
});
