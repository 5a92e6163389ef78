import { CallOut } from "@voxbridge/contracts";
import { type RunningDialer, startDialer } from "@voxbridge/dialer";
import { loadDialerConfig } from "@voxbridge/dialer/config";
import pg from "pg";
import { type ApiClient, apiClient } from "../support/api-client";
import { testDatabaseUrl, testKafkaBrokers, testRedisUrl } from "../support/env";
import { eventually } from "../support/eventually";
import { startKafkaProbe } from "../support/kafka-probe";
import { provisionOrg, startStack, type TestStack } from "../support/stack";
import { createCall, dialLog } from "./dialer-support";

const BURST = 300;
const log = dialLog();
const env = {
  SIM_RING_SECONDS: "0.05",
  SIM_TALK_SECONDS: "0.5",
  DIALER_CPS: "200",
  DIALER_ORG_CONCURRENCY: "100",
  DIALER_RETRY_DELAY_SECONDS: "0.1",
  DIALER_POLL_INTERVAL_MS: "500",
  SIM_DIAL_LOG: log.file,
};
let stack: TestStack;
let db: pg.Pool;
let second: RunningDialer | undefined;

beforeAll(async () => {
  stack = await startStack(env);
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
});

afterAll(async () => {
  await second?.stop();
  await stack?.stop();
  await db?.end();
  log.remove();
});

/** Another dialer instance of the stack's deployment, in the same consumer group. */
const startInstance = () =>
  startDialer(
    loadDialerConfig({
      ...env,
      DATABASE_URL: testDatabaseUrl(),
      REDIS_URL: testRedisUrl(),
      KAFKA_BROKERS: testKafkaBrokers().join(","),
      KAFKA_TOPIC_PREFIX: stack.topicPrefix,
      DIALER_GROUP_ID: `${stack.topicPrefix}dialer`,
      DIALER_PORT: "0",
      MANAGEMENT_PORT: "0",
      QUOTA_URL: "http://127.0.0.1:9",
      // Postgres connections are shared by every test stack on this server.
      DB_POOL_SIZE: "3",
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    }),
  );

describe("dialer: two instances, one killed mid-burst", () => {
  // A burst of hundreds on a machine shared with other suites: allow two minutes.
  it(`completes every call of a burst of ${BURST} exactly once and never dials an attempt twice`, async () => {
    // Fresh topics can briefly answer "not hosted here" while their leaders settle.
    const probe = await eventually("a Kafka probe", () => startKafkaProbe(stack.topics.callEvents).catch(() => null));
    try {
      const victim = await startInstance();
      const orgs: ApiClient[] = [];
      for (let i = 0; i < 5; i++) orgs.push(apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 1_000 })).apiKey));

      const calls: { api: ApiClient; id: string }[] = [];
      const posting = (async () => {
        for (let i = 0; i < BURST; i += 10) {
          const batch = await Promise.all(
            Array.from({ length: 10 }, (_, j) => {
              const api = orgs[(i + j) % orgs.length] as ApiClient;
              return createCall(api, { to: `+1415556${String(1000 + i + j)}` }).then((call) => ({ api, id: call.id }));
            }),
          );
          calls.push(...batch);
        }
      })();
      // Kill one instance while calls are live on it.
      await eventually("a third of the burst dialed", async () => log.read().length >= BURST / 3, 30_000);
      await eventually(
        "calls live on the instance about to die",
        async () =>
          ((await db.query(`SELECT 1 FROM dialer.dial_jobs WHERE owner_id = $1 AND status = 'calling'`, [victim.instanceId])).rowCount ??
            0) >= 3,
        30_000,
      );
      await victim.crash();
      await posting;
      // A restarted instance joins the group again.
      second = await startInstance();

      const ids = new Set(calls.map((c) => c.id));
      const finals = await eventually(
        "every call to end",
        async () => {
          const rows = await db.query<{ id: string; status: string }>(`SELECT id, status FROM gateway.calls WHERE id = ANY($1::uuid[])`, [
            [...ids],
          ]);
          return rows.rows.every((r) => r.status === "completed" || r.status === "failed") && rows.rowCount === BURST ? rows.rows : null;
        },
        60_000,
      );
      expect(finals.filter((r) => r.status !== "completed")).toEqual([]);

      const dials = log.read().filter((d) => ids.has(d.call_id));
      const perAttempt = new Map<string, number>();
      for (const d of dials) perAttempt.set(`${d.call_id}:${d.attempt}`, (perAttempt.get(`${d.call_id}:${d.attempt}`) ?? 0) + 1);
      expect([...perAttempt].filter(([, n]) => n > 1)).toEqual([]);
      expect(new Set(dials.map((d) => d.call_id)).size).toBe(BURST);

      // Exactly one completion per call (a republished event keeps its id).
      const completions = await eventually(
        "every call.completed on Kafka",
        async () => {
          const byCall = new Map<string, Set<string>>();
          for (const s of probe.seen) {
            if (s.event.type !== "call.completed" || !ids.has(s.event.subject)) continue;
            byCall.set(s.event.subject, (byCall.get(s.event.subject) ?? new Set()).add(s.event.id));
          }
          return byCall.size === BURST ? byCall : null;
        },
        30_000,
      );
      expect([...completions.values()].every((eventIds) => eventIds.size === 1)).toBe(true);
      const statuses = await Promise.all(calls.map(async (c) => CallOut.parse((await c.api.get(`/v1/calls/${c.id}`)).body).status));
      expect(new Set(statuses)).toEqual(new Set(["completed"]));
      // The dead instance's live calls were reconciled (ended as errors) and dialed again as new attempts.
      const orphaned = await db.query<{ call_id: string; attempt: number }>(
        `SELECT call_id, attempt FROM dialer.dial_attempts WHERE owner_id = $1 AND disposition = 'error'`,
        [victim.instanceId],
      );
      expect(orphaned.rowCount).toBeGreaterThan(0);
      for (const { call_id, attempt } of orphaned.rows) expect(perAttempt.get(`${call_id}:${attempt + 1}`)).toBe(1);
      const redialed = [...perAttempt.keys()].filter((key) => !key.endsWith(":1")).length;
      process.stdout.write(`crash test: ${BURST} calls, ${dials.length} dials, ${redialed} redialed after the crash\n`);
    } finally {
      await probe.stop();
    }
  }, 120_000);

  it("on a graceful stop (SIGTERM's path) stops claiming but lets its live calls finish: none is redialed", async () => {
    const leaving = await startInstance();
    const api = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 1_000 })).apiKey);
    const calls = await Promise.all(Array.from({ length: 40 }, (_, i) => createCall(api, { to: `+1415557${String(1000 + i)}` })));
    const ids = new Set(calls.map((c) => c.id));
    await eventually("some calls live", async () => log.read().filter((d) => ids.has(d.call_id)).length >= 10);
    await leaving.stop();
    const ended = await Promise.all(
      calls.map((c) =>
        eventually(
          `call ${c.id} to end`,
          async () => {
            const call = CallOut.parse((await api.get(`/v1/calls/${c.id}`)).body);
            return call.status === "completed" || call.status === "failed" ? call : null;
          },
          30_000,
        ),
      ),
    );
    expect(ended.map((c) => [c.status, c.attempt_count]).filter(([status, attempts]) => status !== "completed" || attempts !== 1)).toEqual(
      [],
    );
    expect(log.read().filter((d) => ids.has(d.call_id))).toHaveLength(40);
  });
});
