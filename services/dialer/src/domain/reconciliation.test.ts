import { orphanAction } from "./reconciliation";

const orphan = { callId: "6ba7b810-9dad-11d1-80b4-00c04fd430c8", attempt: 1 };

describe("reconciliation of a dead instance's live attempts", () => {
  it("leaves a call the carrier accepted to the carrier's own report when the carrier keeps calls", () => {
    expect(orphanAction({ ...orphan, carrierCallId: "CA123" }, true)).toBe("leave");
  });

  it("ends a call that lived in the dead process, or that never reached the carrier", () => {
    expect(orphanAction({ ...orphan, carrierCallId: "sim-1" }, false)).toBe("end");
    expect(orphanAction({ ...orphan, carrierCallId: null }, true)).toBe("end");
    expect(orphanAction({ ...orphan, carrierCallId: null }, false)).toBe("end");
  });
});
