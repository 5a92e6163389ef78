import { createLogger } from "@voxbridge/kit";
import { queuedEvent } from "../../test/queued-event";
import { recordingTelephony } from "../../test/telephony";
import { callingCall } from "../domain/claim";
import { dispatchDial } from "./dispatch-dial";
import { CarrierOutcomeUnknownError, type CarrierReport, type ClaimedDial } from "./ports";

// The calling window checked again right before the carrier is asked (issue 28, defect 4): the
// claim saw it open, then the talk allowance took its time, and the window closed meanwhile.
const claimedAt = new Date("2026-12-03T16:59:59.500Z");
const window = { start: "09:00", end: "17:00", days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], time_zones: ["UTC"] };

function claimed(callingWindow: typeof window): ClaimedDial {
  const queued = queuedEvent({ now: claimedAt, callingWindow });
  return { callId: queued.data.call.id, orgId: queued.data.org_id, attempt: 1, queued, call: callingCall(queued.data.call, 1, claimedAt) };
}

function harness(clockAfterAllowance: Date) {
  let clock = claimedAt;
  const reports: CarrierReport[] = [];
  const unknown: string[] = [];
  const telephony = recordingTelephony();
  const deps = {
    attempts: {
      markUnknown: async (_callId: string, _attempt: number, detail: string) => void unknown.push(detail),
      markProgress: async () => undefined,
      endAttempt: async () => null,
    },
    cancels: {
      requestCancel: async () => {
        throw new Error("no cancel in these tests");
      },
      recordCarrierId: async () => ({ cancelRequested: false }),
      takeOverdueHangUps: async () => [],
    },
    // Neither canceled nor suppressed since the claim: only the window decides here.
    beforeDial: { checkBeforeDial: async () => ({ cancelRequested: false, suppressed: false }) },
    telephony,
    paceSend: async () => undefined,
    allowance: {
      talkSecondsAllowed: async () => {
        clock = clockAfterAllowance;
        return 600;
      },
    },
    report: async (_callId: string, _attempt: number, report: CarrierReport) => void reports.push(report),
    logger: createLogger({ service: "test", level: "silent" }),
    now: () => clock,
  };
  return { deps, reports, telephony, unknown };
}

describe("dispatchDial: the calling window right before the dial", () => {
  it("does not dial when the window closed while the allowance was asked; the attempt ends, naming why", async () => {
    const { deps, reports, telephony } = harness(new Date("2026-12-03T17:00:00.200Z"));
    await dispatchDial(deps, claimed(window));
    expect(telephony.dialed).toEqual([]);
    expect(reports).toEqual([
      { kind: "ended", outcome: "error", talkSeconds: null, detail: "not dialed: the calling window closed before the carrier was asked" },
    ]);
  });

  it("does not dial a call whose window cannot be resolved", async () => {
    const { deps, reports, telephony } = harness(claimedAt);
    await dispatchDial(deps, claimed({ ...window, time_zones: ["Mars/Olympus_Mons"] }));
    expect(telephony.dialed).toEqual([]);
    expect(reports).toEqual([
      {
        kind: "ended",
        outcome: "error",
        talkSeconds: null,
        detail: expect.stringMatching(/^not dialed: Calling window .*Mars\/Olympus_Mons/),
      },
    ]);
  });

  it("dials while the window is still open", async () => {
    const { deps, reports, telephony } = harness(new Date("2026-12-03T16:59:59.900Z"));
    const dial = claimed(window);
    await dispatchDial(deps, dial);
    expect(telephony.dialed).toEqual([dial.callId]);
    expect(reports).toEqual([]);
  });
});

describe("dispatchDial: a create whose outcome is unknown (issue 28, defect 2)", () => {
  it("leaves the attempt live and marked unknown, without ending it: nobody is redialed before the carrier is asked", async () => {
    const { deps, reports, telephony, unknown } = harness(claimedAt);
    telephony.dial = async () => {
      throw new CarrierOutcomeUnknownError("Twilio answered 500");
    };
    await dispatchDial(deps, claimed({ ...window, start: "00:00", end: "23:59" }));
    expect(unknown).toEqual(["Twilio answered 500"]);
    expect(reports).toEqual([]);
  });

  it("ends the attempt as a carrier error when the create never reached the carrier", async () => {
    const { deps, reports, telephony, unknown } = harness(claimedAt);
    telephony.dial = async () => {
      throw new Error("connect ECONNREFUSED");
    };
    await dispatchDial(deps, claimed({ ...window, start: "00:00", end: "23:59" }));
    expect(unknown).toEqual([]);
    expect(reports).toEqual([{ kind: "ended", outcome: "error", talkSeconds: null, detail: "connect ECONNREFUSED" }]);
  });
});
