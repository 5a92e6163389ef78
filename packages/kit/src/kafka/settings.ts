import { z } from "zod";
import { commaList, envFlag, envFlagOn, localDefault } from "../env-values";

/**
 * How every service reaches Kafka and what topics it expects: part of the base configuration, so a
 * service (any added later too) picks these up by passing its config to `createKafka` and
 * `ensureTopics`. docs/managed-infrastructure.md has the examples for MSK, Confluent Cloud and Redpanda.
 */
export const kafkaEnvShape = {
  /** Comma-separated host:port list (bootstrap brokers). */
  KAFKA_BROKERS: localDefault(commaList("127.0.0.1:9092")),
  /** Prepended to every topic name; lets tests and side-by-side stacks share one broker. */
  KAFKA_TOPIC_PREFIX: z.string().default(""),
  /** TLS to the brokers, trusting the system's CAs. Implied by KAFKA_TLS_CA_FILE and by aws-msk-iam. */
  KAFKA_TLS: envFlag,
  /** A PEM file of the CA(s) that signed the brokers' certificates (a mounted Secret or ConfigMap); turns TLS on. */
  KAFKA_TLS_CA_FILE: z.string().min(1).optional(),
  /**
   * `none`, `plain`, `scram-sha-256`, `scram-sha-512` (with KAFKA_SASL_USERNAME/PASSWORD), or
   * `aws-msk-iam` (SASL/OAUTHBEARER with a token signed by AWS's `aws-msk-iam-sasl-signer-js` from the
   * pod's AWS credentials, e.g. IRSA; needs KAFKA_AWS_REGION).
   */
  KAFKA_SASL_MECHANISM: z.enum(["none", "plain", "scram-sha-256", "scram-sha-512", "aws-msk-iam"]).default("none"),
  /** SASL user (Confluent Cloud: the API key). */
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  /** SASL password (Confluent Cloud: the API secret). A secret: never logged. */
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  /** The MSK cluster's AWS region, for aws-msk-iam. */
  KAFKA_AWS_REGION: z.string().min(1).optional(),
  /** TCP + TLS connect deadline per broker connection. */
  KAFKA_CONNECTION_TIMEOUT_MS: z.coerce.number().int().positive().default(3_000),
  /** false: topics are provisioned elsewhere; a service checks they exist and never creates one. */
  KAFKA_CREATE_TOPICS: envFlagOn,
  /** Replication factor of topics this platform creates. Unset: the broker's `default.replication.factor`. */
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).optional(),
  /** `min.insync.replicas` of topics this platform creates. Unset: the broker's default. */
  KAFKA_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).optional(),
  /** `retention.ms` of the call-events topic, in hours. Shorter than RETENTION_DAYS (dedup records must outlive events). */
  KAFKA_RETENTION_HOURS: z.coerce.number().int().min(1).default(168),
  /** `retention.ms` of the dead-letter topic, in hours: long enough for someone to look. */
  KAFKA_DEAD_LETTER_RETENTION_HOURS: z.coerce.number().int().min(1).default(336),
};

export type KafkaSettings = z.infer<z.ZodObject<typeof kafkaEnvShape>>;

/** Problems between Kafka variables (each alone is valid): one line per problem, naming the variable. */
export function kafkaSettingsProblems(settings: Partial<KafkaSettings> & { RETENTION_DAYS?: number }): string[] {
  const problems: string[] = [];
  const mechanism = settings.KAFKA_SASL_MECHANISM;
  if (mechanism === "plain" || mechanism === "scram-sha-256" || mechanism === "scram-sha-512") {
    if (!settings.KAFKA_SASL_USERNAME) problems.push(`KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM=${mechanism}`);
    if (!settings.KAFKA_SASL_PASSWORD) problems.push(`KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM=${mechanism}`);
  }
  if (mechanism === "aws-msk-iam" && !settings.KAFKA_AWS_REGION)
    problems.push("KAFKA_AWS_REGION: required with KAFKA_SASL_MECHANISM=aws-msk-iam");
  if ((mechanism === "none" || mechanism === undefined) && (settings.KAFKA_SASL_USERNAME || settings.KAFKA_SASL_PASSWORD))
    problems.push("KAFKA_SASL_MECHANISM: set it (plain, scram-sha-256, scram-sha-512) to use KAFKA_SASL_USERNAME/PASSWORD");
  const { KAFKA_REPLICATION_FACTOR: factor, KAFKA_MIN_INSYNC_REPLICAS: minIsr } = settings;
  if (factor !== undefined && minIsr !== undefined && minIsr > factor)
    problems.push(`KAFKA_MIN_INSYNC_REPLICAS: ${minIsr} is more than KAFKA_REPLICATION_FACTOR ${factor}; no write could succeed`);
  if (settings.KAFKA_RETENTION_HOURS !== undefined && settings.RETENTION_DAYS !== undefined) {
    if (settings.KAFKA_RETENTION_HOURS >= settings.RETENTION_DAYS * 24)
      problems.push(
        `KAFKA_RETENTION_HOURS: ${settings.KAFKA_RETENTION_HOURS} h is not shorter than RETENTION_DAYS (${settings.RETENTION_DAYS} d); a redelivered event could outlive the record that makes it a no-op`,
      );
  }
  return problems;
}

/** What SASL a connection uses, in KafkaJS's terms, without secrets resolved into tokens yet. */
export type KafkaAuthentication =
  | { kind: "none" }
  | { kind: "password"; mechanism: "plain" | "scram-sha-256" | "scram-sha-512"; username: string; password: string }
  | { kind: "aws-msk-iam"; region: string };

/** The TLS and SASL a configuration asks for (pure; createKafka turns it into KafkaJS options). */
export function kafkaSecurity(settings: KafkaSettings): { tls: false | { caFile?: string }; authentication: KafkaAuthentication } {
  const mechanism = settings.KAFKA_SASL_MECHANISM;
  const tlsOn = settings.KAFKA_TLS || settings.KAFKA_TLS_CA_FILE !== undefined || mechanism === "aws-msk-iam";
  const tls = tlsOn ? (settings.KAFKA_TLS_CA_FILE ? { caFile: settings.KAFKA_TLS_CA_FILE } : {}) : false;
  if (mechanism === "none") return { tls, authentication: { kind: "none" } };
  if (mechanism === "aws-msk-iam") return { tls, authentication: { kind: "aws-msk-iam", region: settings.KAFKA_AWS_REGION ?? "" } };
  return {
    tls,
    authentication: {
      kind: "password",
      mechanism,
      username: settings.KAFKA_SASL_USERNAME ?? "",
      password: settings.KAFKA_SASL_PASSWORD ?? "",
    },
  };
}

const HOUR_MS = 3_600_000;

/** What `ensureTopics` does with the platform's topics. */
export type TopicSettings = {
  prefix: string;
  /** false: only check that the topics exist. */
  create: boolean;
  /** -1: the broker's default. */
  replicationFactor: number;
  /** Topic configs set at creation (`retention.ms`, `min.insync.replicas`), by logical topic name. */
  configs: { callEvents: Record<string, string>; suppressions: Record<string, string>; deadLetter: Record<string, string> };
};

/** The topic settings a configuration asks for (pure). */
export function topicSettings(settings: KafkaSettings): TopicSettings {
  const minIsr: Record<string, string> =
    settings.KAFKA_MIN_INSYNC_REPLICAS === undefined ? {} : { "min.insync.replicas": String(settings.KAFKA_MIN_INSYNC_REPLICAS) };
  return {
    prefix: settings.KAFKA_TOPIC_PREFIX,
    create: settings.KAFKA_CREATE_TOPICS,
    replicationFactor: settings.KAFKA_REPLICATION_FACTOR ?? -1,
    configs: {
      callEvents: { "retention.ms": String(settings.KAFKA_RETENTION_HOURS * HOUR_MS), ...minIsr },
      // The dialer keeps its own copy of the list; the topic only has to outlast a consumer's outage.
      suppressions: { "retention.ms": String(settings.KAFKA_RETENTION_HOURS * HOUR_MS), ...minIsr },
      deadLetter: { "retention.ms": String(settings.KAFKA_DEAD_LETTER_RETENTION_HOURS * HOUR_MS), ...minIsr },
    },
  };
}
