import { loadDialerConfig } from "./config";

describe("dialer configuration", () => {
  it("in production, refuses to start without QUOTA_URL (a localhost default would silently lift the talk-time cap)", () => {
    const env = {
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://app@db.internal:5432/voxbridge",
      KAFKA_BROKERS: "kafka.internal:9092",
      DIALER_PUBLIC_URL: "https://dialer.example.com",
      QUOTA_API_TOKEN: "q".repeat(32),
    };
    expect(() => loadDialerConfig(env)).toThrow(/QUOTA_URL: required when NODE_ENV=production/);
    expect(loadDialerConfig({ ...env, QUOTA_URL: "http://quota:8081" }).QUOTA_URL).toBe("http://quota:8081");
  });

  it("never asks for REDIS_URL: the dialer does not use Redis", () => {
    expect(Object.keys(loadDialerConfig({}))).not.toContain("REDIS_URL");
  });
});
