import { nextRetryDelayMs, PRODUCTION_RETRY_SECONDS, parseRetryAfter, parseRetrySchedule } from "./retry-schedule";

describe("retry schedule", () => {
  const local = { delaysSeconds: parseRetrySchedule("1,2,4,8,16"), jitter: 0 };

  it("waits the configured seconds after each failed attempt and is exhausted after the last", () => {
    expect([1, 2, 3, 4, 5, 6].map((attempts) => nextRetryDelayMs(local, attempts, Math.random, null))).toEqual([
      1_000,
      2_000,
      4_000,
      8_000,
      16_000,
      null,
    ]);
  });

  it("in production is 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h with at most ±10 % jitter", () => {
    expect(PRODUCTION_RETRY_SECONDS).toEqual([5, 300, 1_800, 7_200, 18_000, 36_000, 36_000]);
    const policy = { delaysSeconds: [...PRODUCTION_RETRY_SECONDS], jitter: 0.1 };
    expect(nextRetryDelayMs(policy, 1, () => 0, null)).toBe(4_500);
    expect(nextRetryDelayMs(policy, 1, () => 1, null)).toBe(5_500);
    expect(nextRetryDelayMs(policy, 8, () => 0.5, null)).toBeNull();
  });

  it("lets Retry-After push the next attempt later, never earlier, and not past a day", () => {
    expect(nextRetryDelayMs(local, 1, Math.random, 120_000)).toBe(120_000);
    expect(nextRetryDelayMs(local, 5, Math.random, 1_000)).toBe(16_000);
    expect(nextRetryDelayMs(local, 1, Math.random, 10 * 86_400_000)).toBe(86_400_000);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = new Date("2026-11-27T00:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Fri, 27 Nov 2026 00:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });

  it("refuses a schedule that is not comma-separated non-negative seconds", () => {
    expect(() => parseRetrySchedule("1,x")).toThrow();
    expect(() => parseRetrySchedule("-1")).toThrow();
  });
});
