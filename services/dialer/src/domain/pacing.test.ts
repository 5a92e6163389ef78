import { nextClaimAt, pacingBudget, sendDelayMs } from "./pacing";

const pacing = { cps: 4, windowMs: 1_100 };
const now = new Date("2026-12-03T10:00:00.000Z");

describe("pacing", () => {
  it("takes no more than the claim's limit nor what the pacing window has left, never below zero", () => {
    expect(pacingBudget(pacing, { used: 0, oldest: null }, 10)).toBe(4);
    expect(pacingBudget(pacing, { used: 1, oldest: now }, 2)).toBe(2);
    expect(pacingBudget(pacing, { used: 4, oldest: now }, 10)).toBe(0);
    expect(pacingBudget(pacing, { used: 6, oldest: now }, 10)).toBe(0);
    // A fractional CPS rounds down: 2.5 per window is 2.
    expect(pacingBudget({ ...pacing, cps: 2.5 }, { used: 0, oldest: null }, 10)).toBe(2);
  });

  it("waits for the oldest dial to leave a spent window, else for the next future job", () => {
    const oldest = new Date(now.getTime() - 300);
    const nextDue = new Date(now.getTime() + 60_000);
    expect(nextClaimAt(pacing, { used: 2, oldest }, 2, now, nextDue)).toEqual({ at: new Date(oldest.getTime() + 1_100), paced: true });
    expect(nextClaimAt(pacing, { used: 4, oldest }, 0, now, nextDue)).toEqual({ at: new Date(oldest.getTime() + 1_100), paced: true });
    // The claim's own dials spent the window: it reopens a window after now.
    expect(nextClaimAt(pacing, { used: 0, oldest: null }, 4, now, nextDue)).toEqual({ at: new Date(now.getTime() + 1_100), paced: true });
    expect(nextClaimAt(pacing, { used: 1, oldest }, 1, now, nextDue)).toEqual({ at: nextDue, paced: false });
    expect(nextClaimAt(pacing, { used: 0, oldest: null }, 0, now, null)).toEqual({ at: null, paced: false });
  });

  it("holds a dial at the moment of sending until no window holds more than CPS of the instance's dials", () => {
    // Fewer than CPS dials so far: nothing to wait for.
    expect(sendDelayMs([], pacing, 5_000)).toBe(0);
    expect(sendDelayMs([4_000, 4_100, 4_200], pacing, 4_300)).toBe(0);
    // Four in the last 1.1 s: the next waits until the oldest of those four leaves the window.
    expect(sendDelayMs([4_000, 4_100, 4_200, 4_300], pacing, 4_400)).toBe(700);
    expect(sendDelayMs([3_000, 4_000, 4_100, 4_200, 4_300], pacing, 4_400)).toBe(700);
    // Bunched claims that arrive late are spread again: each waits for its own turn.
    expect(sendDelayMs([4_000, 4_001, 4_002, 4_003], pacing, 5_100)).toBe(0);
    expect(sendDelayMs([4_001, 4_002, 4_003, 5_100], pacing, 5_100)).toBe(1);
    // A fractional CPS rounds down, as the claim's budget does.
    expect(sendDelayMs([4_000, 4_500], { ...pacing, cps: 2.5 }, 4_600)).toBe(500);
  });
});
