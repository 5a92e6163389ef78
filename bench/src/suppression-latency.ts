/**
 * Suppression-to-effect benchmark (issue 28, defect 5): how long a suppression added through the
 * API takes to reach the dialer's own list (`dialer.suppressed_numbers`), from which moment no claim
 * takes a call to the number and the last look before a dial refuses it, while BENCH_BACKLOG
 * (100,000) call events wait ahead of it on the dialer's call-events topic, all on the partition
 * the org's events take. Beside it, the same suppression event published where suppressions used to
 * travel (that partition of the call-events topic, behind the backlog), which the dialer still
 * reads: the delay the separate path removes.
 *
 * All services run in this process against the real servers (tests/support/stack.ts, a fresh topic
 * prefix, the database of DATABASE_URL, migrated first). Each round: the backlog is published, the
 * suppression is POSTed and the dialer's list polled every 5 ms; then the old-path event, timed the
 * same way. The events still ahead are counted from the dialer's jobs of the backlog's org.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { publishQueuedBacklog, publishSuppressionAsBefore } from "../../tests/support/call-backlog";
import { testDatabaseUrl } from "../../tests/support/env";
import globalSetup from "../../tests/support/global-setup";
import { provisionOrg, startStack } from "../../tests/support/stack";

const backlog = Number(process.env.BENCH_BACKLOG ?? 100_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_MS = 1_000;
const log = (message: string) => process.stderr.write(`[bench:suppression] ${message}\n`);

type Round = { ahead: number; newPathMs: number; stillAhead: number; oldPathMs: number };

async function main() {
  await globalSetup();
  const stack = await startStack({ SIM_RING_SECONDS: "0", SIM_TALK_SECONDS: "0", RATE_LIMIT_PER_WINDOW: "1000000000" });
  const db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  const org = await provisionOrg({ minutes: 1000 });
  const jobsOf = async (orgId: string) =>
    (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM dialer.dial_jobs WHERE org_id = $1", [orgId])).rows[0]?.n ?? 0;
  /** Polls the dialer's list every 5 ms; the time from `since` until the number is in it. */
  const untilListed = async (number: string, since: number) => {
    for (;;) {
      const found = await db.query("SELECT 1 FROM dialer.suppressed_numbers WHERE org_id = $1 AND number = $2", [org.orgId, number]);
      if (found.rowCount === 1) return performance.now() - since;
      if (performance.now() - since > 600_000) throw new Error(`${number} never reached the dialer's list`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const results: Round[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      const backlogOrg = randomUUID();
      log(`round ${round}: publishing ${backlog} call.queued events on the org's partition`);
      await publishQueuedBacklog({ topic: stack.topics.callEvents, key: org.orgId, orgId: backlogOrg, count: backlog });
      const number = `+1415555${String(1000 + round).padStart(4, "0")}`;
      const ahead = backlog - (await jobsOf(backlogOrg));
      const since = performance.now();
      const response = await fetch(`${stack.gatewayUrl}/v1/suppressions`, {
        method: "POST",
        headers: { authorization: `Bearer ${org.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ number, reason: "bench" }),
      });
      if (response.status !== 201) throw new Error(`POST /v1/suppressions answered ${response.status}`);
      // The old path: the same event on the call-events topic, keyed by org, behind what is left of the backlog.
      const oldNumber = `+1415556${String(1000 + round).padStart(4, "0")}`;
      const oldSince = performance.now();
      await publishSuppressionAsBefore({ topic: stack.topics.callEvents, orgId: org.orgId, number: oldNumber });
      const newPathMs = await untilListed(number, since);
      const stillAhead = backlog - (await jobsOf(backlogOrg));
      log(`round ${round}: in the dialer's list after ${newPathMs.toFixed(0)} ms, ${stillAhead} events still ahead`);
      const oldPathMs = await untilListed(oldNumber, oldSince);
      log(`round ${round}: the old path took ${oldPathMs.toFixed(0)} ms`);
      results.push({ ahead, newPathMs, stillAhead, oldPathMs });
    }
  } finally {
    await db.end();
    await stack.stop();
  }
  const worst = Math.max(...results.map((r) => r.newPathMs));
  process.stdout.write(
    [
      `suppression to effect (in the dialer's list) with ${backlog} call events ahead, ${rounds} round(s)`,
      "",
      "| round | events ahead at the POST | POST to dialer's list, own path (ms) | events still ahead then | same event on the call-events topic (ms) |",
      "| ----- | ------------------------ | ------------------------------------ | ----------------------- | ---------------------------------------- |",
      ...results.map((r, i) => `| ${i + 1} | ${r.ahead} | ${r.newPathMs.toFixed(0)} | ${r.stillAhead} | ${r.oldPathMs.toFixed(0)} |`),
      "",
      `worst own path: ${worst.toFixed(0)} ms  target < ${TARGET_MS} ms  ${worst < TARGET_MS ? "met" : "NOT met"}`,
      "",
    ].join("\n"),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
