import { createLogger } from "@voxbridge/kit";
import { createDialScheduler } from "./dial-scheduler";
import type { ClaimPass } from "./ports";

describe("dial scheduler timers", () => {
  it("waits for a job due in 60 days without spinning claim passes (Node caps timers at 24.8 days)", async () => {
    const passes: ClaimPass[] = [];
    let claims = 0;
    const farAway = (): ClaimPass => ({ claimed: [], nextWakeAt: new Date(Date.now() + 60 * 86_400_000), paced: false, at: new Date() });
    const scheduler = createDialScheduler({
      claims: {
        claimDue: async () => {
          claims++;
          return farAway();
        },
        dueBacklog: async () => 0,
      },
      attempts: { markUnknown: async () => undefined, markProgress: async () => undefined, endAttempt: async () => null },
      cancels: {
        requestCancel: async () => ({ kind: "nothing" }),
        recordCarrierId: async () => ({ cancelRequested: false }),
        takeOverdueHangUps: async () => [],
      },
      beforeDial: { checkBeforeDial: async () => ({ cancelRequested: false, suppressed: false }) },
      telephony: {
        name: "none",
        account: "none",
        mediaToVoice: false,
        dial: async () => ({ carrierCallId: "x" }),
        hangup: async () => undefined,
        liveCalls: () => 0,
        close: async () => undefined,
      },
      allowance: { talkSecondsAllowed: async () => null },
      paceSend: async () => undefined,
      report: async () => undefined,
      logger: createLogger({ service: "test", level: "silent" }),
      owner: "00000000-0000-4000-8000-000000000001",
      claimBatch: 10,
      pollIntervalMs: 60_000,
      onPass: (pass) => passes.push(pass),
    });
    jest.useFakeTimers();
    try {
      scheduler.start();
      // A spinning timer would fire after a millisecond, again and again: five seconds of timers run.
      await jest.advanceTimersByTimeAsync(5_000);
      await scheduler.stop();
    } finally {
      jest.useRealTimers();
    }
    expect(claims).toBe(1);
    expect(passes).toHaveLength(1);
  });
});
