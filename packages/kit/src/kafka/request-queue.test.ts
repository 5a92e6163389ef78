import { createRequire } from "node:module";

// KafkaJS's per-connection request queue, as patched in patches/kafkajs@2.2.4.patch. Unpatched, an
// idle queue re-armed a 1 ms timer for ever, so every service woke about a thousand times a second
// doing nothing (kafkajs#1556), and swept its in-flight requests for timeouts ten times a second on
// every connection, idle or not.
// This guards the patch against an upgrade that drops it.
type RequestEntry = { correlationId: number; apiName?: string; resolve?: () => void; reject?: (error: Error) => void };
type Queue = {
  pending: unknown[];
  throttledUntil: number;
  checkPendingRequests(): void;
  push(request: { entry: RequestEntry; expectResponse: boolean; sendRequest: () => void }): void;
  scheduleRequestTimeoutCheck(): void;
  fulfillRequest(response: { correlationId: number; payload: Buffer; size: number }): void;
  destroy(): void;
};
const RequestQueue = createRequire(__filename)("kafkajs/src/network/requestQueue") as new (options: object) => Queue;

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const newQueue = (enforceRequestTimeout = false) =>
  new RequestQueue({ clientId: "test", broker: "127.0.0.1:9092", logger: silent, requestTimeout: 30_000, enforceRequestTimeout });

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test("an idle queue arms no timer after a request completes", () => {
  const queue = newQueue();
  queue.checkPendingRequests();
  expect(jest.getTimerCount()).toBe(0);
  queue.destroy();
});

test("a request that waits out a throttle is still sent when it ends", () => {
  const queue = newQueue();
  const sent: number[] = [];
  queue.throttledUntil = Date.now() + 50;
  queue.push({ entry: { correlationId: 1 }, expectResponse: true, sendRequest: () => sent.push(1) });
  expect(sent).toEqual([]);
  expect(jest.getTimerCount()).toBe(1);
  jest.advanceTimersByTime(50);
  expect(sent).toEqual([1]);
  expect(queue.pending).toHaveLength(0);
  expect(jest.getTimerCount()).toBe(0);
  queue.destroy();
});

test("in-flight requests are swept for timeouts once a second, and one that outlives its timeout fails", () => {
  const queue = newQueue(true);
  queue.scheduleRequestTimeoutCheck();
  const timeouts: Error[] = [];
  queue.push({
    entry: { correlationId: 1, apiName: "Fetch", reject: (error) => timeouts.push(error) },
    expectResponse: true,
    sendRequest: () => undefined,
  });
  const swept = jest.spyOn(Date, "now");
  jest.advanceTimersByTime(10_000);
  // each sweep reads the clock once per in-flight request
  expect(swept).toHaveBeenCalledTimes(10);
  swept.mockRestore();
  jest.advanceTimersByTime(21_000);
  expect(timeouts.map((error) => error.name)).toEqual(["KafkaJSRequestTimeoutError"]);
  queue.destroy();
});

test("a connected queue arms its timeout sweep only while a request is in flight", () => {
  const queue = newQueue(true);
  queue.scheduleRequestTimeoutCheck();
  expect(jest.getTimerCount()).toBe(0);
  queue.push({ entry: { correlationId: 1, resolve: () => undefined }, expectResponse: true, sendRequest: () => undefined });
  expect(jest.getTimerCount()).toBe(1);
  queue.fulfillRequest({ correlationId: 1, payload: Buffer.alloc(0), size: 0 });
  expect(jest.getTimerCount()).toBe(0);
  // the next request arms it again
  queue.push({ entry: { correlationId: 2, resolve: () => undefined }, expectResponse: true, sendRequest: () => undefined });
  expect(jest.getTimerCount()).toBe(1);
  queue.destroy();
  expect(jest.getTimerCount()).toBe(0);
});
