import { inSpan, type Logger } from "@voxbridge/kit/core";
import { type AttemptResult, honoursRetryAfter, judgeAttempt, leaseMs } from "../domain/delivery-outcome";
import { nextRetryDelayMs, type RetryPolicy } from "../domain/retry-schedule";
import { signatureHeader, webhookIdOf } from "../domain/signing";
import { webhookBody } from "../domain/webhook-payload";
import type { DeliveryDecision, DeliveryStore, DueDelivery, RecordedAttempt, WebhookSender } from "./ports";

export type DeliveryWorkerDeps = {
  store: DeliveryStore;
  sender: WebhookSender;
  /** Scheduling time (retry timers, leases); a manual clock in tests. */
  clock: () => Date;
  /** Wall time for `webhook-timestamp`, which receivers compare with their own clock. */
  wallClock?: () => Date;
  random?: () => number;
  policy: RetryPolicy;
  timeoutMs: number;
  maxPayloadBytes: number;
  /** Attempts in flight at once in this instance. */
  concurrency: number;
  /** Safety net for due retries and other instances' work; new events wake the worker at once. */
  pollIntervalMs: number;
  logger: Logger;
  /** Told the outcome of every attempt (metrics). */
  onAttempt?: (outcome: DeliveryDecision["kind"], delivery: DueDelivery) => void;
};

export type DeliveryWorker = {
  start: () => void;
  /** Looks for due work now (a new event was stored, a delivery was replayed). */
  wake: () => void;
  /** Finishes in-flight attempts and stops claiming. */
  stop: () => Promise<void>;
};

/** Claims due deliveries, signs and sends them, and records what happened; safe with many instances. */
export function createDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const { store, logger } = deps;
  const wallClock = deps.wallClock ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const inFlight = new Set<Promise<void>>();
  let stopped = true;
  let woken = false;
  let waiter: (() => void) | undefined;
  let loop: Promise<void> | undefined;
  // Outcomes are recorded in batches by one writer: while a batch is being written, the next gathers.
  let pending: { attempt: RecordedAttempt; done: () => void; failed: (error: unknown) => void }[] = [];
  let writing = false;

  const flush = async () => {
    writing = true;
    try {
      while (pending.length > 0) {
        const batch = pending;
        pending = [];
        try {
          await store.recordAttempts(batch.map((entry) => entry.attempt));
          for (const entry of batch) entry.done();
        } catch (error) {
          for (const entry of batch) entry.failed(error);
        }
      }
    } finally {
      writing = false;
    }
  };
  const record = (attempt: RecordedAttempt) =>
    new Promise<void>((done, failed) => {
      pending.push({ attempt, done, failed });
      if (!writing) void flush();
    });

  const wake = () => {
    woken = true;
    waiter?.();
  };
  const idle = () =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      const timer = setTimeout(done, deps.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        waiter = undefined;
        resolve();
      }
      waiter = done;
    });

  const decide = (delivery: DueDelivery, result: AttemptResult, now: Date): DeliveryDecision => {
    const verdict = judgeAttempt(result);
    if (verdict === "delivered") return { kind: "delivered" };
    if (verdict === "gone") return { kind: "failed", reason: "410 Gone", disableEndpoint: "the endpoint answered 410 Gone" };
    const retryAfter = honoursRetryAfter(result.status) ? result.retryAfterMs : null;
    const delay = nextRetryDelayMs(deps.policy, delivery.attemptNumber, random, retryAfter);
    if (delay === null) return { kind: "failed", reason: result.error ?? "failed", disableEndpoint: null };
    return { kind: "retry", nextAttemptAt: new Date(now.getTime() + delay) };
  };

  const attempt = async (delivery: DueDelivery) => {
    const attemptedAt = deps.clock();
    if (delivery.secretError !== null) {
      const result = { status: null, error: delivery.secretError, retryAfterMs: null, durationMs: 0 };
      const decision = decide(delivery, result, attemptedAt);
      await record({ delivery, attemptedAt, result, decision });
      deps.onAttempt?.(decision.kind, delivery);
      logger.error(
        { deliveryId: delivery.id, error: delivery.secretError, decision: decision.kind },
        "webhook not sent: its signing secret is unreadable",
      );
      return;
    }
    if (delivery.secrets === null) {
      const result = { status: null, error: delivery.blockedReason ?? "not deliverable", retryAfterMs: null, durationMs: 0 };
      await record({ delivery, attemptedAt, result, decision: { kind: "failed", reason: result.error, disableEndpoint: null } });
      return;
    }
    const body = webhookBody(delivery.event, delivery.sequence);
    if (Buffer.byteLength(body) > deps.maxPayloadBytes) {
      const result = { status: null, error: `payload exceeds ${deps.maxPayloadBytes} bytes`, retryAfterMs: null, durationMs: 0 };
      await record({ delivery, attemptedAt, result, decision: { kind: "failed", reason: result.error, disableEndpoint: null } });
      return;
    }
    const webhookId = webhookIdOf(delivery.id);
    const timestamp = Math.floor(wallClock().getTime() / 1000);
    const result = await deps.sender.send({
      url: delivery.url,
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": "VoxBridge-Webhooks/1",
        "webhook-id": webhookId,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signatureHeader(delivery.secrets, webhookId, timestamp, body),
      },
    });
    const decision = decide(delivery, result, deps.clock());
    await record({ delivery, attemptedAt, result, decision });
    deps.onAttempt?.(decision.kind, delivery);
    logger.debug(
      { deliveryId: delivery.id, callId: delivery.event.subject, status: result.status, error: result.error, decision: decision.kind },
      "webhook attempt",
    );
  };

  const run = async () => {
    while (!stopped) {
      woken = false;
      const free = deps.concurrency - inFlight.size;
      // Claim in batches (half the slots at least) unless idle: one claim query per delivery would dominate.
      if (free > 0 && (inFlight.size === 0 || free >= Math.max(1, deps.concurrency >> 1))) {
        try {
          const now = deps.clock();
          const due = await store.claimDue(now, new Date(now.getTime() + leaseMs(deps.timeoutMs)), free);
          for (const delivery of due) {
            // A span in the call's trace (the event's): the POST to the receiver is its child.
            const work: Promise<void> = inSpan(
              "deliver webhook",
              { parent: delivery.event.traceparent, attributes: { "voxbridge.webhook_delivery_id": delivery.id } },
              () => attempt(delivery),
            )
              .catch((error: unknown) =>
                logger.error({ err: error, deliveryId: delivery.id }, "webhook attempt not recorded; the lease will retry it"),
              )
              .finally(() => {
                inFlight.delete(work);
                // A settled delivery may unblock the call's next event.
                wake();
              });
            inFlight.add(work);
          }
          if (due.length === free) continue;
        } catch (error) {
          logger.warn({ err: error }, "claiming webhook deliveries failed; will retry");
        }
      }
      await idle();
    }
    await Promise.all(inFlight);
  };

  return {
    start: () => {
      if (!stopped) return;
      stopped = false;
      loop = run();
    },
    wake,
    stop: async () => {
      stopped = true;
      waiter?.();
      await loop;
    },
  };
}
