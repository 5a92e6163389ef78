import type { TalkAllowance } from "./ports";
import { withPrefetch } from "./prefetched-allowance";

/** A quota that answers 300 s and counts the questions. */
const countingQuota = () => {
  const asked: string[] = [];
  const quota: TalkAllowance = {
    talkSecondsAllowed: async (_orgId, callId) => {
      asked.push(callId);
      return 300;
    },
  };
  return { quota, asked };
};

describe("the prefetched talk allowance", () => {
  it("uses the allowance call.queued carried for the first attempt without asking quota, then asks for a retry", async () => {
    const { quota, asked } = countingQuota();
    const allowance = withPrefetch(quota);
    allowance.prefetch("org", "call", 120);
    expect(await allowance.talkSecondsAllowed("org", "call")).toBe(120);
    expect(asked).toEqual([]);
    expect(await allowance.talkSecondsAllowed("org", "call")).toBe(300);
    expect(asked).toEqual(["call"]);
  });

  it("asks quota ahead, once, for an event without an allowance", async () => {
    const { quota, asked } = countingQuota();
    const allowance = withPrefetch(quota);
    allowance.prefetch("org", "call");
    allowance.prefetch("org", "call");
    expect(asked).toEqual(["call"]);
    expect(await allowance.talkSecondsAllowed("org", "call")).toBe(300);
    expect(asked).toEqual(["call"]);
  });

  it("drops an answer left unused past its lifetime, so an old allowance is never used", async () => {
    const { quota, asked } = countingQuota();
    const allowance = withPrefetch(quota, 0);
    allowance.prefetch("org", "old", 60);
    await new Promise((resolve) => setTimeout(resolve, 5));
    allowance.prefetch("org", "other", 60);
    expect(await allowance.talkSecondsAllowed("org", "old")).toBe(300);
    expect(asked).toEqual(["old"]);
  });
});
