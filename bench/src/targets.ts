/** The cost-of-a-call targets (docs/performance.md), one place for every benchmark that judges against them. */
export const TARGETS = {
  /** CPU per accepted call in all processes, creation only (bench:cpu), and Postgres's share of it. */
  creationCpuMs: 6,
  creationPostgresMs: 2.5,
  /** CPU per call over its whole life (bench:cpu). */
  wholeLifeMs: 12,
  /** Create throughput over the bare transaction loop, and p99 at half of peak (pnpm bench). */
  throughputRatio: 0.5,
  halfPeakP99Ms: 50,
  /** One create at a time on an idle system (pnpm bench). */
  aloneP50Ms: 5,
  aloneP99Ms: 15,
  /** Acceptance to the record's started_at at 20 calls/s over 5 orgs (bench:dial). */
  startedAtP50Ms: 15,
  startedAtP99Ms: 60,
  /** Share of one core while idle (bench:idle). */
  idleServicePercent: 0.5,
  idleBrokerPercent: 2,
  /** Resident memory per service (bench:rss). */
  rssIdleMb: 120,
  rssLoadedMb: 200,
  /** Webhook deliveries over a bare undici loop (bench:webhooks). */
  webhooksRatio: 0.8,
} as const;
