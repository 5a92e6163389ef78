import { readinessOf } from "./readiness";

describe("readinessOf", () => {
  it("is ready when every dependency readiness waits on answers, whatever the diagnosed ones say", () => {
    expect(
      readinessOf(false, [
        { name: "postgres", gatesReadiness: true, ok: true },
        { name: "kafka", gatesReadiness: false, ok: false },
        { name: "redis", gatesReadiness: false, ok: false },
      ]),
    ).toBe("ready");
  });

  it("is unavailable when a dependency readiness waits on fails", () => {
    expect(
      readinessOf(false, [
        { name: "postgres", gatesReadiness: true, ok: false },
        { name: "kafka", gatesReadiness: false, ok: true },
      ]),
    ).toBe("unavailable");
  });

  it("is draining after SIGTERM even with every dependency answering", () => {
    expect(readinessOf(true, [{ name: "postgres", gatesReadiness: true, ok: true }])).toBe("draining");
  });

  it("is ready with no dependencies at all", () => {
    expect(readinessOf(false, [])).toBe("ready");
  });
});
