import { createCounter, type createMetricsRegistry } from "@voxbridge/kit";
import { Gauge } from "prom-client";

/** The dialer's own metrics (docs/observability.md), registered on the service's registry. */
export function createDialerMetrics(
  metrics: ReturnType<typeof createMetricsRegistry>,
  read: { liveCalls: () => number; dueBacklog: () => Promise<number> },
) {
  new Gauge({
    name: "voxbridge_dialer_live_calls",
    help: "Attempts this instance has handed to the carrier that have not ended",
    registers: [metrics],
    collect() {
      this.set(read.liveCalls());
    },
  });
  new Gauge({
    name: "voxbridge_dialer_due_jobs",
    help: "Dial jobs due now and not yet claimed (the backlog)",
    registers: [metrics],
    async collect() {
      const due = await read.dueBacklog().catch(() => null);
      if (due !== null) this.set(due);
    },
  });
  return {
    dials: createCounter(metrics, { name: "voxbridge_dialer_dials_total", help: "Attempts handed to the carrier" }),
    pacingWaits: createCounter(metrics, {
      name: "voxbridge_dialer_pacing_waits_total",
      help: "Claim passes that left due calls waiting for the calls-per-second window",
    }),
    claimPasses: createCounter(metrics, { name: "voxbridge_dialer_claim_passes_total", help: "Claim passes (each looked for due calls)" }),
    attemptsEnded: createCounter(metrics, {
      name: "voxbridge_dialer_attempts_ended_total",
      help: "Carrier reports of an attempt's end, by outcome (answered calls end as completed)",
      labelNames: ["outcome"],
    }),
  };
}
