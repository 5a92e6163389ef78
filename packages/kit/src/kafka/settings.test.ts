import { z } from "zod";
import { parseConfig } from "../config";
import { awsMskIamTokenProvider } from "./client";
import { kafkaEnvShape, kafkaSecurity, kafkaSettingsProblems, topicSettings } from "./settings";

const settings = (env: Record<string, string>) => parseConfig(kafkaEnvShape, env);
/** Each variable parsed alone, before the checks between them. */
const raw = (env: Record<string, string>) => z.object(kafkaEnvShape).parse(env);

describe("kafkaSecurity", () => {
  it("is plaintext without SASL by default, as the local broker is", () => {
    expect(kafkaSecurity(settings({}))).toEqual({ tls: false, authentication: { kind: "none" } });
  });

  it("turns TLS on with KAFKA_TLS (system CAs) or with a CA file", () => {
    expect(kafkaSecurity(settings({ KAFKA_TLS: "true" })).tls).toEqual({});
    expect(kafkaSecurity(settings({ KAFKA_TLS_CA_FILE: "/etc/voxbridge/kafka/ca.pem" })).tls).toEqual({
      caFile: "/etc/voxbridge/kafka/ca.pem",
    });
  });

  it.each(["plain", "scram-sha-256", "scram-sha-512"] as const)("passes SASL/%s with the user and password", (mechanism) => {
    expect(
      kafkaSecurity(settings({ KAFKA_TLS: "1", KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: "svc", KAFKA_SASL_PASSWORD: "pw" })),
    ).toEqual({ tls: {}, authentication: { kind: "password", mechanism, username: "svc", password: "pw" } });
  });

  it("uses MSK IAM with TLS always on, since MSK's IAM listener is TLS-only", () => {
    expect(kafkaSecurity(settings({ KAFKA_SASL_MECHANISM: "aws-msk-iam", KAFKA_AWS_REGION: "eu-west-1" }))).toEqual({
      tls: {},
      authentication: { kind: "aws-msk-iam", region: "eu-west-1" },
    });
  });
});

describe("kafkaSettingsProblems", () => {
  it("finds nothing wrong with the defaults", () => {
    expect(kafkaSettingsProblems({ ...raw({}), RETENTION_DAYS: 30 })).toEqual([]);
  });

  it("names the missing user and password of a password mechanism", () => {
    expect(kafkaSettingsProblems(raw({ KAFKA_SASL_MECHANISM: "scram-sha-512" }))).toEqual([
      "KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM=scram-sha-512",
      "KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM=scram-sha-512",
    ]);
  });

  it("asks for the region of MSK IAM, and for a mechanism when credentials are given without one", () => {
    expect(kafkaSettingsProblems(raw({ KAFKA_SASL_MECHANISM: "aws-msk-iam" }))).toEqual([
      "KAFKA_AWS_REGION: required with KAFKA_SASL_MECHANISM=aws-msk-iam",
    ]);
    expect(kafkaSettingsProblems(raw({ KAFKA_SASL_USERNAME: "svc", KAFKA_SASL_PASSWORD: "pw" }))[0]).toMatch(/^KAFKA_SASL_MECHANISM: /);
  });

  it("refuses a min.insync.replicas above the replication factor, and Kafka retention outliving the dedup records", () => {
    expect(kafkaSettingsProblems(raw({ KAFKA_REPLICATION_FACTOR: "2", KAFKA_MIN_INSYNC_REPLICAS: "3" }))[0]).toMatch(
      /^KAFKA_MIN_INSYNC_REPLICAS: 3 is more than KAFKA_REPLICATION_FACTOR 2/,
    );
    expect(kafkaSettingsProblems({ ...raw({ KAFKA_RETENTION_HOURS: "240" }), RETENTION_DAYS: 10 })[0]).toMatch(
      /^KAFKA_RETENTION_HOURS: 240 h is not shorter than RETENTION_DAYS \(10 d\)/,
    );
  });

  it("is part of parseConfig, so a service refuses to start with a contradiction", () => {
    expect(() => parseConfig(kafkaEnvShape, { KAFKA_SASL_MECHANISM: "plain", KAFKA_SASL_USERNAME: "svc" })).toThrow(
      /KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM=plain/,
    );
  });
});

describe("topicSettings", () => {
  it("leaves the replication factor to the broker and sets retention explicitly by default", () => {
    expect(topicSettings(settings({ KAFKA_TOPIC_PREFIX: "staging." }))).toEqual({
      prefix: "staging.",
      create: true,
      replicationFactor: -1,
      configs: {
        callEvents: { "retention.ms": "604800000" },
        suppressions: { "retention.ms": "604800000" },
        deadLetter: { "retention.ms": "1209600000" },
      },
    });
  });

  it("takes a configured factor and min.insync.replicas, and creation turned off", () => {
    expect(
      topicSettings(settings({ KAFKA_REPLICATION_FACTOR: "3", KAFKA_MIN_INSYNC_REPLICAS: "2", KAFKA_CREATE_TOPICS: "false" })),
    ).toMatchObject({
      create: false,
      replicationFactor: 3,
      configs: {
        callEvents: { "min.insync.replicas": "2" },
        suppressions: { "min.insync.replicas": "2" },
        deadLetter: { "min.insync.replicas": "2" },
      },
    });
  });
});

describe("awsMskIamTokenProvider", () => {
  it("signs a kafka-cluster:Connect token for the region with AWS's signer, from the credentials given", async () => {
    const credentials = async () => ({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" });
    const { value } = await awsMskIamTokenProvider("eu-west-1", credentials)();
    const url = new URL(Buffer.from(value, "base64url").toString("utf8"));
    expect(url.hostname).toBe("kafka.eu-west-1.amazonaws.com");
    expect(url.searchParams.get("Action")).toBe("kafka-cluster:Connect");
    expect(url.searchParams.get("X-Amz-Credential")).toMatch(/^AKIDEXAMPLE\/\d{8}\/eu-west-1\/kafka-cluster\/aws4_request$/);
    expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
  });
});
