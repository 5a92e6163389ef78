import { randomUUID } from "node:crypto";
import type { CallEventOf } from "@voxbridge/contracts";
import { createLogger, createMetricsRegistry, startRetention } from "@voxbridge/kit";
import pg from "pg";
import { testDatabaseUrl } from "../../../../tests/support/env";
import { queuedEvent } from "../../test/queued-event";
import { carrierReportDeps } from "../../test/report-deps";
import { endOverdueConversations, recordConversationReport } from "../app/conversation-report";
import { recordCarrierReport } from "../app/record-carrier-report";
import { dialerRetentionRules } from "./retention-rules";
import { DIALER_SCHEMA } from "./schema";
import { createDialerStores } from "./stores";

let pool: pg.Pool;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4, options: `-c search_path=${DIALER_SCHEMA}` });
});
afterAll(() => pool.end());

/** A `call.queued` whose call has a conversation (the voice service holds it). */
const withConversation = (event: CallEventOf<"call.queued">, questions = true): CallEventOf<"call.queued"> => ({
  ...event,
  data: {
    ...event.data,
    conversation: {
      agent_id: event.data.call.agent_id,
      system_prompt: "Hello",
      first_message: null,
      voicemail_message: "Please call us back.",
      voice: null,
      language: null,
      answer_schema: questions
        ? {
            type: "object",
            properties: { reminder: { type: "boolean", description: "Do you want a reminder text" } },
            required: ["reminder"],
          }
        : null,
      record: true,
      recording_disclosure: "This call is recorded.",
      max_duration_seconds: 600,
      engine: "local",
      model: null,
      simulated_callee: null,
    },
  },
});

describe("an answered call's end: the carrier's and the voice service's reports combined", () => {
  const stores = () => createDialerStores({ pool, topic: "call-events", account: "conversations", cps: 1000, orgConcurrency: 10 });
  const deps = (reportWaitSeconds = 8) => carrierReportDeps(stores(), { mediaToVoice: true, reportWaitSeconds });

  async function answeredCall(options: { conversation: boolean | "no questions"; maxAttempts?: number }): Promise<string> {
    const event = queuedEvent({ call: { max_attempts: options.maxAttempts ?? 1 } });
    const queued = options.conversation === false ? event : withConversation(event, options.conversation === true);
    await stores().intake.createAbsent([queued], false);
    const { claimed } = await stores().claims.claimDue(randomUUID(), 10);
    expect(claimed.map((c) => c.callId)).toEqual([event.data.call.id]);
    await recordCarrierReport(deps(), event.data.call.id, 1, { kind: "answered" });
    return event.data.call.id;
  }
  const ends = async (callId: string) =>
    (
      await pool.query<{ type: string; disposition: string; error_message: string | null; duration_seconds: number | null }>(
        `SELECT payload->>'type' AS type, payload->'data'->'call'->>'disposition' AS disposition,
                payload->'data'->'call'->>'error_message' AS error_message,
                (payload->'data'->'call'->>'duration_seconds')::int AS duration_seconds
           FROM "outbox" WHERE key = $1 AND payload->>'type' <> 'call.calling' ORDER BY id`,
        [callId],
      )
    ).rows;
  const report = (callId: string, outcome: "talked" | "opt_out" | "voicemail_left" | "agent_error", mediaStarted = true) => ({
    call_id: callId,
    org_id: randomUUID(),
    attempt: 1,
    outcome,
    media_started: mediaStarted,
    error_message: outcome === "agent_error" ? "the engine failed" : null,
  });

  it("holds the carrier's end until the report comes, then ends once, as the report says (an opt-out)", async () => {
    const callId = await answeredCall({ conversation: true });
    await recordCarrierReport(deps(), callId, 1, { kind: "ended", outcome: "completed", talkSeconds: 21, detail: null });
    expect(await ends(callId)).toEqual([]);
    await recordConversationReport(deps(), report(callId, "opt_out"));
    expect(await ends(callId)).toEqual([{ type: "call.completed", disposition: "opt_out", error_message: null, duration_seconds: 21 }]);
    // A redelivered report, and a repeated carrier callback, change nothing.
    await recordConversationReport(deps(), report(callId, "talked"));
    await recordCarrierReport(deps(), callId, 1, { kind: "ended", outcome: "completed", talkSeconds: 21, detail: null });
    expect(await ends(callId)).toHaveLength(1);
  });

  it("ends at the carrier's end when the report came first (a voicemail message left)", async () => {
    const callId = await answeredCall({ conversation: true });
    await recordConversationReport(deps(), report(callId, "voicemail_left"));
    expect(await ends(callId)).toEqual([]);
    await recordCarrierReport(deps(), callId, 1, { kind: "ended", outcome: "completed", talkSeconds: 14, detail: null });
    expect(await ends(callId)).toEqual([{ type: "call.completed", disposition: "voicemail", error_message: null, duration_seconds: 14 }]);
  });

  it("ends a carrier end left without a report past the wait as an agent error, not redialed, its talk time billed", async () => {
    const callId = await answeredCall({ conversation: true, maxAttempts: 3 });
    await recordCarrierReport(deps(0.2), callId, 1, { kind: "ended", outcome: "completed", talkSeconds: 30, detail: null });
    expect(await endOverdueConversations(deps(0.2), 100)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await endOverdueConversations(deps(0.2), 100)).toBe(1);
    expect(await ends(callId)).toEqual([
      {
        type: "call.failed",
        disposition: "error",
        error_message: "Agent error: no report from the voice service within 0.2 s of the carrier's end",
        duration_seconds: 30,
      },
    ]);
    // Settled: the next sweep finds nothing, and a late report changes nothing.
    expect(await endOverdueConversations(deps(0.2), 100)).toBe(0);
    await recordConversationReport(deps(), report(callId, "talked"));
    expect(await ends(callId)).toHaveLength(1);
  });

  it("redials an agent error only when nobody heard the agent", async () => {
    const callId = await answeredCall({ conversation: true, maxAttempts: 3 });
    await recordConversationReport(deps(), report(callId, "agent_error", false));
    await recordCarrierReport(deps(), callId, 1, { kind: "ended", outcome: "completed", talkSeconds: 5, detail: null });
    expect(await ends(callId)).toEqual([
      { type: "call.updated", disposition: "error", error_message: "Agent error: the engine failed", duration_seconds: 5 },
    ]);
  });

  it("keeps an attempt's reports RETENTION_DAYS, and a carrier end still waiting for its report however old", async () => {
    const [settled, waiting] = [await answeredCall({ conversation: true }), await answeredCall({ conversation: true })];
    await recordConversationReport(deps(), report(settled, "talked"));
    await recordCarrierReport(deps(), waiting, 1, { kind: "ended", outcome: "completed", talkSeconds: 3, detail: null });
    await pool.query(`UPDATE "attempt_conversations" SET created_at = now() - interval '31 days' WHERE call_id = ANY($1::uuid[])`, [
      [settled, waiting],
    ]);
    const retention = startRetention({
      pool,
      schema: DIALER_SCHEMA,
      rules: dialerRetentionRules(30),
      intervalSeconds: 3600,
      logger: createLogger({ service: "dialer-test", level: "silent" }),
      metrics: createMetricsRegistry("dialer-test"),
    });
    try {
      await retention.runPass();
    } finally {
      await retention.stop();
    }
    const left = await pool.query<{ call_id: string }>(`SELECT call_id FROM "attempt_conversations" WHERE call_id = ANY($1::uuid[])`, [
      [settled, waiting],
    ]);
    expect(left.rows.map((row) => row.call_id)).toEqual([waiting]);
  });

  it("ends a call without a conversation (a job from before the conversation copy) at the carrier's end, without waiting", async () => {
    const callId = await answeredCall({ conversation: false });
    await recordCarrierReport(deps(), callId, 1, { kind: "ended", outcome: "completed", talkSeconds: 3, detail: null });
    expect(await ends(callId)).toEqual([{ type: "call.completed", disposition: "completed", error_message: null, duration_seconds: 3 }]);
  });

  it("waits for the report of an agent with no answer_schema too: it talks, and its callee may opt out", async () => {
    const callId = await answeredCall({ conversation: "no questions" });
    await recordCarrierReport(deps(), callId, 1, { kind: "ended", outcome: "completed", talkSeconds: 3, detail: null });
    expect(await ends(callId)).toEqual([]);
  });
});
