import { billedMinutes, billingPeriodOf, talkSecondsAllowed } from "./billing";

describe("billed minutes", () => {
  it.each([
    [null, 0],
    [0, 0],
    [1, 1],
    [59, 1],
    [60, 1],
    [61, 2],
    [3600, 60],
  ])("bills %p seconds of talk as %p minutes (every started minute)", (seconds, minutes) => {
    expect(billedMinutes(seconds)).toBe(minutes);
  });
});

describe("billing period", () => {
  it("is the month the call ended, by completed_at", () => {
    expect(billingPeriodOf({ completed_at: "2026-12-01T00:00:05Z" }, "2026-12-01T00:00:09Z")).toBe("2026-12");
    expect(billingPeriodOf({ completed_at: "2026-11-30T23:59:59Z" }, "2026-12-01T00:00:09Z")).toBe("2026-11");
  });

  it("falls back to the event's time when the call has no completed_at", () => {
    expect(billingPeriodOf({ completed_at: null }, "2027-01-01T00:00:00Z")).toBe("2027-01");
  });
});

describe("talk allowance", () => {
  it("is the org's minutes left plus the call's own hold, in seconds, never negative", () => {
    expect(talkSecondsAllowed(0, 1)).toBe(60);
    expect(talkSecondsAllowed(9, 1)).toBe(600);
    expect(talkSecondsAllowed(0, 0)).toBe(0);
    expect(talkSecondsAllowed(-3, 1)).toBe(0);
  });
});
