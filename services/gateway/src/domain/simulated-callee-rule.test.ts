import { simulatedCalleeRefusal } from "./simulated-callee-rule";

describe("simulatedCalleeRefusal", () => {
  it("refuses a script only with live telephony", () => {
    expect(simulatedCalleeRefusal(true, true)).toMatch(/^simulated_callee: /);
    expect(simulatedCalleeRefusal(false, true)).toBeNull();
    expect(simulatedCalleeRefusal(true, false)).toBeNull();
  });
});
