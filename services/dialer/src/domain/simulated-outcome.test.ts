import { sandboxCallee, simulatedOutcome } from "./simulated-outcome";

describe("the sandbox numbers", () => {
  it("pick the outcome by the last four digits", () => {
    expect(["+14155550001", "+14155550002", "+14155550003", "+14155550004", "+14155550005", "+14155557654"].map(simulatedOutcome)).toEqual([
      "no_answer",
      "busy",
      "rejected",
      "voicemail",
      "opt_out",
      "completed",
    ]);
  });

  it("answer with the call's scripted callee, and on the opt-out number with one who asks out loud not to be called", () => {
    const script = { answers: { day: "monday" }, interrupts: true };
    expect(sandboxCallee("completed", script)).toBe(script);
    expect(sandboxCallee("completed", null)).toEqual({});
    expect(sandboxCallee("opt_out", null)).toEqual({ silent: false, opt_out: true });
    expect(sandboxCallee("opt_out", { ...script, silent: true })).toEqual({ ...script, silent: false, opt_out: true });
  });
});
