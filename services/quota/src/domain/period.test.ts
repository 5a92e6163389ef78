import { nextPeriod, periodBounds, periodOf } from "./period";

describe("billing period", () => {
  it("is the UTC calendar month, whatever the local offset", () => {
    expect(periodOf(new Date("2026-11-30T23:59:59.999Z"))).toBe("2026-11");
    expect(periodOf(new Date("2026-12-01T00:00:00.000Z"))).toBe("2026-12");
    expect(periodOf(new Date("2026-12-01T00:30:00.000+01:00"))).toBe("2026-11");
  });

  it("spans from the 1st 00:00 UTC to the next 1st, across a year end", () => {
    expect(periodBounds("2026-12")).toEqual({ start: new Date("2026-12-01T00:00:00Z"), end: new Date("2027-01-01T00:00:00Z") });
  });

  it("is followed by the next month, December by January", () => {
    expect(nextPeriod("2026-11")).toBe("2026-12");
    expect(nextPeriod("2026-12")).toBe("2027-01");
  });
});
