import type { Consumer, ConsumerRunConfig } from "kafkajs";
import type { Counter } from "prom-client";
import type { Logger } from "../logger";

export type SupervisedRunOptions = {
  consumer: Consumer;
  groupId: string;
  config: ConsumerRunConfig;
  logger: Logger;
  /** True once the owner is stopping: a crash then is not restarted. */
  isStopping: () => boolean;
  /** Counts the restarts this supervisor made (KafkaJS's own are not counted). */
  restarts: Counter<"group">;
  /** First wait before a restart; doubles per crash in a row up to `maxDelayMs`, back to this once the group is joined. */
  initialDelayMs?: number;
  maxDelayMs?: number;
};

/**
 * `consumer.run(config)`, restarted whenever KafkaJS gives up on it. KafkaJS restarts a crashed
 * consumer only when the crash's root cause is an error it marks retriable; a non-retriable one
 * (a group coordinator not found while a restarted broker loads its offsets, a generation fenced by
 * a rebalance, an unexpected error thrown inside the run loop) leaves the consumer stopped for good
 * while the process looks healthy, which would need an operator to restart the service. Here every
 * such crash is logged, counted and followed by a new run on the same consumer after a backoff;
 * offsets were committed only for finished work, so the new run redelivers, never skips.
 */
export async function runSupervised(options: SupervisedRunOptions): Promise<{ stop: () => Promise<void> }> {
  const { consumer, groupId, logger } = options;
  const initialDelayMs = options.initialDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  let delayMs = initialDelayMs;
  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;

  const rerun = async () => {
    timer = undefined;
    if (options.isStopping()) return;
    try {
      await consumer.connect();
      // A crash inside this run emits CRASH again, which schedules the next attempt.
      await consumer.run(options.config);
    } catch (error) {
      // connect or run refused outright (the broker still away): try again later.
      logger.warn({ groupId, err: error }, "restarting the Kafka consumer failed; trying again");
      schedule();
    }
  };
  const schedule = () => {
    if (options.isStopping() || timer) return;
    timer = setTimeout(() => {
      restarting = rerun().finally(() => {
        restarting = undefined;
      });
    }, delayMs);
    delayMs = Math.min(delayMs * 2, maxDelayMs);
  };

  consumer.on(consumer.events.GROUP_JOIN, () => {
    delayMs = initialDelayMs;
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart || options.isStopping()) return;
    options.restarts.inc({ group: groupId });
    logger.error(
      { groupId, err: payload.error, restartInMs: delayMs },
      "Kafka consumer crashed and KafkaJS will not restart it; restarting it",
    );
    schedule();
  });

  await consumer.run(options.config);
  return {
    /** Cancels a restart not yet begun and waits for one under way; the caller then disconnects the consumer. */
    stop: async () => {
      clearTimeout(timer);
      timer = undefined;
      await restarting;
    },
  };
}
