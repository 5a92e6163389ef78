import { randomUUID } from "node:crypto";
import { CallList, CallOut, ErrorEnvelope, UsageOut } from "@voxbridge/contracts";
import type { startReceiver } from "@voxbridge/webhooks/test-harness";
import { request } from "undici";
import type { dialLog } from "../e2e/dialer-support";
import { apiClient } from "../support/api-client";
import { eventually } from "../support/eventually";
import { SERVICES, type ServiceProcesses } from "../support/service-processes";

type Answer = { status: number | "no answer"; ms: number; type: string | null };

/**
 * Two partners' worth of creates, each with its own Idempotency-Key and retried with that key
 * until it is a 201, as a client with a retry budget does through an outage.
 */
export function partnerTraffic(
  gatewayUrl: string | string[],
  apiKey: string,
  options: { numberFor?: (n: number) => string; total?: number; concurrency?: number } = {},
) {
  const gateways = Array.isArray(gatewayUrl) ? gatewayUrl : [gatewayUrl];
  const answers: Answer[] = [];
  const pending = new Set<string>();
  const created: { key: string; ids: Set<string>; to: string; gateway: number }[] = [];
  let sending = true;
  let sent = 0;

  const createWithRetries = async () => {
    const n = sent++;
    const to = options.numberFor?.(n) ?? "+15551234567";
    let gateway = n % gateways.length;
    const key = randomUUID();
    const ids = new Set<string>();
    pending.add(key);
    for (let attempt = 0; attempt < 400 && pending.has(key); attempt++) {
      const started = Date.now();
      const response = await request(`${gateways[gateway]}/v1/calls/outbound`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify({ to }),
        headersTimeout: 15_000,
        bodyTimeout: 15_000,
      }).catch(() => null);
      const text = response ? await response.body.text().catch(() => null) : null;
      if (response === null || text === null) {
        answers.push({ status: "no answer", ms: Date.now() - started, type: null });
        // A partner with several endpoints (or a load balancer) tries the next gateway.
        gateway = (gateway + 1) % gateways.length;
      } else {
        const body = JSON.parse(text) as unknown;
        answers.push({
          status: response.statusCode,
          ms: Date.now() - started,
          type: response.statusCode >= 400 ? ErrorEnvelope.parse(body).error.type : null,
        });
        if (response.statusCode === 201) {
          ids.add(CallOut.parse(body).id);
          pending.delete(key);
        }
      }
      if (pending.has(key)) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    created.push({ key, ids, to, gateway });
  };
  const send = async () => {
    while (sending && (options.total === undefined || sent < options.total)) {
      await createWithRetries();
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  };
  const senders = Array.from({ length: options.concurrency ?? 2 }, send);

  return {
    answers,
    /** Waits until `count` more calls were accepted than now. */
    flowing: async (what: string, count = 8) => {
      const before = created.length;
      await eventually(what, async () => created.length >= before + count, 90_000);
    },
    /** Resolves once every create is answered (with `total`, once all were sent). */
    done: () => Promise.all(senders),
    stop: async () => {
      sending = false;
      await Promise.all(senders);
      return { answers, pending: [...pending], created };
    },
  };
}

/**
 * Judges a fault from outside, after the traffic stopped: only 201s, 503 envelopes and in-flight
 * 409s were answered, none slower than 10 s; every key got exactly one call; every call ended as
 * its number says (completed unless `expectedStatus` says failed) with no attempt dialed twice;
 * usage equals the completed calls with nothing reserved; every event reached the receiver, a
 * redelivery with its webhook-id and body. Returns the counts for the fault table.
 */
export async function expectNothingLost(options: {
  traffic: Awaited<ReturnType<ReturnType<typeof partnerTraffic>["stop"]>>;
  gatewayUrl: string;
  apiKey: string;
  minutes: number;
  log: ReturnType<typeof dialLog>;
  receiver: Awaited<ReturnType<typeof startReceiver>>;
  /** How each call must end, by the number it called; `completed` unless said otherwise. */
  expectedStatus?: (to: string) => "completed" | "failed";
  /** The services' processes, whose log tails a timeout prints. */
  system: Pick<ServiceProcesses, "logTail">;
}) {
  const { answers, pending, created } = options.traffic;
  const api = apiClient(options.gatewayUrl, options.apiKey);
  /**
   * A 200's body; null for a 503 envelope (a dependency still coming back) or a 429 (the key's
   * rate limit, after a long wait): a partner asks again.
   */
  const read = async (path: string) => {
    const response = await api.get(path);
    if (response.status === 503 && ErrorEnvelope.parse(response.body).error.type === "dependency_unavailable") return null;
    if (response.status === 429 && ErrorEnvelope.parse(response.body).error.type === "rate_limited") return null;
    expect([path, response.status]).toEqual([path, 200]);
    return response.body;
  };
  const statuses = [...new Set(answers.map((a) => a.status))].filter((s) => s !== "no answer");
  expect(statuses.filter((s) => s !== 201 && s !== 503 && s !== 409)).toEqual([]);
  expect(answers.filter((a) => a.status === 503 && a.type !== "dependency_unavailable")).toEqual([]);
  expect(answers.filter((a) => a.status === 409 && a.type !== "idempotency_key_in_flight")).toEqual([]);
  expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(10_000);
  expect(pending).toEqual([]);
  expect(created.filter((c) => c.ids.size !== 1)).toEqual([]);
  const ids = created.flatMap((c) => [...c.ids]);
  expect(new Set(ids).size).toBe(ids.length);

  // What a timeout prints: the calls still open at the last poll, and each service's last log lines.
  let open: Pick<CallOut, "id" | "status" | "attempt_count">[] = [];
  const explain = async () => ({
    open: open.slice(0, 10).map((c) => [c.id, c.status, c.attempt_count]),
    openCount: open.length,
    logs: Object.fromEntries(SERVICES.map((service) => [service, options.system.logTail(service)])),
  });
  const finals = await eventually(
    "every call to end",
    async () => {
      // Read by pages, as a partner would: one GET per call per poll would spend the key's rate limit.
      const wanted = new Set(ids);
      const calls: CallOut[] = [];
      for (let offset = 0; ; offset += 100) {
        const body = await read(`/v1/calls?limit=100&offset=${offset}`);
        if (body === null) return null;
        const page = CallList.parse(body);
        calls.push(...page.items.filter((c) => wanted.has(c.id)));
        if (offset + page.items.length >= page.total || page.items.length === 0) break;
      }
      expect(calls.length).toBe(ids.length);
      open = calls.filter((c) => c.status !== "completed" && c.status !== "failed");
      return open.length === 0 ? calls : null;
    },
    120_000,
    explain,
  );
  const expectedOf = options.expectedStatus ?? (() => "completed");
  expect(finals.filter((c) => c.status !== expectedOf(c.to_number)).map((c) => [c.to_number, c.status])).toEqual([]);
  const completed = finals.filter((c) => c.status === "completed").length;
  const perAttempt = new Map<string, number>();
  for (const d of options.log.read()) perAttempt.set(`${d.call_id}:${d.attempt}`, (perAttempt.get(`${d.call_id}:${d.attempt}`) ?? 0) + 1);
  expect([...perAttempt].filter(([, n]) => n > 1)).toEqual([]);

  // Each completed call bills its one minute; nothing stays reserved.
  const usage = await eventually(
    "usage settled",
    async () => {
      const body = await read("/v1/usage");
      if (body === null) return null;
      const now = UsageOut.parse(body);
      return now.minutes_reserved === 0 && now.minutes_used === completed ? now : null;
    },
    60_000,
  );
  expect(usage.minutes_remaining).toBe(options.minutes - completed);

  // Each call's queued and its end once, one calling per attempt, one updated per retry scheduled.
  const retriesOf = (c: CallOut) => Math.max(0, c.attempt_count - 1);
  const expected = finals.reduce((sum, c) => sum + 2 + c.attempt_count + retriesOf(c), 0);
  const received = options.receiver.received;
  await eventually(
    "every event delivered",
    async () => new Set(received.map((r) => r.headers["webhook-id"])).size >= expected,
    120_000,
    explain,
  );
  const bodies = new Map<string, string>();
  const perCall = new Map<string, Map<string, Set<string>>>();
  const changed: string[] = [];
  for (const r of received) {
    const webhookId = String(r.headers["webhook-id"]);
    if ((bodies.get(webhookId) ?? r.body) !== r.body) changed.push(webhookId);
    bodies.set(webhookId, r.body);
    const event = JSON.parse(r.body) as { type: string; data: { id: string } };
    const types = perCall.get(event.data.id) ?? new Map<string, Set<string>>();
    types.set(event.type, (types.get(event.type) ?? new Set()).add(webhookId));
    perCall.set(event.data.id, types);
  }
  expect(changed).toEqual([]);
  const wrong = finals.filter((c) => {
    const types = perCall.get(c.id);
    return (
      types?.get("call.queued")?.size !== 1 ||
      types.get(`call.${c.status}`)?.size !== 1 ||
      types.get("call.calling")?.size !== c.attempt_count ||
      (types.get("call.updated")?.size ?? 0) !== retriesOf(c)
    );
  });
  const describe = (c: CallOut) => ({
    id: c.id,
    status: c.status,
    attempts: c.attempt_count,
    delivered: Object.fromEntries([...(perCall.get(c.id) ?? new Map<string, Set<string>>())].map(([type, seen]) => [type, seen.size])),
  });
  expect(wrong.slice(0, 5).map(describe)).toEqual([]);
  expect(bodies.size).toBe(expected);

  return {
    finals,
    requests: answers.length,
    calls: ids.length,
    unanswered: answers.filter((a) => a.status === "no answer").length,
    refused: answers.filter((a) => a.status === 503).length,
    redialed: finals.filter((c) => c.attempt_count > 1).length,
    events: bodies.size,
    redeliveries: received.length - bodies.size,
    slowestMs: Math.max(...answers.map((a) => a.ms)),
  };
}

/** The fault table's line for one run. */
export const faultLine = (name: string, counts: Awaited<ReturnType<typeof expectNothingLost>>, extra = "") =>
  `fault ${name}: ${counts.requests} requests for ${counts.calls} calls (${counts.unanswered} unanswered, ${counts.refused} answered 503, ` +
  `0 other 5xx, slowest ${counts.slowestMs} ms); 0 lost, 0 doubled, 0 attempts dialed twice, ${counts.redialed} calls redialed as a ` +
  `new attempt; ${counts.events} events delivered once each, ${counts.redeliveries} redeliveries${extra}`;
