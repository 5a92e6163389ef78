import { ConfigError, type Logger, mintMediaStreamToken } from "@voxbridge/kit";
import type { Express } from "express";
import type { CarrierReportSink, TelephonyAdapter } from "../../app/ports";
import type { DialerConfig } from "../../config";
import { createSimulator } from "./simulator";
import { createTwilio } from "./twilio";

export type ConfiguredTelephony = TelephonyAdapter & {
  /** HTTP routes the carrier calls back (status callbacks). */
  routes?: (app: Express, sink: CarrierReportSink) => void;
};

/** The adapter TELEPHONY_ADAPTER names, built from config. */
export function createTelephony(config: DialerConfig, sink: CarrierReportSink, logger: Logger): ConfiguredTelephony {
  switch (config.TELEPHONY_ADAPTER) {
    case "simulator":
      return createSimulator({
        ringSeconds: config.SIM_RING_SECONDS,
        talkSeconds: config.SIM_TALK_SECONDS,
        report: sink,
        logger,
        dialLogPath: config.SIM_DIAL_LOG,
        ...(config.VOICE_MEDIA_URL ? { media: { url: config.VOICE_MEDIA_URL, tokenKey: config.MEDIA_TOKEN_KEY } } : {}),
      });
    case "twilio": {
      const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken } = config;
      if (!accountSid || !authToken)
        throw new ConfigError(
          "invalid configuration:\n  TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are required with TELEPHONY_ADAPTER=twilio",
        );
      return createTwilio({
        accountSid,
        authToken,
        apiBaseUrl: config.TWILIO_API_BASE_URL,
        publicUrl: config.DIALER_PUBLIC_URL,
        agentStreamUrl: config.AGENT_STREAM_URL,
        mediaToken: (callId, attempt) => mintMediaStreamToken(config.MEDIA_TOKEN_KEY, { callId, attempt }, new Date()),
        defaultFrom: config.TWILIO_FROM_NUMBER ?? null,
        timeoutMs: config.TWILIO_TIMEOUT_MS,
        logger,
      });
    }
  }
}
