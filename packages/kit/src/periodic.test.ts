import { createLogger } from "./logger";
import { startPeriodic } from "./periodic";

const logger = createLogger({ service: "test", level: "silent" });
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("startPeriodic", () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ["setImmediate"] }));
  afterEach(() => jest.useRealTimers());

  it("runs first after firstAfterMs, then every interval", async () => {
    let runs = 0;
    const task = startPeriodic({ name: "t", intervalMs: 1_000, firstAfterMs: 10, task: async () => void runs++, logger });
    jest.advanceTimersByTime(9);
    expect(runs).toBe(0);
    jest.advanceTimersByTime(1);
    await settle();
    expect(runs).toBe(1);
    jest.advanceTimersByTime(999);
    await settle();
    expect(runs).toBe(1);
    jest.advanceTimersByTime(1);
    await settle();
    expect(runs).toBe(2);
    await task.stop();
  });

  it("without firstAfterMs, waits one interval before the first run", async () => {
    let runs = 0;
    const task = startPeriodic({ name: "t", intervalMs: 1_000, task: async () => void runs++, logger });
    jest.advanceTimersByTime(999);
    await settle();
    expect(runs).toBe(0);
    jest.advanceTimersByTime(1);
    await settle();
    expect(runs).toBe(1);
    await task.stop();
  });
});
