import { ErrorEnvelope } from "@voxbridge/contracts";
import { createLogger } from "@voxbridge/kit";
import { request } from "undici";
import { provisionOrg, startGatewayAlone, type TestOrg } from "../support/stack";

// The gateway's own request log, captured at the most verbose level, while a partner puts its key
// in the wrong places.
const lines: string[] = [];
let gateway: Awaited<ReturnType<typeof startGatewayAlone>>;
let org: TestOrg;

beforeAll(async () => {
  org = await provisionOrg();
  gateway = await startGatewayAlone(
    createLogger({ service: "gateway", level: "trace", destination: { write: (line: string) => void lines.push(line) } }),
  );
});
afterAll(() => gateway?.stop());

describe("an API key outside the Authorization header", () => {
  it("is refused with a 401 that says where keys go, and never written to the log", async () => {
    const base = gateway.url;
    for (const path of [`/v1/usage?api_key=${org.apiKey}`, `/v1/calls?key=${org.apiKey}&limit=5`, `/v1/calls/${org.apiKey}`]) {
      const response = await request(`${base}${path}`);
      const body = ErrorEnvelope.parse(await response.body.json());
      expect([path, response.statusCode, body.error.type]).toEqual([path, 401, "unauthenticated"]);
      expect(body.error.message).toContain("only in the Authorization header");
    }
    const posted = await request(`${base}/v1/calls/outbound`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": org.apiKey },
      body: JSON.stringify({ to: "+15551234567", metadata: { note: org.apiKey } }),
    });
    expect(posted.statusCode).toBe(401);
    await posted.body.dump();
    const log = lines.join("");
    expect(log).toContain("/v1/usage?api_key=");
    expect(log).not.toContain(org.apiKey.slice("sk_live_".length));
  });
});
