import type { Kafka, Producer } from "kafkajs";
import { createProducer, lostProducerState } from "./client";

// A stand-in for KafkaJS's client (the library, not one of ours): each producer it hands out records
// what was done with it, and the first one's sends fail as the test says.
function fakeKafka(firstSendFails: unknown, failedConnects = 0) {
  const made: { connected: boolean; disconnected: boolean; sent: unknown[] }[] = [];
  let connectsToFail = failedConnects;
  const kafka = {
    producer: () => {
      const index = made.length;
      const state = { connected: false, disconnected: false, sent: [] as unknown[] };
      made.push(state);
      return {
        connect: async () => {
          if (index > 0 && connectsToFail-- > 0) throw new Error("Connection error: connect ECONNREFUSED");
          state.connected = true;
        },
        disconnect: async () => {
          state.disconnected = true;
        },
        send: async (record: unknown) => {
          if (index === 0 && firstSendFails) throw firstSendFails;
          state.sent.push(record);
          return [];
        },
        sendBatch: async (batch: unknown) => {
          if (index === 0 && firstSendFails) throw firstSendFails;
          state.sent.push(batch);
          return [];
        },
      } as unknown as Producer;
    },
  } as unknown as Kafka;
  return { kafka, made };
}

const protocolError = (type: string) => Object.assign(new Error(type), { name: "KafkaJSProtocolError", type, retriable: false });
const batch = { topicMessages: [{ topic: "t", messages: [{ value: "v" }] }] };

describe("createProducer", () => {
  it("starts a new KafkaJS producer once the broker has lost its sequence, and still fails the send that saw it", async () => {
    const { kafka, made } = fakeKafka(protocolError("OUT_OF_ORDER_SEQUENCE_NUMBER"));
    const producer = createProducer(kafka);
    await producer.connect();
    await expect(producer.sendBatch(batch)).rejects.toThrow("OUT_OF_ORDER_SEQUENCE_NUMBER");
    expect(made).toHaveLength(2);
    expect(made[0]?.disconnected).toBe(true);
    expect(made[1]?.connected).toBe(true);
    await producer.sendBatch(batch);
    await producer.send({ topic: "t", messages: [] });
    expect(made[1]?.sent).toHaveLength(2);
    await producer.disconnect();
    expect(made[1]?.disconnected).toBe(true);
  });

  it("connects the new producer before the next send when the broker was away again as it started", async () => {
    const { kafka, made } = fakeKafka(protocolError("OUT_OF_ORDER_SEQUENCE_NUMBER"), 1);
    const producer = createProducer(kafka);
    await producer.connect();
    await expect(producer.sendBatch(batch)).rejects.toThrow("OUT_OF_ORDER_SEQUENCE_NUMBER");
    expect(made[1]?.connected).toBe(false);
    await producer.sendBatch(batch);
    expect(made[1]).toMatchObject({ connected: true, sent: [batch] });
  });

  it("keeps its producer through any other failure", async () => {
    const { kafka, made } = fakeKafka(Object.assign(new Error("Connection error"), { name: "KafkaJSConnectionError", retriable: true }));
    const producer = createProducer(kafka);
    await producer.connect();
    await expect(producer.sendBatch(batch)).rejects.toThrow("Connection error");
    await expect(producer.send({ topic: "t", messages: [] })).rejects.toThrow("Connection error");
    expect(made).toHaveLength(1);
  });

  it("does not start a producer after it was disconnected", async () => {
    const { kafka, made } = fakeKafka(protocolError("UNKNOWN_PRODUCER_ID"));
    const producer = createProducer(kafka);
    await producer.connect();
    await producer.disconnect();
    await expect(producer.sendBatch(batch)).rejects.toThrow("UNKNOWN_PRODUCER_ID");
    expect(made).toHaveLength(1);
  });
});

describe("lostProducerState", () => {
  it("finds the broker's verdict in the error or in what it wraps, and nowhere else", () => {
    expect(lostProducerState(protocolError("INVALID_PRODUCER_EPOCH"))).toBe(true);
    expect(lostProducerState(Object.assign(new Error("retries exceeded"), { cause: protocolError("OUT_OF_ORDER_SEQUENCE_NUMBER") }))).toBe(
      true,
    );
    expect(lostProducerState(Object.assign(new Error("wrapped"), { originalError: protocolError("UNKNOWN_PRODUCER_ID") }))).toBe(true);
    expect(lostProducerState(protocolError("NOT_LEADER_OR_FOLLOWER"))).toBe(false);
    expect(lostProducerState(new Error("OUT_OF_ORDER_SEQUENCE_NUMBER"))).toBe(false);
    expect(lostProducerState(null)).toBe(false);
  });
});
