import { type RunningDialer, startDialer } from "@voxbridge/dialer";
import { loadDialerConfig } from "@voxbridge/dialer/config";
import { apiClient } from "../support/api-client";
import { eventually } from "../support/eventually";
import { provisionOrg, stackEnv, startStack, type TestStack } from "../support/stack";
import { playSilentMediaLeg, startTwilioStandIn, type TwilioStandIn } from "../support/twilio-standin";
import { createCall, finalCall, getCall } from "./dialer-support";

// Issue 28, defect 2, second case: a dialer that dies between its claim and Twilio's answer to the
// create. Twilio placed the call, but nobody has its id. The next dialer must find the attempt,
// ask Twilio before any redial, wait while the call is live, and end the attempt with its talk.
const FROM = "+15550002000";
const TO = "+15550203001";
let standIn: TwilioStandIn;
let stack: TestStack;
let successor: RunningDialer | undefined;
let callbackTarget = "";

const env = (standInUrl: string, sid: string, token: string) => ({
  TELEPHONY_ADAPTER: "twilio",
  TWILIO_ACCOUNT_SID: sid,
  TWILIO_AUTH_TOKEN: token,
  TWILIO_API_BASE_URL: standInUrl,
  DIALER_PUBLIC_URL: "https://dialer.example.test",
  // The victim waits on its create far longer than the test runs: only its death ends the wait.
  TWILIO_TIMEOUT_MS: "60000",
  DIALER_RECONCILE_SECONDS: "0.2",
  DIALER_CALLBACK_GRACE_SECONDS: "30",
  DIALER_UNKNOWN_SETTLE_SECONDS: "1",
  DIALER_INSTANCE_LEASE_SECONDS: "3",
});

beforeAll(async () => {
  standIn = await startTwilioStandIn({ callbackBase: () => callbackTarget });
  stack = await startStack(env(standIn.url, standIn.accountSid, standIn.authToken));
  callbackTarget = stack.serviceUrls.dialer;
});
afterAll(async () => {
  await successor?.stop();
  await stack?.stop();
  await standIn?.close();
});

describe("a dialer killed between its claim and the carrier's answer", () => {
  it("leaves an unknown outcome that the next dialer reconciles: one dial, the talk billed", async () => {
    const api = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 100 })).apiKey);
    standIn.nextCreate("created-then-hold");
    const { id } = await createCall(api, { to: TO, from: FROM, max_attempts: 3 });
    const [call] = await eventually("the create at Twilio", async () => (standIn.calls.length > 0 ? standIn.calls : null));
    if (!call) throw new Error("no create");

    // The dialer dies while Twilio holds its answer; the call exists at Twilio, with no id anywhere.
    await stack.crashDialer();
    standIn.drop();
    successor = await startDialer(
      loadDialerConfig({
        ...stackEnv(stack.topicPrefix, env(standIn.url, standIn.accountSid, standIn.authToken)),
        QUOTA_URL: stack.serviceUrls.quota,
        DIALER_PORT: "0",
        MANAGEMENT_PORT: "0",
      }),
    );
    callbackTarget = `http://127.0.0.1:${successor.port}`;

    // The successor finds the orphan, asks Twilio, sees the call still queued there and waits.
    await eventually("the successor asking Twilio", async () => (standIn.listRequests() > 0 ? true : null), 30_000);
    // Proof that it looked again and again, deciding each time to wait, rather than a sleep.
    const seen = standIn.lookups();
    await eventually("three more lookups at Twilio", async () => (standIn.lookups() >= seen + 3 ? true : null));
    expect(standIn.calls).toHaveLength(1);
    expect((await getCall(api, id)).status).toBe("calling");

    expect(await standIn.advance(call.json.sid, "in-progress")).toBe(204);
    await playSilentMediaLeg(call, `${stack.serviceUrls.voice.replace("http", "ws")}/media`);
    expect(await standIn.advance(call.json.sid, "completed", { duration: 64 })).toBe(204);
    const ended = await finalCall(api, id);
    expect([ended.status, ended.duration_seconds, ended.attempt_count]).toEqual(["completed", 64, 1]);
    expect(standIn.calls).toHaveLength(1);
  });
});
