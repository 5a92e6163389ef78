import { beforeDial } from "./before-dial";

describe("the last look before dialing", () => {
  it("dials only a call with no cancel request whose number is not suppressed", () => {
    expect(beforeDial({ cancelRequested: false, suppressed: false })).toBe("dial");
    expect(beforeDial({ cancelRequested: true, suppressed: false })).toBe("canceled");
    // A suppression wins: the call ends with the disposition that says why it was never dialed.
    expect(beforeDial({ cancelRequested: true, suppressed: true })).toBe("suppressed");
    expect(beforeDial({ cancelRequested: false, suppressed: true })).toBe("suppressed");
  });
});
