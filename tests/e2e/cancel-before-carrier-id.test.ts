import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CallOut } from "@voxbridge/contracts";
import { twilioSignature } from "@voxbridge/dialer/twilio";
import pg from "pg";
import { request } from "undici";
import { type ApiClient, apiClient } from "../support/api-client";
import { testDatabaseUrl } from "../support/env";
import { eventually } from "../support/eventually";
import { startKafkaProbe } from "../support/kafka-probe";
import { provisionOrg, startStack, type TestStack } from "../support/stack";
import { createCall, finalCall, getCall } from "./dialer-support";

// The race of issue 28: a cancel that lands while the carrier has not yet answered the dialer's
// create, so there is no carrier call id to hang up. The dialer must hang up the moment the id arrives.
const SID = "AC00000000000000000000000000000077";
const TOKEN = "twilio-test-token";
const PUBLIC_URL = "https://dialer.example.test";

type HeldCreate = { form: URLSearchParams; sid: string; release: () => void };
const creates: HeldCreate[] = [];
const hangups: { sid: string; form: URLSearchParams }[] = [];
let fakeTwilio: Server;
let stack: TestStack;
let api: ApiClient;
let db: pg.Pool;
let probe: Awaited<ReturnType<typeof startKafkaProbe>>;

beforeAll(async () => {
  // Twilio's REST API as the dialer sees it, except that a create is answered only when the test
  // releases it (a slow carrier); every update of a call (the hang-up) is recorded and answered.
  fakeTwilio = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    req.on("end", () => {
      const auth = `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString("base64")}`;
      const base = `/2010-04-01/Accounts/${SID}/Calls`;
      if (req.headers.authorization !== auth) {
        res.writeHead(401).end("{}");
        return;
      }
      if (req.url === `${base}.json`) {
        const sid = `CA${String(creates.length + 1).padStart(32, "0")}`;
        creates.push({
          form: new URLSearchParams(text),
          sid,
          release: () => {
            if (!res.headersSent) res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ sid, status: "queued" }));
          },
        });
        return;
      }
      const update = req.url?.match(new RegExp(`^${base}/(CA[0-9a-f]{32})\\.json$`));
      if (update?.[1]) {
        hangups.push({ sid: update[1], form: new URLSearchParams(text) });
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ sid: update[1], status: "completed" }));
        return;
      }
      res.writeHead(404).end("{}");
    });
  });
  await new Promise<void>((resolve) => fakeTwilio.listen(0, "127.0.0.1", resolve));
  stack = await startStack({
    TELEPHONY_ADAPTER: "twilio",
    TWILIO_ACCOUNT_SID: SID,
    TWILIO_AUTH_TOKEN: TOKEN,
    TWILIO_API_BASE_URL: `http://127.0.0.1:${(fakeTwilio.address() as AddressInfo).port}`,
    DIALER_PUBLIC_URL: PUBLIC_URL,
  });
  api = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 100 })).apiKey);
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  probe = await startKafkaProbe(stack.topics.callEvents);
});

afterAll(async () => {
  for (const create of creates) create.release();
  await probe?.stop();
  await stack?.stop();
  await db?.end();
  fakeTwilio?.closeAllConnections();
  await new Promise((resolve) => fakeTwilio?.close(resolve));
});

/** Twilio's signed status callback for a create, sent to the stack's dialer. */
async function callback(create: HeldCreate, params: Record<string, string>) {
  const url = new URL(create.form.get("StatusCallback") ?? "");
  const body = { CallSid: create.sid, AccountSid: SID, ...params };
  const response = await request(`${stack.serviceUrls.dialer}${url.pathname}${url.search}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(TOKEN, url.toString(), body) },
    body: new URLSearchParams(body).toString(),
  });
  await response.body.dump();
  return response.statusCode;
}

describe("a cancel that arrives before the carrier's call id", () => {
  it("is carried out when the id arrives: the call is hung up at once and ends canceled with the talk time it had", async () => {
    const created = await createCall(api, { to: "+14155550150", from: "+14155550199" });
    const create = await eventually("the create at Twilio", async () => creates.find((c) => c.form.get("To") === "+14155550150"));
    await eventually("the record to show the call dialing", async () => (await getCall(api, created.id)).status === "calling");

    const response = await api.post(`/v1/calls/${created.id}/cancel`);
    expect(response.status).toBe(202);
    expect(CallOut.parse(response.body)).toMatchObject({ status: "calling", cancel_requested_at: expect.any(String) });
    // The dialer has the request while its create is still unanswered: no carrier id to hang up yet.
    await eventually(
      "the dialer to record the request",
      async () =>
        (await db.query("SELECT cancel_requested FROM dialer.dial_jobs WHERE call_id = $1", [created.id])).rows[0]?.cancel_requested,
    );
    expect(hangups).toEqual([]);

    create.release();
    const hangup = await eventually("the hang-up at Twilio", async () => hangups.find((h) => h.sid === create.sid));
    expect(hangup.form.get("Status")).toBe("completed");

    // What Twilio reports of a call that was answered and hung up three seconds in.
    expect(await callback(create, { CallStatus: "completed", CallDuration: "3" })).toBe(204);
    expect(await finalCall(api, created.id)).toMatchObject({ status: "canceled", disposition: "canceled", duration_seconds: 3 });
    const terminal = await eventually("the terminal event", async () => {
      const seen = probe.seen.filter(
        (s) => s.event.subject === created.id && ["call.completed", "call.failed", "call.canceled"].includes(s.event.type),
      );
      return seen.length > 0 ? seen : null;
    });
    expect(terminal.map((s) => [s.event.type, s.event.data.call.duration_seconds])).toEqual([["call.canceled", 3]]);
  });
});
