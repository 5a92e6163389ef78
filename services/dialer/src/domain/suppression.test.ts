import { newCallOut } from "@voxbridge/contracts";
import { suppressedCall } from "./suppression";

describe("suppression", () => {
  it("cancels a waiting call to a suppressed number with disposition suppressed and no next attempt", () => {
    const call = newCallOut({
      id: "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
      agent_id: "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
      to_number: "+14155550100",
      created_at: "2026-12-03T09:00:00.000Z",
      status: "calling",
      attempt_count: 1,
      disposition: "no_answer",
      error_message: "No answer",
      next_attempt_at: "2026-12-03T10:00:00.000Z",
    });
    const at = new Date("2026-12-03T09:30:00.000Z");
    expect(suppressedCall(call, at)).toMatchObject({
      status: "canceled",
      disposition: "suppressed",
      error_message: null,
      next_attempt_at: null,
      completed_at: at.toISOString(),
      attempt_count: 1,
    });
  });
});
