/** Billing periods are calendar months in UTC, named "YYYY-MM". */
export function periodOf(at: Date): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** First instant of the period and first instant of the next one. */
export function periodBounds(period: string): { start: Date; end: Date } {
  const [year, month] = period.split("-").map(Number) as [number, number];
  return { start: new Date(Date.UTC(year, month - 1, 1)), end: new Date(Date.UTC(year, month, 1)) };
}

/** The period after this one. */
export function nextPeriod(period: string): string {
  return periodOf(periodBounds(period).end);
}
