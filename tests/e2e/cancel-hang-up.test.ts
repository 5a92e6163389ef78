import { UsageOut } from "@voxbridge/contracts";
import { type RunningDialer, startDialer } from "@voxbridge/dialer";
import { loadDialerConfig } from "@voxbridge/dialer/config";
import { prepareCallee } from "@voxbridge/speech/callee";
import { createLocalSynthesizer } from "@voxbridge/speech/flite";
import pg from "pg";
import { type ApiClient, apiClient } from "../support/api-client";
import { testDatabaseUrl } from "../support/env";
import { eventually } from "../support/eventually";
import { provisionOrg, stackEnv, startStack, type TestStack } from "../support/stack";
import { openMediaLeg, type StandInCall, startTwilioStandIn, type TwilioStandIn } from "../support/twilio-standin";
import { createCall, finalCall, getCall } from "./dialer-support";

// A cancel's hang-up is kept in the call's dial job, not in a timer of the dialer instance that took
// the request: housekeeping asks the carrier to hang up a canceled call still live a closing time
// after the request, and again each closing time until the carrier reports its end. So a hang-up
// Twilio refused is asked again, and a dialer killed during the agent's closing line leaves the
// hang-up to the next instance.
const FROM = "+15550004000";
let standIn: TwilioStandIn;
let stack: TestStack;
let successor: RunningDialer | undefined;
let callbackTarget = "";
let db: pg.Pool;
let api: ApiClient;

const env = () => ({
  ...standIn.dialerEnv(FROM),
  DIALER_PUBLIC_URL: "https://dialer.example.test",
  DIALER_CANCEL_CLOSING_SECONDS: "3",
  DIALER_INSTANCE_LEASE_SECONDS: "3",
  // No lookups at Twilio during these tests: only the hang-ups are in question.
  DIALER_CALLBACK_GRACE_SECONDS: "120",
});

beforeAll(async () => {
  standIn = await startTwilioStandIn({ callbackBase: () => callbackTarget });
  stack = await startStack(env());
  callbackTarget = stack.serviceUrls.dialer;
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
  api = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 100 })).apiKey);
});
afterAll(async () => {
  await successor?.stop();
  await stack?.stop();
  await standIn?.close();
  await db?.end();
});

const createdAtTwilio = async (to: string): Promise<StandInCall> =>
  eventually(`the create to ${to} at Twilio`, async () => standIn.calls.find((c) => c.json.to === to) ?? null);
const hangUpsOf = (call: StandInCall) => standIn.updates.filter((u) => u.sid === call.json.sid);

describe("a cancel's hang-up, kept by the dialer until the carrier ends the call", () => {
  it("asks again after the closing time when Twilio refused the hang-up, and the call ends canceled", async () => {
    const { id } = await createCall(api, { to: "+15550404001", from: FROM });
    const call = await createdAtTwilio("+15550404001");
    expect(await standIn.advance(call.json.sid, "ringing")).toBe(204);
    await eventually("the record to show it dialed", async () => (await getCall(api, id)).status === "calling");

    standIn.refuseUpdates(1);
    expect((await api.post(`/v1/calls/${id}/cancel`)).status).toBe(202);
    const asked = await eventually("a second hang-up", async () => (hangUpsOf(call).length >= 2 ? hangUpsOf(call) : null), 20_000);
    expect(asked.map((u) => u.form.get("Status"))).toEqual(["completed", "completed"]);

    // Twilio ends a ringing call it was asked to hang up as canceled.
    expect(await standIn.advance(call.json.sid, "canceled")).toBe(204);
    const ended = await finalCall(api, id);
    expect([ended.status, ended.disposition, ended.duration_seconds, ended.attempt_count]).toEqual(["canceled", "canceled", null, 1]);
    expect(standIn.calls.filter((c) => c.json.to === "+15550404001")).toHaveLength(1);
  });

  it("is asked by the next dialer when the one that took the cancel dies during the agent's closing line, and the talk is billed", async () => {
    // An agent with a question: it is waiting for the answer when the partner cancels.
    const agent = await api.post("/v1/agents", {
      name: "reminders",
      system_prompt: "You ask about reminders.",
      answer_schema: {
        type: "object",
        properties: { reminder: { type: "boolean", description: "Do you want a reminder text" } },
        required: ["reminder"],
      },
    });
    expect(agent.status).toBe(201);
    const { id } = await createCall(api, { to: "+15550404002", from: FROM, agent_id: (agent.body as { id: string }).id });
    const call = await createdAtTwilio("+15550404002");
    expect(await standIn.advance(call.json.sid, "ringing")).toBe(204);
    expect(await standIn.advance(call.json.sid, "in-progress")).toBe(204);
    const callee = await prepareCallee({ silent: true }, createLocalSynthesizer({ engine: "flite", voice: "rms" }));
    const stream = openMediaLeg(call, `${stack.serviceUrls.voice.replace("http", "ws")}/media`, callee, 3_000);
    await eventually("the agent's opening played", async () => (stream.run.echoed.length > 0 ? true : null), 30_000);
    await eventually("the record to show it dialed", async () => (await getCall(api, id)).status === "calling");

    expect((await api.post(`/v1/calls/${id}/cancel`)).status).toBe(202);
    await eventually("the dialer to take the request", async () => {
      const job = await db.query<{ cancel_requested: boolean }>("SELECT cancel_requested FROM dialer.dial_jobs WHERE call_id = $1", [id]);
      return job.rows[0]?.cancel_requested === true ? true : null;
    });
    // The agent was told and has its closing time: nobody has asked Twilio to hang up yet.
    expect(hangUpsOf(call)).toHaveLength(0);

    // The dialer dies; whatever it meant to do later dies with it.
    await stack.crashDialer();
    successor = await startDialer(
      loadDialerConfig({
        ...stackEnv(stack.topicPrefix, env()),
        QUOTA_URL: stack.serviceUrls.quota,
        VOICE_URL: stack.serviceUrls.voice,
      }),
    );
    callbackTarget = `http://127.0.0.1:${successor.port}`;

    // The agent said its closing line and hung up its side; the call is still up at Twilio.
    expect((await stream.ended).marks).toContain("close");
    await eventually("the successor's hang-up", async () => (hangUpsOf(call).length > 0 ? true : null), 30_000);
    expect(await standIn.advance(call.json.sid, "completed", { duration: 9 })).toBe(204);
    const ended = await finalCall(api, id, 30_000);
    expect([ended.status, ended.disposition, ended.duration_seconds, ended.attempt_count]).toEqual(["canceled", "canceled", 9, 1]);
    const usage = await eventually("the minutes settled", async () => {
      const now = UsageOut.parse((await api.get("/v1/usage")).body);
      return now.minutes_reserved === 0 ? now : null;
    });
    expect(usage.minutes_used).toBe(1);
  }, 90_000);
});
