import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import {
  closeServer,
  createHttpApp,
  createKafka,
  createLogger,
  createMetricsRegistry,
  createOutboxRelay,
  createPool,
  createProducer,
  ensureTopics,
  finishHttpApp,
  type Logger,
  listen,
  type Retention,
  type ShutdownStep,
  startManagementServer,
  startRetention,
  topicNames,
  topicSettings,
} from "@voxbridge/kit";
import { startCallEventConsumers } from "./adapters/call-event-consumers";
import { registerOldestDueJobAge } from "./adapters/due-backlog-age";
import { listenForJobs } from "./adapters/job-notifications";
import { createQuotaAllowance } from "./adapters/quota-allowance";
import { DIALER_VACUUMED_TABLES, dialerRetentionRules } from "./adapters/retention-rules";
import { DIALER_SCHEMA } from "./adapters/schema";
import { createDialerStores } from "./adapters/stores";
import { createTelephony } from "./adapters/telephony";
import { createVoiceControls } from "./adapters/voice-controls";
import type { CallEventDeps } from "./app/apply-call-events";
import { endOverdueConversations } from "./app/conversation-report";
import { createDialScheduler } from "./app/dial-scheduler";
import { createHousekeeping } from "./app/housekeeping";
import type { CarrierReportSink, ClaimedDial, ClaimPass } from "./app/ports";
import { withPrefetch } from "./app/prefetched-allowance";
import { type CarrierReportDeps, recordCarrierReportDurably } from "./app/record-carrier-report";
import { createSendPacer } from "./app/send-pacer";
import type { DialerConfig } from "./config";
import { createDialerMetrics } from "./dialer-metrics";
import { DIALER_EVENT_SOURCE } from "./domain/lifecycle-event";
import { PACING_WINDOW_MS } from "./domain/pacing";

export type RunningDialer = {
  port: number;
  managementPort: number;
  logger: Logger;
  instanceId: string;
  shutdownSteps: ShutdownStep[];
  retention: Retention;
  /** Graceful: stop claiming, let live calls finish (up to the shutdown timeout), commit offsets. */
  stop: () => Promise<void>;
  /** For tests: dies like a killed process (live calls vanish unreported, nothing handed over). */
  crash: () => Promise<void>;
};

/** Starts the dialer: consumes `call.queued`, cancel requests and suppression changes, schedules, paces and dials, publishes the lifecycle. */
export async function startDialer(
  config: DialerConfig,
  logger = createLogger({ service: "dialer", level: config.LOG_LEVEL }),
  hooks: { onDial?: (dial: ClaimedDial) => void; onPass?: (pass: ClaimPass) => void } = {},
): Promise<RunningDialer> {
  const instanceId = randomUUID();
  const metrics = createMetricsRegistry("dialer", config);
  const settings = [`search_path=${DIALER_SCHEMA}`];
  const pool = createPool(config.DATABASE_URL, { max: config.DB_POOL_SIZE, applicationName: "dialer", settings, logger });
  registerOldestDueJobAge(metrics, pool);
  // LISTEN connections, the relay's publisher and the retention pass, apart from the working pool:
  // DB_POOL_SIZE counts connections that claim and record calls, none of them parked on a LISTEN.
  const relayPool = createPool(config.DATABASE_URL, { max: 4, applicationName: "dialer-outbox", settings, logger });
  const kafka = createKafka({ clientId: "dialer", settings: config, logger });
  const topics = topicNames(config.KAFKA_TOPIC_PREFIX);
  const admin = kafka.admin();
  const producer = createProducer(kafka, logger);

  // The sink is bound late: the adapter reports into the state machine, which wakes the scheduler.
  let report: CarrierReportSink = async () => undefined;
  const sink: CarrierReportSink = (callId, attempt, r) => report(callId, attempt, r);
  const telephony = createTelephony(config, sink, logger);
  const stores = createDialerStores({
    pool,
    topic: topics.callEvents,
    account: telephony.account,
    cps: config.DIALER_CPS,
    orgConcurrency: config.DIALER_ORG_CONCURRENCY,
  });
  const allowance = withPrefetch(
    createQuotaAllowance({ baseUrl: config.QUOTA_URL, token: config.QUOTA_API_TOKEN, timeoutMs: config.QUOTA_TIMEOUT_MS, logger }),
  );
  const { dials, pacingWaits, claimPasses, attemptsEnded } = createDialerMetrics(metrics, {
    liveCalls: () => telephony.liveCalls(),
    dueBacklog: () => stores.claims.dueBacklog(),
  });
  const scheduler = createDialScheduler({
    ...stores,
    telephony,
    allowance,
    paceSend: createSendPacer({ cps: config.DIALER_CPS, windowMs: PACING_WINDOW_MS }),
    report: sink,
    logger,
    owner: instanceId,
    claimBatch: 100,
    pollIntervalMs: config.DIALER_POLL_INTERVAL_MS,
    onDial: (dial) => {
      dials.inc();
      hooks.onDial?.(dial);
    },
    onPass: (pass) => {
      claimPasses.inc();
      if (pass.paced) pacingWaits.inc();
      hooks.onPass?.(pass);
    },
  });
  const voice = createVoiceControls(config);
  const reportDeps: CarrierReportDeps = {
    ...stores,
    voice,
    mediaToVoice: telephony.mediaToVoice,
    reportWaitSeconds: config.DIALER_CONVERSATION_REPORT_WAIT_SECONDS,
    retryDelaySeconds: config.DIALER_RETRY_DELAY_SECONDS,
    logger,
    onEnded: scheduler.wake,
  };
  const housekeeping = createHousekeeping({
    ...stores,
    telephony,
    report: sink,
    overdueConversations: () => endOverdueConversations(reportDeps, 100),
    cancelClosingSeconds: config.DIALER_CANCEL_CLOSING_SECONDS,
    logger,
    owner: instanceId,
    leaseSeconds: config.DIALER_INSTANCE_LEASE_SECONDS,
    batch: 100,
    recheckSeconds: config.DIALER_RECONCILE_SECONDS,
    callbackGraceSeconds: config.DIALER_CALLBACK_GRACE_SECONDS,
    settleSeconds: config.DIALER_UNKNOWN_SETTLE_SECONDS,
  });
  let stopping = false;
  report = (callId, attempt, r) => {
    if (r.kind === "ended") attemptsEnded.inc({ outcome: r.outcome });
    return recordCarrierReportDurably({ ...reportDeps, isStopping: () => stopping }, callId, attempt, r);
  };

  await admin.connect();
  await ensureTopics(admin, topicSettings(config));
  await producer.connect();
  // Rows name their real (prefixed) topic.
  const relay = createOutboxRelay({ pool: relayPool, schema: DIALER_SCHEMA, producer, topicFor: (topic) => topic, logger, metrics });
  await relay.start();
  const notifications = await listenForJobs({ pool: relayPool, schema: DIALER_SCHEMA, logger, onWake: scheduler.wake, owner: instanceId });
  await housekeeping.start();
  scheduler.start();

  const callEvents: CallEventDeps = {
    ...stores,
    telephony,
    voice,
    ends: reportDeps,
    logger,
    ownSource: DIALER_EVENT_SOURCE,
    now: () => new Date(),
    dueSoon: (orgId, callId, known) => allowance.prefetch(orgId, callId, known),
    wake: () => scheduler.wake(),
    pollIntervalMs: config.DIALER_POLL_INTERVAL_MS,
  };
  const consumers = await startCallEventConsumers({
    kafka,
    groupId: config.DIALER_GROUP_ID,
    topics,
    producer,
    logger,
    metrics,
    callEvents,
  });

  // The carrier's callbacks need Postgres; Kafka is only diagnosed (the outbox keeps events).
  const readiness = [{ name: "postgres", check: async () => void (await pool.query("SELECT 1")) }];
  const diagnostics = [{ name: "kafka", check: async () => void (await admin.describeCluster()) }];
  const app = createHttpApp({ logger, metrics, readiness });
  telephony.routes?.(app, sink);
  finishHttpApp(app, logger);
  const server = await listen(app, config.DIALER_PORT);
  const port = (server.address() as AddressInfo).port;
  const management = await startManagementServer({ port: config.MANAGEMENT_PORT, metrics, readiness, diagnostics, logger });
  logger.info({ port, groupId: config.DIALER_GROUP_ID, adapter: telephony.name, instanceId }, "dialer consuming");

  const retention = startRetention({
    pool: relayPool,
    schema: DIALER_SCHEMA,
    rules: dialerRetentionRules(config.RETENTION_DAYS),
    vacuum: DIALER_VACUUMED_TABLES,
    intervalSeconds: config.RETENTION_INTERVAL_SECONDS,
    logger,
    metrics,
  });

  const closeConnections = async () => {
    await retention.stop();
    await relay.stop();
    await notifications.stop();
    await Promise.all([producer.disconnect(), admin.disconnect()]);
    await closeServer(server);
    await Promise.all([pool.end(), relayPool.end()]);
    await management.step.run();
  };
  const shutdownSteps: ShutdownStep[] = [
    { name: "scheduler", run: () => scheduler.stop() },
    { name: "consumer", run: () => consumers.calls.stop() },
    { name: "suppression consumer", run: () => consumers.suppressions.stop() },
    {
      name: "live calls",
      run: async () => {
        await telephony.close(Math.max(0, config.SHUTDOWN_TIMEOUT_MS - 2_000));
        // Heartbeats continued while calls finished, so no peer took them for orphans.
        housekeeping.stop();
        if (telephony.liveCalls() === 0) await stores.instances.retire(instanceId);
      },
    },
    { name: "outbox relay", run: () => relay.drain().then(() => undefined) },
    {
      name: "connections",
      run: async () => {
        // Reports still in flight now give up; the next instance's reconciler ends those calls.
        stopping = true;
        await closeConnections();
      },
    },
  ];
  return {
    port,
    managementPort: management.port,
    logger,
    instanceId,
    shutdownSteps,
    retention,
    stop: async () => {
      for (const step of shutdownSteps) await step.run();
    },
    crash: async () => {
      stopping = true;
      housekeeping.stop();
      // A dying process does not wait for its dials in flight (a create the carrier has not
      // answered yet): they fail on the closed connections, as they would with the process gone.
      void scheduler.stop();
      await telephony.close(0);
      await consumers.calls.stop();
      await consumers.suppressions.stop();
      await closeConnections();
    },
  };
}
