import { ConfigError } from "@voxbridge/kit";
import { loadSecretKeyring, loadWebhooksConfig, secretKeyringOf } from "./config";
import { newSecretKey } from "./domain/secret-keyring";

const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://app@db.internal:5432/voxbridge",
  KAFKA_BROKERS: "kafka.internal:9092",
  INTERNAL_API_TOKENS: `gateway=${"g".repeat(32)}`,
};
const keyA = newSecretKey();
const keyB = newSecretKey();

describe("webhooks configuration: the keys that encrypt signing secrets", () => {
  it("in production, refuses to start without WEBHOOK_SECRET_KEYS (the service and its migration step alike)", () => {
    expect(() => loadWebhooksConfig(production)).toThrow(ConfigError);
    expect(() => loadWebhooksConfig(production)).toThrow(/WEBHOOK_SECRET_KEYS: required when NODE_ENV=production/);
    expect(() => loadSecretKeyring({ NODE_ENV: "production" })).toThrow(/WEBHOOK_SECRET_KEYS: required when NODE_ENV=production/);
    const config = loadWebhooksConfig({ ...production, WEBHOOK_SECRET_KEYS: `2026-12:${keyA}` });
    expect(secretKeyringOf(config).activeKeyId).toBe("2026-12");
  });

  it("needs the active key named among several, and refuses a malformed key without echoing it", () => {
    const keys = `old:${keyA},new:${keyB}`;
    expect(() => loadWebhooksConfig({ WEBHOOK_SECRET_KEYS: keys })).toThrow(
      /WEBHOOK_SECRET_ACTIVE_KEY_ID: several keys: name the active one/,
    );
    expect(() => loadWebhooksConfig({ WEBHOOK_SECRET_KEYS: keys, WEBHOOK_SECRET_ACTIVE_KEY_ID: "other" })).toThrow(
      /active key other is not among/,
    );
    expect(secretKeyringOf(loadWebhooksConfig({ WEBHOOK_SECRET_KEYS: keys, WEBHOOK_SECRET_ACTIVE_KEY_ID: "new" })).activeKeyId).toBe("new");
    const short = keyA.slice(0, 20);
    let message = "";
    try {
      loadWebhooksConfig({ WEBHOOK_SECRET_KEYS: `k:${short}` });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/WEBHOOK_SECRET_KEYS: key k is not the base64 of 32 bytes/);
    expect(message).not.toContain(short);
  });

  it("in development, uses the local key, which production refuses as a default", () => {
    expect(secretKeyringOf(loadWebhooksConfig({})).activeKeyId).toBe("local");
  });
});
