import { randomBytes } from "node:crypto";
import { context, propagation, SpanKind, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import type { Admin, Kafka } from "kafkajs";
import { Registry } from "prom-client";
import { testKafkaBrokers } from "../../../../tests/support/env";
import { eventually } from "../../../../tests/support/eventually";
import { createLogger } from "../logger";
import { currentTraceparent, traceIdOf, useTracingSdk } from "../trace";
import { createKafka, createProducer, createTopicsAndWait, type EventProducer } from "./client";
import { type RunningConsumer, startConsumer } from "./consumer";

// Kafka's spans with a recording SDK, on the real broker: a send is a producer span in its messages'
// trace (or linked to each of many), a message's handling a consumer span in the trace its header
// carries, and a batch of many traces one span linked to each.

const A = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
const B = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
const exporter = new InMemorySpanExporter();
const silent = createLogger({ service: "kafka-tracing-test", level: "silent" });
let kafka: Kafka;
let admin: Admin;
let producer: EventProducer;
const topics: string[] = [];
const running: RunningConsumer[] = [];

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
  useTracingSdk({ outboundInstrumented: true });
  kafka = createKafka({ clientId: "kafka-tracing-test", brokers: testKafkaBrokers(), logger: silent });
  admin = kafka.admin();
  await admin.connect();
  producer = createProducer(kafka);
  await producer.connect();
});

afterAll(async () => {
  await Promise.all(running.map((consumer) => consumer.stop()));
  await producer?.disconnect();
  if (topics.length > 0) await admin?.deleteTopics({ topics, timeout: 10_000 });
  await admin?.disconnect();
});

async function scratch() {
  const id = randomBytes(5).toString("hex");
  const main = `test-tracing-${id}`;
  const dead = `${main}.dead-letter`;
  topics.push(main, dead);
  await createTopicsAndWait(
    admin,
    [main, dead].map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
  );
  return { main, dead, groupId: `test-tracing-group-${id}` };
}

const spansNamed = (name: string): ReadableSpan[] => exporter.getFinishedSpans().filter((span) => span.name === name);
const linkedTraces = (span: ReadableSpan | undefined) => span?.links.map((link) => link.context.traceId).sort();

describe("Kafka spans", () => {
  it("sends in the messages' trace, or linked to each of their traces", async () => {
    const { main } = await scratch();
    await producer.send({ topic: main, messages: [{ key: "a", value: "1", headers: { traceparent: A } }] });
    await producer.send({
      topic: main,
      messages: [
        { key: "a", value: "2", headers: { traceparent: A } },
        { key: "b", value: "3", headers: { traceparent: B } },
      ],
    });
    const [single, many] = spansNamed(`send ${main}`);
    expect(single?.kind).toBe(SpanKind.PRODUCER);
    expect(single?.spanContext().traceId).toBe(traceIdOf(A));
    expect(single?.parentSpanContext?.spanId).toBe(A.slice(36, 52));
    expect([traceIdOf(A), traceIdOf(B)]).not.toContain(many?.spanContext().traceId);
    expect(linkedTraces(many)).toEqual([traceIdOf(A), traceIdOf(B)].sort());
    expect(many?.attributes["messaging.batch.message_count"]).toBe(2);
  });

  it("handles a message in the trace its header carries, and a batch of many traces in one span linked to each", async () => {
    const alone = await scratch();
    const inTrace: (string | undefined)[] = [];
    await producer.send({ topic: alone.main, messages: [{ key: "a", value: "1", headers: { traceparent: A } }] });
    await start(alone, {
      handle: async () => void inTrace.push(currentTraceparent()),
    });
    await eventually("the message handled", async () => inTrace.length === 1);
    const processed = spansNamed(`process ${alone.main}`).find((span) => span.kind === SpanKind.CONSUMER);
    expect(processed?.spanContext().traceId).toBe(traceIdOf(A));
    expect(processed?.parentSpanContext?.spanId).toBe(A.slice(36, 52));
    expect(traceIdOf(inTrace[0] ?? "")).toBe(traceIdOf(A));

    const batched = await scratch();
    // Produced before the consumer starts, so its first fetch hands both over in one batch.
    await producer.send({
      topic: batched.main,
      messages: [
        { key: "a", value: "1", headers: { traceparent: A } },
        { key: "b", value: "2", headers: { traceparent: B } },
      ],
    });
    const batches: number[] = [];
    await start(batched, {
      handle: async () => undefined,
      handleBatch: async (consumed) => void batches.push(consumed.length),
    });
    await eventually("the batch handled", async () => batches.length === 1);
    expect(batches).toEqual([2]);
    const batch = spansNamed(`process ${batched.main}`)[0];
    expect(batch?.kind).toBe(SpanKind.CONSUMER);
    expect(batch?.parentSpanContext).toBeUndefined();
    expect(linkedTraces(batch)).toEqual([traceIdOf(A), traceIdOf(B)].sort());
  });
});

async function start(
  names: { main: string; dead: string; groupId: string },
  handlers: Pick<Parameters<typeof startConsumer>[0], "handle" | "handleBatch">,
) {
  const consumer = await startConsumer({
    kafka,
    producer,
    logger: silent,
    groupId: names.groupId,
    topics: [names.main],
    deadLetterTopic: names.dead,
    metrics: new Registry(),
    ...handlers,
  });
  running.push(consumer);
}
