import { UsageOut } from "@voxbridge/contracts";
import { type ApiClient, apiClient } from "../support/api-client";
import { eventually } from "../support/eventually";
import { provisionOrg, startStack, type TestStack } from "../support/stack";
import { playSilentMediaLeg, type StandInCall, startTwilioStandIn, type TwilioStandIn } from "../support/twilio-standin";
import { createCall, finalCall, getCall } from "./dialer-support";

// Issue 28, defect 2: a Twilio create that times out, answers 5xx or drops its connection may have
// placed the call. The attempt's outcome is then unknown: nobody is dialed again before Twilio's
// call list says what became of it, a late status callback (its URL names the call and attempt) is
// the definite link, and a call whose callbacks were lost is looked up rather than left `calling`.
const FROM = "+15550001000";
let standIn: TwilioStandIn;
let stack: TestStack;

beforeAll(async () => {
  standIn = await startTwilioStandIn({ callbackBase: () => stack.serviceUrls.dialer });
  stack = await startStack({
    TELEPHONY_ADAPTER: "twilio",
    TWILIO_ACCOUNT_SID: standIn.accountSid,
    TWILIO_AUTH_TOKEN: standIn.authToken,
    TWILIO_API_BASE_URL: standIn.url,
    TWILIO_FROM_NUMBER: FROM,
    TWILIO_TIMEOUT_MS: "700",
    DIALER_PUBLIC_URL: "https://dialer.example.test",
    DIALER_RETRY_DELAY_SECONDS: "0.1",
    DIALER_RECONCILE_SECONDS: "0.2",
    DIALER_CALLBACK_GRACE_SECONDS: "1",
    DIALER_UNKNOWN_SETTLE_SECONDS: "1",
  });
});
afterAll(async () => {
  await stack?.stop();
  await standIn?.close();
});

let numbers = 0;
/** A number of its own per test (the call list is matched by number and caller id), and an org of its own. */
async function newCall(): Promise<{ api: ApiClient; id: string; to: string }> {
  const api = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 100 })).apiKey);
  const to = `+1555020${String(++numbers).padStart(4, "0")}`;
  const call = await createCall(api, { to, from: FROM, max_attempts: 3 });
  return { api, id: call.id, to };
}

const creates = (to: string) => standIn.calls.filter((c) => c.json.to === to);
const created = (to: string, count = 1) =>
  eventually(`${count} create(s) to ${to} at Twilio`, async () => (creates(to).length >= count ? creates(to) : null));
const sid = (call: StandInCall) => call.json.sid;
/** Answered: its status (its callback sent, or lost), then the media leg Twilio opens to the voice service. */
async function answered(call: StandInCall, options: { lost?: boolean } = {}) {
  const status = await standIn.advance(sid(call), "in-progress", options);
  await playSilentMediaLeg(call, `${stack.serviceUrls.voice.replace("http", "ws")}/media`);
  return status;
}
/** Proof that the dialer asked Twilio about its attempts three more times (rather than a sleep). */
async function lookedThrice(): Promise<void> {
  const seen = standIn.lookups();
  await eventually("three more lookups at Twilio", async () => (standIn.lookups() >= seen + 3 ? true : null));
}

const attemptsOf = async (api: ApiClient, id: string) =>
  ((await api.get(`/v1/calls/${id}/attempts`)).body as { items: { disposition: string | null; error_message: string | null }[] }).items;

/** Minutes billed once quota settled the call. */
async function minutesUsed(api: ApiClient): Promise<number> {
  const usage = await eventually("the minutes settled", async () => {
    const now = UsageOut.parse((await api.get("/v1/usage")).body);
    return now.minutes_reserved === 0 ? now : null;
  });
  return usage.minutes_used;
}

describe("a Twilio create whose outcome is unknown", () => {
  it("500 after Twilio placed the call: no second dial while it rings, and its late callback ends the attempt, billed", async () => {
    standIn.nextCreate("created-then-500");
    const { api, id, to } = await newCall();
    const [call] = await created(to);
    if (!call) throw new Error("no create");
    expect(call.form.get("StatusCallback")).toContain(`call_id=${id}`);
    // Queued at Twilio for several reconciliation passes: the dialer asks, finds the call live, waits.
    await lookedThrice();
    expect(standIn.listRequests()).toBeGreaterThan(0);
    expect(creates(to)).toHaveLength(1);
    expect((await getCall(api, id)).status).toBe("calling");
    expect(await standIn.advance(sid(call), "ringing")).toBe(204);

    expect(await answered(call)).toBe(204);
    expect(await standIn.advance(sid(call), "completed", { duration: 42 })).toBe(204);
    const ended = await finalCall(api, id);
    expect([ended.status, ended.disposition, ended.duration_seconds, ended.attempt_count]).toEqual(["completed", "completed", 42, 1]);
    expect(creates(to)).toHaveLength(1);
    expect(await minutesUsed(api)).toBe(1);
  });

  it("connection dropped after Twilio placed the call, callbacks lost: the call list ends the attempt with its talk time", async () => {
    standIn.nextCreate("created-then-drop");
    const { api, id, to } = await newCall();
    const [call] = await created(to);
    if (!call) throw new Error("no create");
    await answered(call, { lost: true });
    await standIn.advance(sid(call), "completed", { duration: 75, lost: true });
    const ended = await finalCall(api, id);
    expect([ended.status, ended.duration_seconds, ended.attempt_count]).toEqual(["completed", 75, 1]);
    expect(creates(to)).toHaveLength(1);
    expect(await minutesUsed(api)).toBe(2);
  });

  it("timed out while Twilio placed the call, which was busy: reconciled, then retried as a new attempt", async () => {
    standIn.nextCreate("created-then-hold");
    const { api, id, to } = await newCall();
    const [first] = await created(to);
    if (!first) throw new Error("no create");
    await standIn.advance(sid(first), "busy", { lost: true });
    // Busy is worth another attempt, dialed only once the first was known to have ended.
    const [, second] = await created(to, 2);
    if (!second) throw new Error("no second create");
    await answered(second);
    await standIn.advance(sid(second), "completed", { duration: 5 });
    const ended = await finalCall(api, id);
    expect([ended.status, ended.attempt_count]).toEqual(["completed", 2]);
    expect((await attemptsOf(api, id)).map((a) => a.disposition)).toEqual(["busy", "completed"]);
    standIn.release();
  });

  it("500 before Twilio placed anything: once its list settles without the call, the attempt is a carrier error and the call is dialed again", async () => {
    standIn.nextCreate("500-not-created");
    const { api, id, to } = await newCall();
    const [call] = await created(to);
    if (!call) throw new Error("no create");
    await answered(call);
    await standIn.advance(sid(call), "completed", { duration: 3 });
    const ended = await finalCall(api, id);
    expect([ended.status, ended.attempt_count]).toEqual(["completed", 2]);
    expect((await attemptsOf(api, id))[0]?.error_message).toMatch(/no record of this attempt's call/);
    expect(creates(to)).toHaveLength(1);
  });
});

describe("a call whose status callbacks were lost", () => {
  it("is looked up by its id and ends, instead of staying calling and holding its slot and minutes", async () => {
    const { api, id, to } = await newCall();
    const [call] = await created(to);
    if (!call) throw new Error("no create");
    await answered(call, { lost: true });
    await standIn.advance(sid(call), "completed", { duration: 12, lost: true });
    const ended = await finalCall(api, id);
    expect([ended.status, ended.duration_seconds, ended.attempt_count]).toEqual(["completed", 12, 1]);
    expect(await minutesUsed(api)).toBe(1);
  });
});
