import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type RunningDialer, startDialer } from "@voxbridge/dialer";
import { loadDialerConfig } from "@voxbridge/dialer/config";
import { twilioSignature } from "@voxbridge/dialer/twilio";
import { request } from "undici";
import { type ApiClient, apiClient } from "../support/api-client";
import { testDatabaseUrl, testKafkaBrokers, testRedisUrl } from "../support/env";
import { eventually } from "../support/eventually";
import { provisionOrg, startStack, type TestStack } from "../support/stack";
import { playSilentMediaLeg } from "../support/twilio-standin";
import { createCall, finalCall } from "./dialer-support";

const SID = "AC00000000000000000000000000000099";
const TOKEN = "twilio-test-token";
const PUBLIC_URL = "https://dialer.example.test";

type CreatedCall = { form: URLSearchParams; sid: string };
const created: CreatedCall[] = [];
let fakeTwilio: Server;
let stack: TestStack;
let instance: RunningDialer;
let api: ApiClient;

beforeAll(async () => {
  // Twilio's REST API as the dialer sees it: every create recorded, answered with a call sid.
  fakeTwilio = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    req.on("end", () => {
      const auth = `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString("base64")}`;
      if (req.headers.authorization !== auth || req.url !== `/2010-04-01/Accounts/${SID}/Calls.json`) {
        res.writeHead(401).end("{}");
        return;
      }
      const sid = `CA${String(created.length + 1).padStart(32, "0")}`;
      created.push({ form: new URLSearchParams(text), sid });
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ sid, status: "queued" }));
    });
  });
  await new Promise<void>((resolve) => fakeTwilio.listen(0, "127.0.0.1", resolve));
  const env = {
    TELEPHONY_ADAPTER: "twilio",
    TWILIO_ACCOUNT_SID: SID,
    TWILIO_AUTH_TOKEN: TOKEN,
    TWILIO_API_BASE_URL: `http://127.0.0.1:${(fakeTwilio.address() as AddressInfo).port}`,
    DIALER_PUBLIC_URL: PUBLIC_URL,
    DIALER_RETRY_DELAY_SECONDS: "0.1",
  };
  stack = await startStack(env);
  // A second instance whose port we know: Twilio's callbacks may reach any instance.
  instance = await startDialer(
    loadDialerConfig({
      ...env,
      DATABASE_URL: testDatabaseUrl(),
      REDIS_URL: testRedisUrl(),
      KAFKA_BROKERS: testKafkaBrokers().join(","),
      KAFKA_TOPIC_PREFIX: stack.topicPrefix,
      DIALER_GROUP_ID: `${stack.topicPrefix}dialer`,
      DIALER_PORT: "0",
      MANAGEMENT_PORT: "0",
      DB_POOL_SIZE: "3",
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    }),
  );
  api = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 100 })).apiKey);
});

afterAll(async () => {
  await instance?.stop();
  await stack?.stop();
  await new Promise((resolve) => fakeTwilio?.close(resolve));
});

/** Twilio's status callback for one create, signed as Twilio signs it, sent to a dialer instance. */
async function callback(call: CreatedCall, params: Record<string, string>, signature?: string) {
  const url = new URL(call.form.get("StatusCallback") ?? "");
  const body = { CallSid: call.sid, AccountSid: SID, ...params };
  const response = await request(`http://127.0.0.1:${instance.port}${url.pathname}${url.search}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": signature ?? twilioSignature(TOKEN, url.toString(), body),
    },
    body: new URLSearchParams(body).toString(),
  });
  await response.body.dump();
  return response.statusCode;
}

const createFor = (to: string) =>
  eventually(`Twilio create for ${to}`, async () => {
    const found = created.filter((c) => c.form.get("To") === to);
    return found.length > 0 ? found : null;
  });

describe("dialer with the Twilio adapter: status callbacks drive the same state machine", () => {
  it("creates the call at Twilio with a slim TwiML and completes it from signed callbacks and the conversation's report", async () => {
    // An agent with the longest prompt the API takes: the TwiML carries none of it.
    const agent = await api.post("/v1/agents", {
      name: "long",
      system_prompt: "Ask about the visit politely. ".repeat(700).slice(0, 20_000),
    });
    expect(agent.status).toBe(201);
    const call = await createCall(api, { to: "+14155550120", from: "+14155550199", agent_id: (agent.body as { id: string }).id });
    const [create] = await createFor("+14155550120");
    if (!create) throw new Error("no create");
    expect(create.form.get("From")).toBe("+14155550199");
    expect(create.form.get("StatusCallback")).toBe(`${PUBLIC_URL}/twilio/status?call_id=${call.id}&attempt=1`);
    const twiml = create.form.get("Twiml") ?? "";
    expect(twiml.length).toBeLessThan(4_000);
    const parameters = Object.fromEntries([...twiml.matchAll(/<Parameter name="(\w+)" value="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]));
    expect(Object.keys(parameters)).toEqual(["call_id", "attempt", "token"]);

    expect(await callback(create, { CallStatus: "completed", CallDuration: "30" }, "forged")).toBe(401);
    expect(await callback(create, { CallStatus: "ringing" })).toBe(204);
    expect(await callback(create, { CallStatus: "in-progress" })).toBe(204);
    // Twilio's media leg: the stream the TwiML names, to the voice service, which the callee hangs up after a moment.
    await playSilentMediaLeg(create, `${stack.serviceUrls.voice.replace("http", "ws")}/media`, 50);
    expect(await callback(create, { CallStatus: "completed", CallDuration: "42" })).toBe(204);
    // Twilio retries callbacks: a duplicate changes nothing.
    expect(await callback(create, { CallStatus: "completed", CallDuration: "42" })).toBe(204);
    expect(await finalCall(api, call.id)).toMatchObject({
      status: "completed",
      disposition: "completed",
      duration_seconds: 42,
      attempt_count: 1,
    });
  });

  it("retries busy as a new Twilio call and fails on Twilio's failed status without retrying", async () => {
    const call = await createCall(api, { to: "+14155550121", from: "+14155550199", max_attempts: 3 });
    const [first] = await createFor("+14155550121");
    if (!first) throw new Error("no create");
    expect(await callback(first, { CallStatus: "busy" })).toBe(204);
    const second = (
      await eventually("the retry's create", async () => {
        const all = created.filter((c) => c.form.get("To") === "+14155550121");
        return all.length === 2 ? all : null;
      })
    )[1];
    if (!second) throw new Error("no retry");
    expect(second.form.get("StatusCallback")).toContain("attempt=2");
    expect(await callback(second, { CallStatus: "failed", ErrorMessage: "unreachable" })).toBe(204);
    expect(await finalCall(api, call.id)).toMatchObject({ status: "failed", disposition: "rejected", attempt_count: 2 });
    expect(created.filter((c) => c.form.get("To") === "+14155550121")).toHaveLength(2);
  });
});
