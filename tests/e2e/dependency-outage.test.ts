import { createLogger } from "@voxbridge/kit";
import pg from "pg";
import { apiClient, errorType } from "../support/api-client";
import { testDatabaseUrl } from "../support/env";
import { provisionOrg, startGatewayAlone } from "../support/stack";

let gateway: Awaited<ReturnType<typeof startGatewayAlone>>;

// Nothing listens at the gateway's QUOTA_URL: the quota service is down.
beforeAll(async () => {
  gateway = await startGatewayAlone(createLogger({ service: "gateway", level: "silent" }));
});
afterAll(() => gateway?.stop());

describe("gateway while the quota service is down", () => {
  it("answers 503 dependency_unavailable for new calls and 503 for usage, and writes nothing", async () => {
    const org = await provisionOrg();
    const api = apiClient(gateway.url, org.apiKey);
    const created = await api.post("/v1/calls/outbound", { to: "+15551234567" });
    expect([created.status, errorType(created)]).toEqual([503, "dependency_unavailable"]);
    const usage = await api.get("/v1/usage");
    expect([usage.status, errorType(usage)]).toEqual([503, "dependency_unavailable"]);
    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    const { rows } = await db.query("SELECT count(*)::int AS n FROM gateway.calls WHERE org_id = $1", [org.orgId]);
    await db.end();
    expect(rows[0].n).toBe(0);
    // Reads that need no quota keep working.
    expect((await api.get("/v1/calls")).status).toBe(200);
  });
});
