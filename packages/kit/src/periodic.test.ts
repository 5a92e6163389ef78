import { createLogger } from "./logger";
import { startPeriodic } from "./periodic";

const logger = createLogger({ service: "test", level: "silent" });
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Moves the fake clock, lets a run that came due finish, and answers how many runs there were. */
const after = async (ms: number, runs: () => number) => {
  jest.advanceTimersByTime(ms);
  await settle();
  return runs();
};

describe("startPeriodic", () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ["setImmediate"] }));
  afterEach(() => jest.useRealTimers());

  it("runs first after firstAfterMs, then every interval", async () => {
    let runs = 0;
    const task = startPeriodic({ name: "t", intervalMs: 1_000, firstAfterMs: 10, task: async () => void runs++, logger });
    expect(await after(9, () => runs)).toBe(0);
    expect(await after(1, () => runs)).toBe(1);
    expect(await after(999, () => runs)).toBe(1);
    expect(await after(1, () => runs)).toBe(2);
    await task.stop();
  });

  it("without firstAfterMs, waits one interval before the first run", async () => {
    let runs = 0;
    const task = startPeriodic({ name: "t", intervalMs: 1_000, task: async () => void runs++, logger });
    expect(await after(999, () => runs)).toBe(0);
    expect(await after(1, () => runs)).toBe(1);
    await task.stop();
  });
});
