import { retryWithBackoff } from "./retry";

describe("retryWithBackoff", () => {
  it("retries with doubling delays, capped, until the attempt succeeds", async () => {
    jest.useFakeTimers();
    try {
      const calls: number[] = [];
      let failuresLeft = 4;
      const done = retryWithBackoff(
        async () => {
          calls.push(Date.now());
          if (failuresLeft-- > 0) throw new Error("down");
          return "up";
        },
        { shouldRetry: () => true, initialDelayMs: 100, maxDelayMs: 300 },
      );
      await jest.advanceTimersByTimeAsync(2_000);
      expect(await done).toBe("up");
      expect(calls.slice(1).map((at, i) => at - (calls[i] as number))).toEqual([100, 200, 300, 300]);
    } finally {
      jest.useRealTimers();
    }
  });

  it("rejects with the last error once shouldRetry says no", async () => {
    const failures: number[] = [];
    const outcome = retryWithBackoff(
      async () => {
        throw new Error(`fail ${failures.length + 1}`);
      },
      { shouldRetry: (_error, n) => failures.push(n) < 3, initialDelayMs: 1, maxDelayMs: 1 },
    );
    await expect(outcome).rejects.toThrow("fail 3");
    expect(failures).toEqual([1, 2, 3]);
  });
});
