import { randomBytes } from "node:crypto";
import { startDialer } from "@voxbridge/dialer";
import { loadDialerConfig } from "@voxbridge/dialer/config";
import { type RunningGateway, startGateway } from "@voxbridge/gateway";
import { loadGatewayConfig } from "@voxbridge/gateway/config";
import { createOrganization } from "@voxbridge/gateway/provisioning";
import { createKafka, createLogger, type KafkaTarget, type Logger, type RetentionPass, topicNames } from "@voxbridge/kit";
import { startQuota } from "@voxbridge/quota";
import { loadQuotaConfig } from "@voxbridge/quota/config";
import { setOrgMinuteLimit } from "@voxbridge/quota/provisioning";
import { startVoice } from "@voxbridge/voice";
import { loadVoiceConfig } from "@voxbridge/voice/config";
import { startWebhooks } from "@voxbridge/webhooks";
import { loadWebhooksConfig } from "@voxbridge/webhooks/config";
import { createOrgSigningSecret } from "@voxbridge/webhooks/provisioning";
import { testDatabaseUrl, testKafkaBrokers, testRedisUrl } from "./env";

export type TestStack = {
  gatewayUrl: string;
  /** Each service's own HTTP port (health, readiness, internal APIs). */
  serviceUrls: { gateway: string; quota: string; dialer: string; webhooks: string; voice: string };
  /** Each service's management port (health, readiness, metrics). */
  managementUrls: { gateway: string; quota: string; dialer: string; webhooks: string; voice: string };
  topicPrefix: string;
  topics: ReturnType<typeof topicNames>;
  /** Runs every service's retention pass now, one after the other. */
  runRetention: () => Promise<Record<"gateway" | "quota" | "dialer" | "webhooks" | "voice", RetentionPass>>;
  /** Kills the stack's dialer as a crash would (live calls vanish unreported); `stop` then skips it. */
  crashDialer: () => Promise<void>;
  stop: () => Promise<void>;
};

/** A fresh topic prefix: its topics and consumer groups belong to one test stack. */
export const newTopicPrefix = () => `test-${randomBytes(4).toString("hex")}.`;

/**
 * The configuration every service of a test stack shares: the real servers, the stack's topics and
 * groups, small pools, ephemeral ports unless overridden.
 */
export function stackEnv(topicPrefix: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: testDatabaseUrl(),
    REDIS_URL: testRedisUrl(),
    KAFKA_BROKERS: testKafkaBrokers().join(","),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    NODE_ENV: "test",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    // Small pools: two Jest workers each run stacks of four services against one Postgres
    // (max_connections 100 by default); the services' production defaults would exhaust it.
    DB_POOL_SIZE: "3",
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
    GATEWAY_PORT: "0",
    QUOTA_PORT: "0",
    DIALER_PORT: "0",
    WEBHOOKS_PORT: "0",
    VOICE_PORT: "0",
    MANAGEMENT_PORT: "0",
    // The local object store scripts/test.sh starts (S3Proxy, infra/s3proxy/s3proxy.sh).
    S3_ENDPOINT: process.env.S3_ENDPOINT ?? `http://127.0.0.1:${process.env.S3PROXY_PORT ?? "9000"}`,
    DIALER_GROUP_ID: `${topicPrefix}dialer`,
    WEBHOOKS_GROUP_ID: `${topicPrefix}webhooks`,
    GATEWAY_GROUP_ID: `${topicPrefix}gateway`,
    VOICE_GROUP_ID: `${topicPrefix}voice`,
    // No balancer to drain from: a SIGTERMed test process stops at once (tests/e2e/drain.test.ts drains).
    SHUTDOWN_DRAIN_SECONDS: "0",
    ...overrides,
  };
}

/**
 * All five services in this process, on ephemeral ports, against the real servers. A fresh topic
 * prefix and consumer groups per stack keep parallel test files from seeing each other's events.
 * `perService` adds variables for one service alone (each caller's own service token, say).
 * `options.conversations`: the dialer's simulator streams answered calls to this stack's voice
 * service (VOICE_MEDIA_URL), so they talk; otherwise they are timers (conversations are CPU heavy).
 */
export async function startStack(
  overrides: Record<string, string> = {},
  perService: Partial<Record<"gateway" | "quota" | "dialer" | "webhooks" | "voice", Record<string, string>>> = {},
  options: { conversations?: boolean } = {},
): Promise<TestStack> {
  const topicPrefix = newTopicPrefix();
  const env = stackEnv(topicPrefix, overrides);
  const quota = await startQuota(
    loadQuotaConfig({ ...env, ...perService.quota }),
    createLogger({ service: "quota", level: env.LOG_LEVEL ?? "silent" }),
  );
  const webhooks = await startWebhooks(loadWebhooksConfig({ ...env, ...perService.webhooks }));
  const voice = await startVoice(loadVoiceConfig({ ...env, ...perService.voice }));
  const gateway = await startGateway(
    loadGatewayConfig({
      ...env,
      QUOTA_URL: `http://127.0.0.1:${quota.port}`,
      WEBHOOKS_URL: `http://127.0.0.1:${webhooks.port}`,
      VOICE_URL: env.VOICE_URL ?? `http://127.0.0.1:${voice.port}`,
      ...perService.gateway,
    }),
  );
  const dialer = await startDialer(
    loadDialerConfig({
      QUOTA_URL: `http://127.0.0.1:${quota.port}`,
      ...(options.conversations ? { VOICE_MEDIA_URL: `ws://127.0.0.1:${voice.port}/media` } : {}),
      ...env,
      VOICE_URL: env.VOICE_URL ?? `http://127.0.0.1:${voice.port}`,
      ...perService.dialer,
    }),
  );
  const topics = topicNames(topicPrefix);
  let dialerCrashed = false;
  return {
    gatewayUrl: `http://127.0.0.1:${gateway.port}`,
    serviceUrls: {
      gateway: `http://127.0.0.1:${gateway.port}`,
      quota: `http://127.0.0.1:${quota.port}`,
      dialer: `http://127.0.0.1:${dialer.port}`,
      webhooks: `http://127.0.0.1:${webhooks.port}`,
      voice: `http://127.0.0.1:${voice.port}`,
    },
    managementUrls: {
      gateway: `http://127.0.0.1:${gateway.managementPort}`,
      quota: `http://127.0.0.1:${quota.managementPort}`,
      dialer: `http://127.0.0.1:${dialer.managementPort}`,
      webhooks: `http://127.0.0.1:${webhooks.managementPort}`,
      voice: `http://127.0.0.1:${voice.managementPort}`,
    },
    topicPrefix,
    topics,
    runRetention: async () => ({
      gateway: await gateway.retention.runPass(),
      quota: await quota.retention.runPass(),
      dialer: await dialer.retention.runPass(),
      webhooks: await webhooks.retention.runPass(),
      voice: await voice.retention.runPass(),
    }),
    crashDialer: async () => {
      dialerCrashed = true;
      await dialer.crash();
    },
    stop: async () => {
      await Promise.all([gateway.stop(), dialerCrashed ? undefined : dialer.stop(), webhooks.stop(), voice.stop()]);
      await quota.stop();
      await deleteTopics(Object.values(topics));
    },
  };
}

/**
 * The gateway alone, on an ephemeral port with a topic prefix of its own, its quota service down
 * (nothing listens at QUOTA_URL) unless an override says otherwise. `stop` also removes its topics.
 */
export async function startGatewayAlone(
  logger: Logger,
  overrides: Record<string, string> = {},
): Promise<{ gateway: RunningGateway; url: string; topics: ReturnType<typeof topicNames>; stop: () => Promise<void> }> {
  const topicPrefix = newTopicPrefix();
  const gateway = await startGateway(
    loadGatewayConfig({
      DATABASE_URL: testDatabaseUrl(),
      REDIS_URL: testRedisUrl(),
      KAFKA_BROKERS: testKafkaBrokers().join(","),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      GATEWAY_PORT: "0",
      MANAGEMENT_PORT: "0",
      GATEWAY_GROUP_ID: `${topicPrefix}gateway`,
      QUOTA_URL: "http://127.0.0.1:1",
      ...overrides,
    }),
    logger,
  );
  return {
    gateway,
    url: `http://127.0.0.1:${gateway.port}`,
    topics: topicNames(topicPrefix),
    stop: async () => {
      await gateway.stop();
      await deleteTopics(Object.values(topicNames(topicPrefix)));
    },
  };
}

/** Removes a test's topics so repeated runs do not pile partitions onto the broker. */
export async function deleteTopics(topics: string[], target: KafkaTarget = { brokers: testKafkaBrokers() }): Promise<void> {
  const admin = createKafka({
    clientId: "test-cleanup",
    ...target,
    logger: createLogger({ service: "test", level: "silent" }),
  }).admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics, timeout: 10_000 });
  } finally {
    await admin.disconnect();
  }
}

export type TestOrg = { orgId: string; apiKey: string; webhookSecret: string; defaultAgentId: string | null };

/** A fresh organization, provisioned exactly as the operator CLI does it. */
export async function provisionOrg(options: { minutes?: number; withDefaultAgent?: boolean; databaseUrl?: string } = {}): Promise<TestOrg> {
  const url = options.databaseUrl ?? testDatabaseUrl();
  const org = await createOrganization(url, {
    name: `test-${randomBytes(3).toString("hex")}`,
    withDefaultAgent: options.withDefaultAgent ?? true,
  });
  await setOrgMinuteLimit(url, org.orgId, options.minutes ?? 100);
  const webhookSecret = await createOrgSigningSecret(url, org.orgId);
  return { ...org, webhookSecret };
}
