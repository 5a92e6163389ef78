import type { Logger } from "@voxbridge/kit";
import type { Express } from "express";
import type { CarrierReportSink, DialJobStore, TelephonyAdapter } from "../../app/ports";
import type { DialerConfig } from "../../config";
import { createSimulator } from "./simulator";

export type ConfiguredTelephony = TelephonyAdapter & {
  /** HTTP routes the carrier calls back (status callbacks). */
  routes?: (app: Express, sink: CarrierReportSink, jobs: DialJobStore) => void;
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
      });
    case "twilio":
      throw new Error("TELEPHONY_ADAPTER=twilio is not available yet");
  }
}
