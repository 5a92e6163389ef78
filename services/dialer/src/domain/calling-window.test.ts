import type { ResolvedCallingWindow } from "@voxbridge/contracts";
import { queuedEvent } from "../../test/queued-event";
import { needsWake } from "./calling-window";

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
