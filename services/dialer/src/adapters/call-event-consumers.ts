import { CANCEL_REQUESTED_TYPE, SuppressionEventType, TopicEvent } from "@voxbridge/contracts";
import { decodeEvent, startConsumer, type topicNames } from "@voxbridge/kit";
import { applyCallEvents, type CallEventDeps } from "../app/apply-call-events";

const decodeTopicEvent = (value: Buffer | null) => decodeEvent(value, TopicEvent, "call, cancel request or suppression event");

/**
 * The dialer's two consumers: call events (the gateway's queued calls, edits and cancel requests)
 * and suppressions, on a topic and in a consumer group of their own, so that however long the
 * backlog of call events, an opt-out reaches the dialer's list (and stops its number's dials) at once.
 */
export async function startCallEventConsumers(
  options: Pick<Parameters<typeof startConsumer>[0], "kafka" | "producer" | "logger" | "metrics"> & {
    groupId: string;
    topics: ReturnType<typeof topicNames>;
    callEvents: CallEventDeps;
  },
) {
  const { kafka, topics, producer, logger, metrics, callEvents } = options;
  // Both consumers hand their events to the same use case; one event or a fetched batch at a time.
  const applyEvents: Pick<Parameters<typeof startConsumer>[0], "handle" | "handleBatch"> = {
    handle: ({ message }) => applyCallEvents(callEvents, [decodeTopicEvent(message.value)]),
    handleBatch: (batch) =>
      applyCallEvents(
        callEvents,
        batch.map(({ message }) => decodeTopicEvent(message.value)),
      ),
  };
  const shared = { kafka, producer, deadLetterTopic: topics.deadLetter, logger, metrics, ...applyEvents };
  const calls = await startConsumer({
    ...shared,
    groupId: options.groupId,
    topics: [topics.callEvents],
    // Two of every three events on the topic are the lifecycle's own (calling, completed...): skipped by header, unparsed.
    // call.updated: the gateway's edits (the dialer's own are skipped by source). call.canceled: only from a
    // gateway older than cancel requests, as are suppression events here (they have their own topic now).
    // call.conversation_ended: the voice service's report of an attempt, combined with the carrier's end.
    eventTypes: [
      "call.queued",
      "call.updated",
      CANCEL_REQUESTED_TYPE,
      "call.canceled",
      "call.conversation_ended",
      ...SuppressionEventType.options,
    ],
  });
  const suppressions = await startConsumer({
    ...shared,
    groupId: `${options.groupId}.suppressions`,
    topics: [topics.suppressions],
    eventTypes: SuppressionEventType.options,
  });
  return { calls, suppressions };
}
