import type { ResolvedCallingWindow } from "./calling-window";
import { CallingWindow } from "./calling-window";
import { nextOpening, windowProblem } from "./window-schedule";

const weekdays = ["mon", "tue", "wed", "thu", "fri"] as const;
const window = (overrides: Partial<ResolvedCallingWindow> = {}): ResolvedCallingWindow => ({
  start: "09:00",
  end: "20:00",
  days: [...weekdays],
  time_zones: ["America/New_York"],
  ...overrides,
});
const at = (iso: string) => new Date(iso);
const opening = (w: ResolvedCallingWindow, from: string) => {
  const next = nextOpening(w, at(from));
  return next && { opensAt: next.opensAt.toISOString(), closesAt: next.closesAt.toISOString() };
};

describe("nextOpening", () => {
  it("is now while the window is open, closing at its end that day", () => {
    // Wednesday 2026-12-02 15:00 UTC = 10:00 in New York (EST, UTC-5).
    expect(opening(window(), "2026-12-02T15:00:00.000Z")).toEqual({
      opensAt: "2026-12-02T15:00:00.000Z",
      closesAt: "2026-12-03T01:00:00.000Z",
    });
  });

  it("waits for the start the same day, and for the next listed day after the end", () => {
    expect(opening(window(), "2026-12-02T12:00:00.000Z")?.opensAt).toBe("2026-12-02T14:00:00.000Z");
    // Wednesday 21:00 in New York: Thursday 09:00.
    expect(opening(window(), "2026-12-03T02:00:00.000Z")?.opensAt).toBe("2026-12-03T14:00:00.000Z");
    // Friday 20:00 sharp is closed: the window is [start, end). Next: Monday 09:00.
    expect(opening(window(), "2026-12-05T01:00:00.000Z")?.opensAt).toBe("2026-12-07T14:00:00.000Z");
  });

  it("reads the hours in the zone's own offset, across a DST change", () => {
    // 2026-03-06 (EST, UTC-5) and 2026-03-09 (EDT, UTC-4): 09:00 local both times.
    expect(opening(window(), "2026-03-06T12:00:00.000Z")?.opensAt).toBe("2026-03-06T14:00:00.000Z");
    expect(opening(window(), "2026-03-07T12:00:00.000Z")?.opensAt).toBe("2026-03-09T13:00:00.000Z");
    // A start the spring-forward gap skips (02:30 on 2026-03-08) opens once the clock reaches it: 03:30 EDT.
    const sunday = window({ start: "02:30", end: "04:00", days: ["sun"] });
    expect(opening(sunday, "2026-03-08T05:00:00.000Z")).toEqual({
      opensAt: "2026-03-08T07:30:00.000Z",
      closesAt: "2026-03-08T08:00:00.000Z",
    });
  });

  it("runs an overnight window (end before start) into the next day", () => {
    const night = window({ start: "20:00", end: "02:00", days: ["fri"] });
    // Saturday 01:00 in New York is still Friday's window.
    expect(opening(night, "2026-12-05T06:00:00.000Z")).toEqual({
      opensAt: "2026-12-05T06:00:00.000Z",
      closesAt: "2026-12-05T07:00:00.000Z",
    });
  });

  it("keeps to the hours open in every zone of a number that spans several", () => {
    const both = window({ time_zones: ["America/New_York", "America/Los_Angeles"] });
    // 09:00 in Los Angeles is 12:00 in New York; 20:00 in New York is 17:00 in Los Angeles.
    expect(opening(both, "2026-12-02T14:00:00.000Z")).toEqual({
      opensAt: "2026-12-02T17:00:00.000Z",
      closesAt: "2026-12-03T01:00:00.000Z",
    });
  });

  it("is null when the zones never share an open hour", () => {
    expect(nextOpening(window({ start: "09:00", end: "10:00", time_zones: ["Pacific/Guam", "Pacific/Honolulu"] }), new Date())).toBeNull();
  });
});

describe("CallingWindow", () => {
  const valid = { start: "09:00", end: "20:00", days: ["mon"] };
  it("defaults timezone to null (the callee's) and accepts an IANA name", () => {
    expect(CallingWindow.parse(valid).timezone).toBeNull();
    expect(CallingWindow.parse({ ...valid, timezone: "Europe/Berlin" }).timezone).toBe("Europe/Berlin");
  });

  it("refuses a window that can never open, an unknown zone and a malformed time", () => {
    const problems = (body: unknown) => CallingWindow.safeParse(body).error?.issues.map((issue) => issue.path.join(".")) ?? [];
    expect(problems({ ...valid, days: [] })).toEqual(["days"]);
    expect(problems({ ...valid, end: "09:00" })).toEqual(["end"]);
    expect(problems({ ...valid, timezone: "Mars/Olympus_Mons" })).toEqual(["timezone"]);
    expect(problems({ ...valid, start: "9am" })).toEqual(["start"]);
    expect(problems({ ...valid, days: ["mon", "mon"] })).toEqual(["days"]);
  });
});

describe("windowProblem", () => {
  const window = { start: "09:00", end: "17:00", days: ["mon", "fri"], time_zones: ["Europe/Berlin"] };
  it("names what this runtime cannot apply, and nothing for a window it can", () => {
    expect(windowProblem(window)).toBeNull();
    expect(windowProblem({ ...window, time_zones: ["Europe/Berlin", "Mars/Base"] })).toBe('unknown time zone "Mars/Base"');
    expect(windowProblem({ ...window, time_zones: [] })).toBe("it names no time zone");
    expect(windowProblem({ ...window, days: ["monday"] })).toBe('unknown day "monday"');
    expect(windowProblem({ ...window, days: [] })).toBe("it names no day");
    expect(windowProblem({ ...window, end: "25:00" })).toBe('unreadable time of day "25:00"');
  });
});
