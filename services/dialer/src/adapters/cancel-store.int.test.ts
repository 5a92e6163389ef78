import { randomUUID } from "node:crypto";
import pg from "pg";
import { testDatabaseUrl } from "../../../../tests/support/env";
import { createCancelStore } from "./cancel-store";
import { DIALER_SCHEMA } from "./schema";

// The durable half of a cancel against the real Postgres: which live canceled calls a housekeeping
// pass asks the carrier to hang up, and how often.
let pool: pg.Pool;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4, options: `-c search_path=${DIALER_SCHEMA}` });
});
afterAll(() => pool.end());

const cancels = () => createCancelStore({ pool, topic: "unused" });

/** A live call of `owner`, its cancel applied `secondsAgo` seconds ago (or not requested). */
async function liveCall(options: {
  owner: string;
  canceledSecondsAgo: number | null;
  carrierCallId?: string | null;
  attemptStatus?: string;
}): Promise<string> {
  const callId = randomUUID();
  await pool.query(
    `INSERT INTO "dial_jobs" (call_id, org_id, status, due_at, queued, call, attempt_count, owner_id, cancel_requested, updated_at)
     VALUES ($1, $2, 'calling', now(), '{}', '{}', 1, $3, $4, clock_timestamp() - make_interval(secs => $5))`,
    [callId, randomUUID(), options.owner, options.canceledSecondsAgo !== null, options.canceledSecondsAgo ?? 0],
  );
  await pool.query(
    `INSERT INTO "dial_attempts" (call_id, attempt, account, owner_id, status, carrier_call_id, dialed_at)
     VALUES ($1, 1, 'acct', $2, $3, $4, now())`,
    [
      callId,
      options.owner,
      options.attemptStatus ?? "answered",
      options.carrierCallId === undefined ? `CA${callId}` : options.carrierCallId,
    ],
  );
  return callId;
}

const taken = async (options: { afterSeconds: number; owner: string | null }) =>
  (await cancels().takeOverdueHangUps({ ...options, batch: 1_000 })).map((call) => call.callId);

describe("cancel store: overdue hang-ups", () => {
  it("takes a live canceled call once its closing time has passed, with its carrier id, then not again until another has", async () => {
    const owner = randomUUID();
    const due = await liveCall({ owner, canceledSecondsAgo: 10 });
    const early = await liveCall({ owner, canceledSecondsAgo: 1 });

    const first = await cancels().takeOverdueHangUps({ afterSeconds: 5, owner, batch: 1_000 });
    expect(first).toEqual([{ callId: due, carrierCallId: `CA${due}` }]);
    // Stamped: the next pass leaves it for another closing time.
    expect(await taken({ afterSeconds: 5, owner })).toEqual([]);
    expect(await taken({ afterSeconds: 0, owner })).toEqual(expect.arrayContaining([due, early]));
  });

  it("leaves calls not canceled, ended, or without a carrier id yet (the dial's answer hangs those up)", async () => {
    const owner = randomUUID();
    await liveCall({ owner, canceledSecondsAgo: null });
    await liveCall({ owner, canceledSecondsAgo: 10, attemptStatus: "ended" });
    await liveCall({ owner, canceledSecondsAgo: 10, carrierCallId: null });
    expect(await taken({ afterSeconds: 5, owner })).toEqual([]);
  });

  it("with an owner, takes only the calls that instance dialed (the simulator's calls live in it); without, any instance's", async () => {
    const mine = randomUUID();
    const other = randomUUID();
    const ownCall = await liveCall({ owner: mine, canceledSecondsAgo: 10 });
    const othersCall = await liveCall({ owner: other, canceledSecondsAgo: 10 });
    expect(await taken({ afterSeconds: 5, owner: mine })).toEqual([ownCall]);
    const anyones = await taken({ afterSeconds: 5, owner: null });
    expect(anyones).toContain(othersCall);
    expect(anyones).not.toContain(ownCall);
  });
});
