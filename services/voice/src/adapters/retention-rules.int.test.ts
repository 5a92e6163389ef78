import { randomUUID } from "node:crypto";
import { createLogger, createPool, startRetention } from "@voxbridge/kit";
import { Registry } from "prom-client";
import { testDatabaseUrl } from "../../../../tests/support/env";
import { createObjectStore } from "./object-store";
import { expireRecordings, RECORDING_PREFIX, voiceRetentionRules } from "./retention-rules";

// Recordings and conversations past TRANSCRIPT_RETENTION_DAYS are deleted by the service itself,
// against the real Postgres and the real S3 API (S3Proxy), which has no lifecycle rules.
const pool = createPool(testDatabaseUrl(), { max: 2, applicationName: "voice-retention-test", settings: ["search_path=voice"] });
const store = createObjectStore({
  endpoint: `http://127.0.0.1:${Number(process.env.S3PROXY_PORT ?? 9000)}`,
  region: "us-east-1",
  bucket: `retention-${randomUUID().slice(0, 8)}`,
  accessKeyId: process.env.S3PROXY_ACCESS_KEY ?? "voxbridge-local",
  secretAccessKey: process.env.S3PROXY_SECRET_KEY ?? "voxbridge-local-secret",
});
const logger = createLogger({ service: "test", level: "silent" });
const orgId = randomUUID();

afterAll(async () => {
  store.close();
  await pool.end();
});

/** A call and its one conversation, ended `daysAgo`, with its recording stored, pending upload, or none. */
async function conversation(daysAgo: number, recording: "stored" | "pending" | "none") {
  const callId = randomUUID();
  const key = `${RECORDING_PREFIX}${orgId}/${callId}/1.wav`;
  const endedAt = new Date(Date.now() - daysAgo * 86_400_000);
  await pool.query(`INSERT INTO calls (call_id, org_id, agent, agent_event_time, ended_at) VALUES ($1, $2, '{}', $3, $3)`, [
    callId,
    orgId,
    endedAt,
  ]);
  await pool.query(
    `INSERT INTO conversations (call_id, attempt, org_id, started_at, ended_at, outcome, turns, recording_state, recording_key)
     VALUES ($1, 1, $2, $3, $3, 'talked', '[{"speaker":"callee","text":"my private words"}]', $4, $5)`,
    [callId, orgId, endedAt, recording, recording === "none" ? null : key],
  );
  if (recording === "stored") await store.put(key, Buffer.from("RIFF-test"));
  if (recording === "pending")
    await pool.query(`INSERT INTO recording_uploads (call_id, attempt, object_key, wav) VALUES ($1, 1, $2, '\\x00')`, [callId, key]);
  return { callId, key };
}

/**
 * A conversation whose end never committed (the service died after writing its recording's bytes,
 * which are then never due for upload), started `daysAgo`.
 */
async function unendedWithBytes(daysAgo: number) {
  const callId = randomUUID();
  const startedAt = new Date(Date.now() - daysAgo * 86_400_000);
  await pool.query(`INSERT INTO calls (call_id, org_id, agent, agent_event_time) VALUES ($1, $2, '{}', $3)`, [callId, orgId, startedAt]);
  await pool.query(`INSERT INTO conversations (call_id, attempt, org_id, started_at) VALUES ($1, 1, $2, $3)`, [callId, orgId, startedAt]);
  await pool.query(
    `INSERT INTO recording_uploads (call_id, attempt, object_key, wav, next_attempt_at) VALUES ($1, 1, 'k', '\\x00', 'infinity')`,
    [callId],
  );
  return { callId };
}

const rows = async (table: string, callId: string) =>
  Number((await pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE call_id = $1`, [callId])).rows[0].n);

describe("voice retention", () => {
  it("deletes old recordings (stored or still pending), then the conversations and calls; keeps recent ones", async () => {
    expect(await store.ensureBucket()).toEqual({ created: true });
    // S3Proxy offers no lifecycle rules: the service's own pass is what deletes recordings there.
    expect(await store.expireAfter(RECORDING_PREFIX, 90)).toBe("unsupported");

    const oldStored = await conversation(91, "stored");
    const oldPending = await conversation(91, "pending");
    const oldSilent = await conversation(91, "none");
    const recent = await conversation(1, "stored");
    const oldUnended = await unendedWithBytes(91);
    const recentUnended = await unendedWithBytes(1);
    // Signals for live calls: a day old is past any call's life.
    await pool.query(
      `INSERT INTO stream_signals (call_id, attempt, signal, created_at) VALUES ($1, 1, 'machine', now() - interval '2 days'), ($2, 1, 'cancel', now())`,
      [oldStored.callId, recent.callId],
    );

    const retention = startRetention({
      pool,
      schema: "voice",
      rules: voiceRetentionRules(30, 90),
      before: expireRecordings(store, 90, logger),
      intervalSeconds: 3600,
      logger,
      metrics: new Registry(),
    });
    try {
      const pass = await retention.runPass();
      expect(pass.ran).toBe(true);
      expect(pass.deleted.recordings).toBe(2);
      expect(pass.deleted.conversations).toBeGreaterThanOrEqual(3);
    } finally {
      await retention.stop();
    }
    expect(await store.get(oldStored.key)).toBeNull();
    for (const old of [oldStored, oldPending, oldSilent]) {
      expect([await rows("conversations", old.callId), await rows("calls", old.callId)]).toEqual([0, 0]);
    }
    expect(await rows("recording_uploads", oldPending.callId)).toBe(0);
    // Bytes of an end that never committed go once their conversation is past keeping; not before.
    expect([await rows("recording_uploads", oldUnended.callId), await rows("recording_uploads", recentUnended.callId)]).toEqual([0, 1]);
    expect(await store.get(recent.key)).toEqual(Buffer.from("RIFF-test"));
    expect([await rows("conversations", recent.callId), await rows("calls", recent.callId)]).toEqual([1, 1]);
    expect([await rows("stream_signals", oldStored.callId), await rows("stream_signals", recent.callId)]).toEqual([0, 1]);
  });

  it("leaves a recording it could not delete, and its rows, for the next pass", async () => {
    const old = await conversation(91, "stored");
    const failing = { delete: async () => Promise.reject(new Error("store down")) };
    const client = await pool.connect();
    try {
      expect(await expireRecordings(failing, 90, logger)(client)).toEqual({ recordings: 0 });
    } finally {
      client.release();
    }
    expect(await rows("conversations", old.callId)).toBe(1);
    expect(await store.get(old.key)).toEqual(Buffer.from("RIFF-test"));
  });
});
