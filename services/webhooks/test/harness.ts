import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type CallEvent, type CallEventType, type CallOut, newCallEvent, newCallOut } from "@voxbridge/contracts";
import { createLogger } from "@voxbridge/kit";
import { testDatabaseUrl } from "../../../tests/support/env";
import { createDeliveryLog } from "../src/adapters/delivery-log-store";
import { createDeliveryStore } from "../src/adapters/delivery-store";
import { createEndpointStore } from "../src/adapters/endpoint-store";
import { createHttpSender } from "../src/adapters/http-sender";
import { createWebhooksPool, createWebhooksPrisma, type WebhooksPrisma } from "../src/adapters/prisma";
import { createWebhookEventStore } from "../src/adapters/webhook-event-store";
import { createDeliveryWorker, type DeliveryWorker } from "../src/app/delivery-worker";
import { receiveCallEvents } from "../src/app/receive-call-event";
import type { EndpointDeps } from "../src/app/webhook-endpoints";
import { loadSecretKeyring } from "../src/config";
import type { SecretKeyring } from "../src/domain/secret-keyring";
import { createOrgSigningSecret } from "../src/provisioning";

/** A clock that moves only when told to. */
export function manualClock(start: string) {
  let at = new Date(start).getTime();
  const clock = () => new Date(at);
  clock.advance = (ms: number) => {
    at += ms;
  };
  return clock;
}

export type Received = { headers: IncomingHttpHeaders; body: string; at: number };
/** What the receiver answers: `hang` never answers (until close); `delayMs` answers that late. */
export type Reply = { status: number; headers?: Record<string, string>; hang?: boolean; delayMs?: number };

/** A partner's receiver on 127.0.0.1: records every request and answers what `reply` says. */
export async function startReceiver(reply: (request: Received, index: number) => Reply = () => ({ status: 200 })) {
  const received: Received[] = [];
  const hanging: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      const answer = reply(request, received.length);
      received.push(request);
      if (answer.hang) {
        hanging.push(() => res.destroy());
        return;
      }
      const respond = () => {
        res.writeHead(answer.status, answer.headers ?? {});
        res.end("ok");
      };
      if (answer.delayMs) setTimeout(respond, answer.delayMs);
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    close: async () => {
      for (const release of hanging) release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A call as partners see it. */
export function callOut(overrides: Partial<CallOut> = {}): CallOut {
  return newCallOut({
    id: randomUUID(),
    agent_id: randomUUID(),
    to_number: "+14155550100",
    metadata: { crm_id: "lead-42" },
    created_at: new Date().toISOString(),
    ...overrides,
  });
}

const STATUS_OF: Record<CallEventType, CallOut["status"]> = {
  "call.queued": "queued",
  "call.calling": "calling",
  "call.updated": "calling",
  "call.completed": "completed",
  "call.failed": "failed",
  "call.canceled": "canceled",
};

/** One lifecycle event of `call` for `orgId`. */
export function lifecycleEvent(type: CallEventType, orgId: string, call: CallOut, webhookUrl: string | null): CallEvent {
  const data = { org_id: orgId, webhook_url: webhookUrl, call: { ...call, status: STATUS_OF[type] } };
  const options = { id: randomUUID(), time: new Date() };
  if (type === "call.queued") {
    const agent = {
      id: call.agent_id,
      system_prompt: "hi",
      voice: null,
      language: null,
      max_duration_seconds: 600,
      voicemail_action: "hangup" as const,
      calling_window: null,
    };
    return newCallEvent("call.queued", "test", { ...data, agent, calling_window: null }, options);
  }
  return newCallEvent(type, "test", data, options);
}

export type HarnessOptions = {
  delaysSeconds?: number[];
  timeoutMs?: number;
  allowPrivateNetworks?: boolean;
  resolveHost?: (host: string) => Promise<string[]>;
  maxPayloadBytes?: number;
  /** The keys secrets are stored under; default the local development key. */
  keyring?: SecretKeyring;
};

/**
 * The delivery half of the service against the real Postgres (the test file's own database): event
 * intake, the worker, the endpoint store and the log, with a manual clock the test moves. Tests of a
 * file run one after another, and `stop` takes the org's deliveries that still wait out of the
 * next test's way.
 */
export async function startHarness(options: HarnessOptions = {}) {
  const orgId = randomUUID();
  let keyring = options.keyring ?? loadSecretKeyring({});
  const orgSecret = await createOrgSigningSecret(testDatabaseUrl(), orgId, keyring);
  const clock = manualClock("2100-01-01T00:00:00Z");
  const logger = createLogger({ service: "webhooks-test", level: "silent" });
  const prismas: WebhooksPrisma[] = [];
  const pools: { end: () => Promise<void> }[] = [];
  const senders: { close: () => Promise<void> }[] = [];
  const newWorker = (): DeliveryWorker => {
    const pool = createWebhooksPool(testDatabaseUrl(), 4);
    pools.push(pool);
    const sender = createHttpSender({
      timeoutMs: options.timeoutMs ?? 5_000,
      maxResponseBytes: 4_096,
      allowPrivateNetworks: options.allowPrivateNetworks ?? true,
      resolveHost: options.resolveHost,
    });
    senders.push(sender);
    const worker = createDeliveryWorker({
      store: createDeliveryStore(pool, keyring),
      sender,
      clock,
      policy: { delaysSeconds: options.delaysSeconds ?? [1, 2, 4, 8, 16], jitter: 0 },
      timeoutMs: options.timeoutMs ?? 5_000,
      maxPayloadBytes: options.maxPayloadBytes ?? 256 * 1024,
      concurrency: 8,
      pollIntervalMs: 100,
      logger,
    });
    worker.start();
    return worker;
  };
  const prisma = createWebhooksPrisma(testDatabaseUrl(), 4);
  prismas.push(prisma);
  let worker = newWorker();
  const intakePool = createWebhooksPool(testDatabaseUrl(), 4, undefined, "intake");
  pools.push(intakePool);
  const events = createWebhookEventStore(intakePool);
  const endpointDeps: EndpointDeps = {
    endpoints: createEndpointStore(prisma, keyring),
    checkUrl: async () => undefined,
    newId: randomUUID,
    newSecret: () => `whsec_${Buffer.from(randomUUID()).toString("base64")}`,
    clock,
  };

  return {
    orgId,
    orgSecret,
    clock,
    prisma,
    endpointDeps,
    log: createDeliveryLog(prisma),
    get worker() {
      return worker;
    },
    /** Redeploys with other keys: the endpoint store and a fresh worker use `next` from now on. */
    useKeyring: async (next: SecretKeyring) => {
      keyring = next;
      endpointDeps.endpoints = createEndpointStore(prisma, keyring);
      await worker.stop();
      worker = newWorker();
    },
    /** Stops the worker (as a process exit would) and starts a fresh one with its own connections. */
    restartWorker: async () => {
      await worker.stop();
      worker = newWorker();
    },
    /** Claims due deliveries the way a worker that then dies would: leased, never recorded. */
    claimAndVanish: async (leaseMs: number) => {
      const pool = createWebhooksPool(testDatabaseUrl(), 1);
      try {
        const now = clock();
        return await createDeliveryStore(pool, keyring).claimDue(now, new Date(now.getTime() + leaseMs), 10);
      } finally {
        await pool.end();
      }
    },
    /** Stops the worker without starting another. */
    stopWorker: () => worker.stop(),
    startWorker: () => {
      worker = newWorker();
    },
    /** Takes in one event: what it stored, or null for a redelivery. */
    receive: async (event: CallEvent) =>
      (await receiveCallEvents({ events, clock, wakeDeliveries: () => worker.wake() }, [event]))[0] ?? null,
    /** Takes in events as one fetched batch, the way the consumer does. */
    receiveBatch: (batch: CallEvent[]) => receiveCallEvents({ events, clock, wakeDeliveries: () => worker.wake() }, batch),
    /** Moves the scheduling clock and lets the worker look. */
    advance: (ms: number) => {
      clock.advance(ms);
      worker.wake();
    },
    deliveries: async (callId: string) =>
      prisma.webhookDelivery.findMany({ where: { orgId, callId }, orderBy: [{ sequence: "asc" }, { createdAt: "asc" }] }),
    /** True once the call's first delivery has `count` attempts recorded (not merely claimed). */
    recorded: async (callId: string, count: number) => {
      const [first] = await prisma.webhookDelivery.findMany({ where: { orgId, callId }, orderBy: { sequence: "asc" }, take: 1 });
      return first !== undefined && (await prisma.webhookAttempt.count({ where: { deliveryId: first.id } })) === count;
    },
    attempts: (deliveryId: string) => prisma.webhookAttempt.findMany({ where: { deliveryId }, orderBy: { id: "asc" } }),
    /** Every delivery of the org with its attempts: what a test that timed out prints. */
    state: async () => ({
      clock: clock().toISOString(),
      deliveries: await prisma.webhookDelivery.findMany({
        where: { orgId },
        select: { callId: true, sequence: true, status: true, attemptCount: true, nextAttemptAt: true, leasedUntil: true, lastError: true },
        orderBy: { createdAt: "asc" },
      }),
    }),
    stop: async () => {
      await worker.stop();
      await prisma.webhookDelivery.deleteMany({ where: { orgId, status: "pending" } });
      for (const sender of senders) await sender.close();
      for (const client of prismas) await client.$disconnect();
      for (const pool of pools) await pool.end();
    },
  };
}
export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** The independent Standard Webhooks verifier, re-exported for tests outside this package (it is this package's dev dependency). */
export { Webhook } from "standardwebhooks";
