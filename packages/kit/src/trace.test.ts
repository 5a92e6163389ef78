import { createLogger } from "./logger";
import { currentTraceparent, isTraceparent, newTraceparent, traceHeader, traceIdOf, withTrace } from "./trace";

const PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

describe("trace context", () => {
  it("accepts only well-formed version-00 traceparents with non-zero ids", () => {
    expect(isTraceparent(PARENT)).toBe(true);
    for (const bad of [
      undefined,
      "",
      "00-abc-def-01",
      `01${PARENT.slice(2)}`,
      `00-${"0".repeat(32)}-00f067aa0ba902b7-01`,
      `00-4bf92f3577b34da6a3ce929d0e0e4736-${"0".repeat(16)}-01`,
    ])
      expect([bad, isTraceparent(bad)]).toEqual([bad, false]);
  });

  it("continues a caller's trace with a new parent id, or starts a new trace", () => {
    const child = newTraceparent(PARENT);
    expect(traceIdOf(child)).toBe(traceIdOf(PARENT));
    expect(child).not.toBe(PARENT);
    expect(isTraceparent(child)).toBe(true);
    expect(traceIdOf(newTraceparent("garbage"))).not.toBe(traceIdOf(PARENT));
  });

  it("keeps the trace across awaits inside withTrace, sends a child of it, and names it in every log line", async () => {
    const lines: string[] = [];
    const logger = createLogger({ service: "test", level: "info", destination: { write: (line: string) => void lines.push(line) } });
    await withTrace(PARENT, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentTraceparent()).toBe(PARENT);
      expect(traceIdOf(traceHeader().traceparent ?? "")).toBe(traceIdOf(PARENT));
      logger.info("inside");
    });
    logger.info("outside");
    expect(currentTraceparent()).toBeUndefined();
    expect(traceHeader()).toEqual({});
    const [inside, outside] = lines.map((line) => JSON.parse(line) as { traceId?: string });
    expect(inside?.traceId).toBe(traceIdOf(PARENT));
    expect(outside?.traceId).toBeUndefined();
  });
});
