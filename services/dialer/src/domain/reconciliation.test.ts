import { candidateWindow, orphanAction, reconcileUnknown } from "./reconciliation";

describe("orphanAction", () => {
  const orphan = { callId: "c", attempt: 1 };
  it("leaves a call the carrier keeps and has an id for: its report, or the lookup of a lost one, ends it", () => {
    expect(orphanAction({ ...orphan, carrierCallId: "CA123" }, true)).toBe("leave");
  });
  it("asks the carrier first when the instance died between its claim and the carrier's answer", () => {
    expect(orphanAction({ ...orphan, carrierCallId: null }, true)).toBe("unknown");
  });
  it("ends a call that lived inside the dead process", () => {
    expect(orphanAction({ ...orphan, carrierCallId: "sim-1" }, false)).toBe("end");
    expect(orphanAction({ ...orphan, carrierCallId: null }, false)).toBe("end");
  });
});

describe("reconcileUnknown", () => {
  const dialedAt = new Date("2026-12-07T10:00:00Z");
  const at = (seconds: number) => new Date(dialedAt.getTime() + seconds * 1000);
  const base = { dialedAt, unknownForSeconds: 5, settleSeconds: 60 };

  it("never redials while a candidate has not ended, and adopts a lone one", () => {
    const ringing = { carrierCallId: "CA1", createdAt: at(1), ended: false };
    expect(reconcileUnknown({ ...base, candidates: [ringing] })).toEqual({ kind: "wait", adopt: ringing });
    const done = { carrierCallId: "CA2", createdAt: at(2), ended: true };
    expect(reconcileUnknown({ ...base, candidates: [done, ringing] })).toEqual({ kind: "wait", adopt: null });
  });
  it("takes the ended call created closest to the dial", () => {
    const near = { carrierCallId: "CA1", createdAt: at(1), ended: true };
    const far = { carrierCallId: "CA2", createdAt: at(40), ended: true };
    expect(reconcileUnknown({ ...base, candidates: [far, near] })).toEqual({ kind: "ended", call: near });
  });
  it("waits for the carrier's list to settle, then counts a call it never shows as never placed", () => {
    expect(reconcileUnknown({ ...base, candidates: [] })).toEqual({ kind: "wait", adopt: null });
    expect(reconcileUnknown({ ...base, unknownForSeconds: 61, candidates: [] })).toEqual({ kind: "never_placed" });
  });
});

describe("candidateWindow", () => {
  it("runs from a minute before the dial to a minute after the outcome became unknown", () => {
    const dialedAt = new Date("2026-12-07T10:00:00Z");
    const unknownSince = new Date("2026-12-07T10:00:10Z");
    expect(candidateWindow({ dialedAt, unknownSince, now: new Date("2026-12-07T11:00:00Z") })).toEqual({
      createdFrom: new Date("2026-12-07T09:59:00Z"),
      createdTo: new Date("2026-12-07T10:01:10Z"),
    });
  });
});
