import { LOCAL_MEDIA_TOKEN_KEY } from "@voxbridge/kit";
import { loadDialerConfig } from "./config";

describe("dialer configuration", () => {
  it("in production, refuses to start without QUOTA_URL (a localhost default would silently lift the talk-time cap)", () => {
    const env = {
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://app@db.internal:5432/voxbridge",
      KAFKA_BROKERS: "kafka.internal:9092",
      DIALER_PUBLIC_URL: "https://dialer.example.com",
      QUOTA_API_TOKEN: "q".repeat(32),
      MEDIA_TOKEN_KEY: "m".repeat(32),
      TELEPHONY_ADAPTER: "twilio",
    };
    expect(() => loadDialerConfig(env)).toThrow(/QUOTA_URL: required when NODE_ENV=production/);
    expect(loadDialerConfig({ ...env, QUOTA_URL: "http://quota:8081" }).QUOTA_URL).toBe("http://quota:8081");
  });

  it("never asks for REDIS_URL: the dialer does not use Redis", () => {
    expect(Object.keys(loadDialerConfig({}))).not.toContain("REDIS_URL");
  });

  describe("production defaults (issue 28, defect 3)", () => {
    const production = {
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://app@db.internal:5432/voxbridge",
      KAFKA_BROKERS: "kafka.internal:9092",
      DIALER_PUBLIC_URL: "https://dialer.example.com",
      QUOTA_URL: "http://quota:8081",
      QUOTA_API_TOKEN: "q".repeat(32),
      MEDIA_TOKEN_KEY: "m".repeat(32),
      TELEPHONY_ADAPTER: "twilio",
    };

    it("refuses to start without its own media token key (the local one is public), and a key under 32 characters", () => {
      const { MEDIA_TOKEN_KEY: _, ...withoutKey } = production;
      expect(() => loadDialerConfig(withoutKey)).toThrow(/MEDIA_TOKEN_KEY: required when NODE_ENV=production/);
      expect(() => loadDialerConfig({ ...production, MEDIA_TOKEN_KEY: "short" })).toThrow(/MEDIA_TOKEN_KEY/);
      expect(loadDialerConfig({}).MEDIA_TOKEN_KEY).toBe(LOCAL_MEDIA_TOKEN_KEY);
    });

    it("reaches the voice service's media endpoint only by a ws:// or wss:// URL, and only when told", () => {
      expect(loadDialerConfig({}).VOICE_MEDIA_URL).toBeUndefined();
      expect(loadDialerConfig({ VOICE_MEDIA_URL: "" }).VOICE_MEDIA_URL).toBeUndefined();
      expect(loadDialerConfig({ VOICE_MEDIA_URL: "ws://voice:8084/media" }).VOICE_MEDIA_URL).toBe("ws://voice:8084/media");
      expect(() => loadDialerConfig({ VOICE_MEDIA_URL: "http://voice:8084/media" })).toThrow(/VOICE_MEDIA_URL/);
    });

    it("waits minutes between attempts and dials 1 call per second (a Twilio account's default) unless told otherwise", () => {
      expect(loadDialerConfig(production)).toMatchObject({ DIALER_RETRY_DELAY_SECONDS: 300, DIALER_CPS: 1 });
      expect(loadDialerConfig({ ...production, DIALER_CPS: "30", DIALER_RETRY_DELAY_SECONDS: "120" })).toMatchObject({
        DIALER_RETRY_DELAY_SECONDS: 120,
        DIALER_CPS: 30,
      });
      // Development and tests keep the fast local defaults.
      expect(loadDialerConfig({})).toMatchObject({ DIALER_RETRY_DELAY_SECONDS: 2, DIALER_CPS: 50 });
    });

    it("refuses to start with a retry delay under 60 s", () => {
      expect(() => loadDialerConfig({ ...production, DIALER_RETRY_DELAY_SECONDS: "2" })).toThrow(
        /DIALER_RETRY_DELAY_SECONDS: at least 60 when NODE_ENV=production/,
      );
      expect(loadDialerConfig({ ...production, DIALER_RETRY_DELAY_SECONDS: "60" }).DIALER_RETRY_DELAY_SECONDS).toBe(60);
      expect(loadDialerConfig({ DIALER_RETRY_DELAY_SECONDS: "2" }).DIALER_RETRY_DELAY_SECONDS).toBe(2);
    });

    it("refuses the telephony simulator unless the deployment declares itself a sandbox", () => {
      const simulated = { ...production, TELEPHONY_ADAPTER: "simulator" };
      expect(() => loadDialerConfig(simulated)).toThrow(/TELEPHONY_ADAPTER: .*VOXBRIDGE_SANDBOX=true/);
      expect(() => loadDialerConfig({ ...simulated, VOXBRIDGE_SANDBOX: "false" })).toThrow(/VOXBRIDGE_SANDBOX=true/);
      expect(loadDialerConfig({ ...simulated, VOXBRIDGE_SANDBOX: "true" })).toMatchObject({
        TELEPHONY_ADAPTER: "simulator",
        VOXBRIDGE_SANDBOX: true,
      });
    });

    it("names every refusal at once", () => {
      expect(() => loadDialerConfig({ ...production, TELEPHONY_ADAPTER: "simulator", DIALER_RETRY_DELAY_SECONDS: "5" })).toThrow(
        /DIALER_RETRY_DELAY_SECONDS[\s\S]*TELEPHONY_ADAPTER/,
      );
    });
  });
});
