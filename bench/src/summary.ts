import { appendFileSync } from "node:fs";

/** One benchmark's headline figures, as `bench:report` reads them; null when not measured. */
export type Summary = Record<string, number | null>;

/**
 * Appends a benchmark's headline figures to BENCH_SUMMARY_FILE (one JSON line per benchmark), for
 * `bench:report` to print the cost-of-a-call table from. A no-op when the variable is unset: each
 * benchmark still prints its own table.
 */
export function recordSummary(bench: string, figures: Summary): void {
  const file = process.env.BENCH_SUMMARY_FILE;
  if (file) appendFileSync(file, `${JSON.stringify({ bench, figures })}\n`);
}
