import { testDatabaseUrl } from "../../../../tests/support/env";
import { callOut, type Harness, lifecycleEvent, startHarness } from "../../test/harness";
import { oldestClaimableDeliveryAge } from "./delivery-backlog";
import { createWebhooksPool } from "./prisma";

describe("oldestClaimableDeliveryAge (real Postgres)", () => {
  let harness: Harness;
  let pool: ReturnType<typeof createWebhooksPool>;
  beforeAll(() => {
    pool = createWebhooksPool(testDatabaseUrl(), 1);
  });
  afterAll(() => pool.end());
  afterEach(() => harness.stop());

  it("is the age of the oldest delivery a worker could claim: none under a lease, none held behind an earlier event", async () => {
    harness = await startHarness();
    await harness.stopWorker();
    const start = harness.clock();
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    expect(await oldestClaimableDeliveryAge(pool, start)).toBeNull();

    const call = callOut();
    for (const type of ["call.queued", "call.calling"] as const)
      await harness.receive(lifecycleEvent(type, harness.orgId, call, "https://partner.example.com/hooks"));
    expect(await oldestClaimableDeliveryAge(pool, at(90))).toBe(90);

    // A worker leases the first for 60 s and vanishes: the second is held behind it, so nothing waits for a worker...
    expect(await harness.claimAndVanish(60_000)).toHaveLength(1);
    expect(await oldestClaimableDeliveryAge(pool, at(30))).toBeNull();
    // ...until the lease runs out and the first is claimable again, due since the start.
    expect(await oldestClaimableDeliveryAge(pool, at(120))).toBe(120);
  });
});
