import { UsageOut } from "@voxbridge/contracts";
import { dialLog } from "../e2e/dialer-support";
import { type ApiClient, apiClient } from "../support/api-client";
import { eventually } from "../support/eventually";
import { SERVICES, type ServiceProcesses, startServiceProcesses } from "../support/service-processes";
import { provisionOrg } from "../support/stack";

// The voice service SIGKILLed mid-conversation (issue 29's fault): the simulator, standing where
// the carrier stands, sees the media socket close and ends the call; no conversation report comes,
// so the dialer ends it `failed` with an agent error, bills the talk, and never redials a call a
// person heard. Judged from outside: the partner's API, its usage, the carrier's dial log.
const log = dialLog();
let system: ServiceProcesses;
let api: ApiClient;

beforeAll(async () => {
  system = await startServiceProcesses(
    {
      SIM_RING_SECONDS: "0.1",
      SIM_DIAL_LOG: log.file,
      DIALER_RETRY_DELAY_SECONDS: "0.2",
      DIALER_CONVERSATION_REPORT_WAIT_SECONDS: "3",
      SHUTDOWN_TIMEOUT_MS: "5000",
    },
    { services: [...SERVICES, "voice"], conversations: true },
  );
  api = apiClient(system.urls.gateway, (await provisionOrg({ minutes: 100 })).apiKey);
}, 180_000);

afterAll(async () => {
  await system?.stop();
  log.remove();
});

describe("the voice service killed mid-conversation", () => {
  it("ends the call failed with an agent error, billed, dialed once; a restarted voice service talks again", async () => {
    const agent = await api.post("/v1/agents", {
      name: "survey",
      system_prompt: "You run a short survey.",
      first_message: "Hi, this is the clinic with a few questions.",
      answer_schema: {
        type: "object",
        properties: {
          day: { type: "string", enum: ["monday", "tuesday", "wednesday"], description: "Which day suits you for the visit" },
          party_size: { type: "integer", description: "How many people will come" },
          reminder: { type: "boolean", description: "Do you want a reminder text" },
        },
        required: ["day", "party_size", "reminder"],
      },
    });
    expect(agent.status).toBe(201);
    const agentId = (agent.body as { id: string }).id;
    const body = { agent_id: agentId, max_attempts: 3, simulated_callee: { answers: { day: "tuesday", party_size: 4, reminder: true } } };
    const created = await api.post("/v1/calls/outbound", { ...body, to: "+15557650011" });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;

    // Talking: dialed (the carrier's own log), answered 0.1 s later, and ten seconds into a
    // conversation of about forty (the agent's greeting and its first question heard).
    const dial = await eventually("the call dialed", async () => log.dialsOf(id)[0] ?? null, 60_000);
    await eventually("ten seconds of talk", async () => (Date.now() - dial.at > 10_000 ? true : null), 30_000);
    await system.kill("voice");

    const ended = await eventually(
      "the call ended",
      async () => {
        const call = (await api.get(`/v1/calls/${id}`)).body as { status: string };
        return ["completed", "failed", "canceled"].includes(call.status) ? (call as Record<string, unknown>) : null;
      },
      60_000,
    );
    expect(ended).toMatchObject({ status: "failed", disposition: "error", attempt_count: 1 });
    expect(String(ended.error_message)).toMatch(/agent/i);
    expect(Number(ended.duration_seconds)).toBeGreaterThan(0);
    expect(log.dialsOf(id).map((d) => d.attempt)).toEqual([1]);
    const usage = await eventually("the talk billed", async () => {
      const now = UsageOut.parse((await api.get("/v1/usage")).body);
      return now.minutes_reserved === 0 ? now : null;
    });
    expect(usage.minutes_used).toBeGreaterThanOrEqual(1);

    // The service comes back (its supervisor restarts it) and the next call talks to the end.
    await system.start("voice");
    const next = await api.post("/v1/calls/outbound", { ...body, to: "+15557650012" });
    expect(next.status).toBe(201);
    const nextId = (next.body as { id: string }).id;
    const done = await eventually(
      "the next call completed",
      async () => {
        const call = (await api.get(`/v1/calls/${nextId}`)).body as { status: string; structured_answers: unknown };
        return call.status === "completed" && call.structured_answers ? call : null;
      },
      120_000,
    );
    expect(done.structured_answers).toEqual({ day: "tuesday", party_size: 4, reminder: true });
  }, 300_000);
});
