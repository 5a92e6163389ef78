/** The p-th percentile of ascending values by nearest rank; null when there are none. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

/** Raw latency samples in milliseconds, bounded in count; percentiles by nearest rank. */
export class LatencySamples {
  private values: Float64Array;
  private length = 0;
  /** Samples offered after the buffer was full (not recorded). */
  dropped = 0;

  constructor(private readonly capacity: number) {
    this.values = new Float64Array(Math.min(capacity, 65_536));
  }

  get count(): number {
    return this.length;
  }

  record(ms: number): void {
    if (this.length >= this.capacity) {
      this.dropped++;
      return;
    }
    if (this.length === this.values.length) {
      const grown = new Float64Array(Math.min(this.capacity, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = ms;
  }

  summary(): LatencySummary {
    const sorted = this.values.slice(0, this.length).sort();
    const at = (p: number) => nearestRank(sorted, p);
    let sum = 0;
    for (const value of sorted) sum += value;
    return {
      samples: sorted.length,
      mean: sorted.length > 0 ? sum / sorted.length : null,
      min: sorted.length > 0 ? (sorted[0] ?? null) : null,
      p50: at(50),
      p90: at(90),
      p95: at(95),
      p99: at(99),
      p999: at(99.9),
      max: sorted.length > 0 ? (sorted[sorted.length - 1] ?? null) : null,
    };
  }
}

export type LatencySummary = {
  samples: number;
  mean: number | null;
  min: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  p999: number | null;
  max: number | null;
};

/** Elapsed milliseconds since a process.hrtime.bigint() reading. */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Splits `total` over `parts` the way autocannon spreads overallRate over its connections. */
export function share(total: number, parts: number, index: number): number {
  return Math.floor(total / parts) + (index + 1 <= total % parts ? 1 : 0);
}
