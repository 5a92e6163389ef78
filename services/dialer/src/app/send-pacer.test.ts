import { createSendPacer } from "./send-pacer";

/** A clock that moves only when the pacer sleeps, so each dial's turn is exact. */
function fakeClock(start = 0) {
  const clock = {
    at: start,
    now: () => clock.at,
    sleep: async (ms: number) => {
      clock.at += ms;
    },
  };
  return clock;
}

describe("send pacer", () => {
  it("lets dials in pace through at once and spreads a bunch to CPS per window, in the order they asked", async () => {
    const clock = fakeClock();
    const pace = createSendPacer({ cps: 2, windowMs: 1_100 }, clock);
    const order: [number, number][] = [];
    // Six dials ask together (claims bunched by a busy host): two per window.
    await Promise.all(Array.from({ length: 6 }, (_, i) => pace().then(() => order.push([i, clock.now()]))));
    expect(order).toEqual([
      [0, 0],
      [1, 0],
      [2, 1_100],
      [3, 1_100],
      [4, 2_200],
      [5, 2_200],
    ]);
  });

  it("does not hold a dial whose window has room, however many went before", async () => {
    const clock = fakeClock();
    const pace = createSendPacer({ cps: 2, windowMs: 1_100 }, clock);
    await pace();
    clock.at = 600;
    await pace();
    clock.at = 1_200;
    await pace();
    expect(clock.now()).toBe(1_200);
    // The window from 600 holds two: the next waits for 600 to leave it.
    await pace();
    expect(clock.now()).toBe(1_700);
  });
});
