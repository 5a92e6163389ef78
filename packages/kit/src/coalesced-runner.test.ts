import { createCoalescedRunner } from "./coalesced-runner";

/** A pass that waits until the test lets it finish. */
function gatedPass() {
  const releases: (() => void)[] = [];
  let runs = 0;
  return {
    pass: () => {
      runs++;
      return new Promise<void>((resolve) => releases.push(resolve));
    },
    finishOne: async () => {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    },
    runs: () => runs,
  };
}

describe("createCoalescedRunner", () => {
  it("runs one pass at a time and folds any number of wake-ups during it into one more pass", async () => {
    const gate = gatedPass();
    const runner = createCoalescedRunner({ pass: gate.pass, isStopped: () => false, onError: () => false });
    runner.wake();
    runner.wake();
    runner.wake();
    expect(gate.runs()).toBe(1);
    await gate.finishOne();
    expect(gate.runs()).toBe(2);
    await gate.finishOne();
    await runner.idle();
    expect(gate.runs()).toBe(2);
  });

  it("runs again after a failed pass only when onError says so, and not once stopped", async () => {
    let stopped = false;
    let failures = 0;
    const runner = createCoalescedRunner({
      pass: async () => {
        failures++;
        if (failures >= 3) stopped = true;
        throw new Error("boom");
      },
      isStopped: () => stopped,
      onError: () => true,
    });
    runner.wake();
    await runner.idle();
    expect(failures).toBe(3);
    runner.wake();
    await runner.idle();
    expect(failures).toBe(3);

    let calls = 0;
    const quiet = createCoalescedRunner({
      pass: async () => {
        calls++;
        throw new Error("x");
      },
      isStopped: () => false,
      onError: () => false,
    });
    quiet.wake();
    await quiet.idle();
    expect(calls).toBe(1);
  });
});
