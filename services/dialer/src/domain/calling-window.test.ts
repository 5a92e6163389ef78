import type { ResolvedCallingWindow } from "@voxbridge/contracts";
import { queuedEvent } from "../../test/queued-event";
import { dueWithin, isUnresolvable, jobTimer, needsWake, windowAt } from "./calling-window";

const now = new Date("2026-12-03T10:00:00.000Z");
const queuedFor = (scheduledAt: string, callingWindow: ResolvedCallingWindow | null = null) =>
  queuedEvent({ now, call: { scheduled_at: scheduledAt }, callingWindow });

describe("which new jobs wake the schedulers", () => {
  it("wakes for a job due now or before the next safety poll, not for a later one", () => {
    expect(needsWake(queuedFor("2026-12-03T09:59:00.000Z"), now, 2_000)).toBe(true);
    expect(needsWake(queuedFor("2026-12-03T10:00:02.000Z"), now, 2_000)).toBe(true);
    expect(needsWake(queuedFor("2026-12-03T10:00:02.001Z"), now, 2_000)).toBe(false);
    expect(needsWake(queuedFor("2026-12-04T10:00:00.000Z"), now, 2_000)).toBe(false);
  });

  it("goes by the calling window's next opening, not by the schedule time alone", () => {
    // Due now by its schedule, but the window (09:00–17:00 in Los Angeles, 02:00 there now) opens hours later.
    const window: ResolvedCallingWindow = {
      start: "09:00",
      end: "17:00",
      days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
      time_zones: ["America/Los_Angeles"],
    };
    expect(needsWake(queuedFor("2026-12-03T09:59:00.000Z", window), now, 2_000)).toBe(false);
  });
});

describe("a calling window that cannot be resolved fails closed (issue 28, defect 4)", () => {
  const open: ResolvedCallingWindow = {
    start: "00:00",
    end: "23:59",
    days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    time_zones: ["UTC"],
  };
  const reasonOf = (window: ResolvedCallingWindow) => {
    const due = dueWithin(window, now);
    return isUnresolvable(due) ? due.unresolvable : null;
  };

  it("never means 'any time': an unknown zone, an unknown weekday, an unreadable time, hours that never overlap", () => {
    expect(reasonOf({ ...open, time_zones: ["Mars/Olympus_Mons"] })).toBe(
      'Calling window 00:00–23:59 mon,tue,wed,thu,fri,sat,sun (Mars/Olympus_Mons) cannot be applied: unknown time zone "Mars/Olympus_Mons"',
    );
    expect(reasonOf({ ...open, days: ["mon", "hol"] })).toMatch(/^Calling window .* cannot be applied: unknown day "hol"$/);
    expect(reasonOf({ ...open, start: "9am" })).toMatch(/cannot be applied: unreadable time of day "9am"$/);
    // 09:00–10:00 in Tokyo and in New York never overlap.
    expect(reasonOf({ start: "09:00", end: "10:00", days: ["mon"], time_zones: ["Asia/Tokyo", "America/New_York"] })).toMatch(
      /cannot be applied: its hours never overlap in its time zones$/,
    );
    expect(reasonOf(open)).toBeNull();
  });

  it("stores such a job as closed since ever (never claimed, ended by the sweep), and says closed or open right before a dial", () => {
    const bad = dueWithin({ ...open, time_zones: ["Nowhere/At_All"] }, now);
    expect(jobTimer(bad, now)).toEqual({ dueAt: now, windowClosesAt: new Date(0) });
    expect(windowAt({ ...open, time_zones: ["Nowhere/At_All"] }, now)).toEqual({ unresolvable: expect.stringContaining("Nowhere/At_All") });
    expect(windowAt(open, now)).toBe("open");
    expect(windowAt(null, now)).toBe("open");
    // 10:00 UTC now; a window 11:00–12:00 UTC opens later.
    expect(windowAt({ ...open, start: "11:00", end: "12:00" }, now)).toBe("closed");
  });

  it("wakes nobody for a job whose window cannot be resolved", () => {
    expect(needsWake(queuedFor("2026-12-03T09:59:00.000Z", { ...open, time_zones: ["Mars/Olympus_Mons"] }), now, 2_000)).toBe(false);
  });
});
