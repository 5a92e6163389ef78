import pg from "pg";
import { type ApiClient, apiClient } from "../support/api-client";
import { testDatabaseUrl } from "../support/env";
import { provisionOrg, startStack, type TestStack } from "../support/stack";
import { createCall, dialLog, finalCall } from "./dialer-support";

const CPS = 4;
const ORG_CONCURRENCY = 3;
const log = dialLog();
let stack: TestStack;
let db: pg.Pool;

beforeAll(async () => {
  stack = await startStack({
    DIALER_CPS: String(CPS),
    DIALER_ORG_CONCURRENCY: String(ORG_CONCURRENCY),
    SIM_RING_SECONDS: "0",
    SIM_TALK_SECONDS: "0.6",
    SIM_DIAL_LOG: log.file,
  });
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
});

afterAll(async () => {
  await stack?.stop();
  await db?.end();
  log.remove();
});

/** The most dials the carrier saw in any window of `ms` milliseconds (windows start at each dial). */
function busiestWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    while (end < sorted.length && (sorted[end] ?? 0) < (sorted[start] ?? 0) + ms) end++;
    best = Math.max(best, end - start);
  }
  return best;
}

/** The most attempts live at once, from their dial and end times. */
function mostLiveAtOnce(intervals: { dialed_at: Date; ended_at: Date }[]): number {
  const edges = intervals.flatMap((i) => [
    { at: i.dialed_at.getTime(), delta: 1 },
    { at: i.ended_at.getTime(), delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let live = 0;
  let most = 0;
  for (const edge of edges) {
    live += edge.delta;
    most = Math.max(most, live);
  }
  return most;
}

describe("dialer: pacing", () => {
  it("holds calls per second under DIALER_CPS in every 5-second window and each org under its concurrency limit, dropping nothing", async () => {
    const orgs: ApiClient[] = [];
    for (let i = 0; i < 4; i++) orgs.push(apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 100 })).apiKey));
    // 4 orgs x 10 calls: concurrency would allow 12 at once, so the carrier's CPS is what binds.
    const created = await Promise.all(
      orgs.flatMap((api) =>
        Array.from({ length: 10 }, (_, i) => createCall(api, { to: `+1415555${String(1100 + i)}` }).then((call) => ({ api, call }))),
      ),
    );
    const ended = await Promise.all(created.map(({ api, call }) => finalCall(api, call.id, 45_000)));
    expect(ended.every((call) => call.status === "completed" && call.attempt_count === 1)).toBe(true);

    const ids = new Set(created.map(({ call }) => call.id));
    const times = log
      .read()
      .filter((d) => ids.has(d.call_id))
      .map((d) => d.at);
    expect(times).toHaveLength(40);
    expect(busiestWindow(times, 5_000)).toBeLessThanOrEqual(5 * CPS);
    // It really ran near the limit, not far below it: 40 dials at 4 per second need about 10 s. The
    // margin is for a loaded CI machine, where the 40 creations themselves spread over seconds.
    expect(busiestWindow(times, 5_000)).toBeGreaterThanOrEqual(3 * CPS);

    const claimedAt = await db.query<{ dialed_at: Date }>(`SELECT dialed_at FROM dialer.dial_attempts WHERE call_id = ANY($1::uuid[])`, [
      [...ids],
    ]);
    // Also as the dialer recorded each attempt (where the limiter counts).
    expect(
      busiestWindow(
        claimedAt.rows.map((r) => r.dialed_at.getTime()),
        5_000,
      ),
    ).toBeLessThanOrEqual(5 * CPS);

    const attempts = await db.query<{ org_id: string; dialed_at: Date; ended_at: Date }>(
      `SELECT j.org_id, a.dialed_at, a.ended_at FROM dialer.dial_attempts a JOIN dialer.dial_jobs j USING (call_id) WHERE a.call_id = ANY($1::uuid[])`,
      [[...ids]],
    );
    const byOrg = new Map<string, { dialed_at: Date; ended_at: Date }[]>();
    for (const row of attempts.rows) byOrg.set(row.org_id, [...(byOrg.get(row.org_id) ?? []), row]);
    expect(byOrg.size).toBe(4);
    for (const intervals of byOrg.values()) expect(mostLiveAtOnce(intervals)).toBeLessThanOrEqual(ORG_CONCURRENCY);
  });
});
