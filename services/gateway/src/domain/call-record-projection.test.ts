import { randomUUID } from "node:crypto";
import { type CallEvent, type CallStatus, callProgress, newCallEvent, newCallOut } from "@voxbridge/contracts";
import { advancesRecord, attemptOf, snapshotPrecedence } from "./call-record-projection";

const callId = randomUUID();
const event = (type: CallEvent["type"], status: CallStatus, attempt: number, retryAt: string | null = null, id = randomUUID()): CallEvent =>
  newCallEvent(
    type as "call.calling",
    "dialer",
    {
      org_id: randomUUID(),
      webhook_url: null,
      call: {
        ...newCallOut({ id: callId, agent_id: randomUUID(), to_number: "+15551234567", created_at: "2026-12-01T00:00:00.000Z" }),
        status,
        attempt_count: attempt,
        next_attempt_at: retryAt,
        transcript: id,
      },
    },
    { id, time: new Date("2026-12-01T00:00:01.000Z") },
  );

/** The record's snapshot after applying events one at a time: the reference the batch rule must equal. */
function oneByOne(start: CallEvent, events: CallEvent[]): CallEvent {
  let record = start;
  for (const next of events) if (advancesRecord(callProgress(record.data.call), next)) record = next;
  return record;
}
const byPrecedence = (events: CallEvent[]) => {
  const precedence = snapshotPrecedence(events);
  const winner = events[precedence.indexOf(Math.max(...precedence))];
  if (!winner) throw new Error("no events");
  return winner;
};

describe("the call record's projection", () => {
  const queued = event("call.queued", "queued", 0);
  const calling = event("call.calling", "calling", 1);
  const retrying = event("call.updated", "calling", 1, "2026-12-01T01:00:00.000Z");
  const moved = event("call.updated", "calling", 1, "2026-12-01T02:00:00.000Z");
  const callingAgain = event("call.calling", "calling", 2);
  const completed = event("call.completed", "completed", 2);
  const canceled = event("call.canceled", "canceled", 2);

  it("moves forward only; call.updated may restate the same progress", () => {
    expect(advancesRecord(callProgress(calling.data.call), retrying)).toBe(true);
    expect(advancesRecord(callProgress(retrying.data.call), moved)).toBe(true);
    expect(advancesRecord(callProgress(retrying.data.call), calling)).toBe(false);
    expect(advancesRecord(callProgress(completed.data.call), canceled)).toBe(false);
    expect(advancesRecord(callProgress(completed.data.call), completed)).toBe(false);
  });

  it.each<[string, CallEvent[]]>([
    ["a whole life", [calling, retrying, moved, callingAgain, completed]],
    ["two edits of one retry", [retrying, moved]],
    ["an edit between two snapshots of equal progress", [calling, moved, calling]],
    ["a late, lesser event", [callingAgain, retrying, calling]],
    ["two terminal events", [completed, canceled]],
    ["a restated snapshot then an edit", [retrying, retrying, moved, retrying]],
  ])("a batch lands where one-by-one lands: %s", (_name, events) => {
    const landed = oneByOne(queued, events);
    const winner = byPrecedence(events);
    // The batch writes the winner only when it advances the record; otherwise the record stays put.
    expect(advancesRecord(callProgress(queued.data.call), winner) ? winner : queued).toBe(landed);
    // From a record already along, too.
    const along = oneByOne(retrying, events);
    expect(advancesRecord(callProgress(retrying.data.call), winner) ? winner : retrying).toBe(along);
  });

  it("opens an attempt with call.calling and reports the one an event ended", () => {
    expect(attemptOf(calling)).toMatchObject({ attempt: 1, started_at: calling.time, ended_at: null });
    expect(attemptOf(queued)).toBeNull();
    const ended = {
      ...completed,
      data: {
        ...completed.data,
        attempt: { ...(attemptOf(callingAgain) as NonNullable<ReturnType<typeof attemptOf>>), ended_at: completed.time },
      },
    };
    expect(attemptOf(ended as CallEvent)).toMatchObject({ attempt: 2, ended_at: completed.time });
  });
});
