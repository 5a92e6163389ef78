import { randomUUID } from "node:crypto";
import { type AttemptOut, type CallEvent, type CallOut, newCallEvent, newCallOut } from "@voxbridge/contracts";
import { testDatabaseUrl } from "../../../../tests/support/env";
import { createOrganization } from "../provisioning";
import { createCallProjection } from "./call-projection";
import { createGatewayPrisma, type GatewayPrisma } from "./prisma";

// A fetched batch of lifecycle events projected in one statement, against the real schema.
let prisma: GatewayPrisma;
let orgId: string;
let agentId: string;
beforeAll(async () => {
  const org = await createOrganization(testDatabaseUrl(), { name: "projection test", withDefaultAgent: true });
  orgId = org.orgId;
  agentId = org.defaultAgentId as string;
  prisma = createGatewayPrisma(testDatabaseUrl(), 2);
});
afterAll(async () => {
  await prisma.callAttempt.deleteMany({ where: { call: { orgId } } });
  await prisma.callRecord.deleteMany({ where: { orgId } });
  await prisma.apiKey.deleteMany({ where: { orgId } });
  await prisma.agent.deleteMany({ where: { orgId } });
  await prisma.organization.delete({ where: { id: orgId } });
  await prisma.$disconnect();
});

const newRecord = async () => {
  const call = newCallOut({ id: randomUUID(), agent_id: agentId, to_number: "+15551230100", created_at: new Date().toISOString() });
  await prisma.callRecord.create({ data: { id: call.id, orgId, agentId, status: "queued", toNumber: call.to_number, maxAttempts: 3 } });
  return call;
};
const at = (second: number) => new Date(Date.UTC(2026, 11, 1, 0, 0, second)).toISOString();
const event = (type: "call.calling" | "call.updated" | "call.completed", call: CallOut, attempt?: AttemptOut): CallEvent =>
  newCallEvent(
    type,
    "dialer",
    { org_id: orgId, webhook_url: null, call, ...(attempt ? { attempt } : {}) },
    { id: randomUUID(), time: new Date() },
  );
const ended = (attempt: number, disposition: AttemptOut["disposition"], endedAt: string): AttemptOut => ({
  attempt,
  started_at: at(attempt * 10),
  answered_at: disposition === "completed" ? at(attempt * 10 + 2) : null,
  ended_at: endedAt,
  disposition,
  duration_seconds: disposition === "completed" ? 30 : null,
  error_message: null,
});

describe("call projection (real Postgres)", () => {
  it("moves each record of a batch where one-by-one would, fills every attempt, and a redelivered batch changes nothing", async () => {
    const [first, second] = [await newRecord(), await newRecord()];
    const retryAt = at(300);
    const batch = [
      event("call.calling", { ...first, status: "calling", attempt_count: 1, started_at: at(10) }),
      event("call.calling", { ...second, status: "calling", attempt_count: 1, started_at: at(10) }),
      event("call.updated", { ...first, status: "calling", attempt_count: 1, next_attempt_at: retryAt }, ended(1, "no_answer", at(15))),
      event("call.calling", { ...first, status: "calling", attempt_count: 2, started_at: at(10) }),
      event(
        "call.completed",
        {
          ...first,
          status: "completed",
          attempt_count: 2,
          disposition: "completed",
          duration_seconds: 30,
          transcript: "hello",
          completed_at: at(52),
        },
        ended(2, "completed", at(52)),
      ),
    ];
    const moved = await createCallProjection(prisma).applyAll([...batch, batch[0] as CallEvent]);
    expect(moved.sort()).toEqual([first.id, second.id].sort());

    const record = await prisma.callRecord.findUniqueOrThrow({
      where: { id: first.id },
      include: { attempts: { orderBy: { attempt: "asc" } } },
    });
    expect(record).toMatchObject({
      status: "completed",
      attemptCount: 2,
      disposition: "completed",
      durationSeconds: 30,
      // Only call.analyzed writes the conversation's fields: a lifecycle snapshot never sets (or blanks) them.
      transcript: null,
      nextAttemptAt: null,
    });
    expect(record.completedAt?.toISOString()).toBe(at(52));
    expect(record.attempts.map((row) => [row.attempt, row.disposition, row.endedAt?.toISOString() ?? null, row.durationSeconds])).toEqual([
      [1, "no_answer", at(15), null],
      [2, "completed", at(52), 30],
    ]);
    expect(record.attempts[1]?.answeredAt?.toISOString()).toBe(at(22));
    const other = await prisma.callRecord.findUniqueOrThrow({ where: { id: second.id }, include: { attempts: true } });
    expect(other).toMatchObject({ status: "calling", attemptCount: 1 });
    expect(other.attempts.map((row) => [row.attempt, row.endedAt])).toEqual([[1, null]]);

    // A redelivery of the same batch (a crash before the offset commit) finds every event id.
    expect(await createCallProjection(prisma).applyAll(batch)).toEqual([]);
    expect(await prisma.callRecord.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      status: "completed",
      updatedAt: record.updatedAt,
    });
  });

  it("an event behind the record changes nothing, an edit at the same progress applies, the last of them wins", async () => {
    const call = await newRecord();
    const retrying = { ...call, status: "calling" as const, attempt_count: 1 };
    const projection = createCallProjection(prisma);
    await projection.applyAll([event("call.updated", { ...retrying, next_attempt_at: at(300) }, ended(1, "busy", at(12)))]);
    const moved = await projection.applyAll([
      event("call.calling", { ...retrying }),
      event("call.updated", { ...retrying, next_attempt_at: at(400) }),
      event("call.updated", { ...retrying, next_attempt_at: at(500) }),
    ]);
    expect(moved).toEqual([call.id]);
    const record = await prisma.callRecord.findUniqueOrThrow({ where: { id: call.id } });
    expect(record.nextAttemptAt?.toISOString()).toBe(at(500));
    expect(await projection.applyAll([event("call.calling", { ...retrying })])).toEqual([]);
  });
});
