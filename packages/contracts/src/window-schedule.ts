import { DateTime, IANAZone } from "luxon";
import { isKnownTimeZone, type ResolvedCallingWindow, WEEKDAYS } from "./calling-window";

/** How far ahead an opening is looked for: a window that opens on at least one day of the week opens within 8 days. */
const HORIZON_DAYS = 8;

type Interval = { opens: number; closes: number };

const hoursAndMinutes = (clock: string) => {
  const [hour = 0, minute = 0] = clock.split(":").map(Number);
  return { hour, minute };
};

/** The window's open intervals in one zone, from the local day before `from` to the horizon (epoch ms). */
function intervalsIn(window: ResolvedCallingWindow, zone: string, from: Date): Interval[] {
  const today = DateTime.fromJSDate(from, { zone }).startOf("day");
  const overnight = window.end < window.start;
  const intervals: Interval[] = [];
  for (let offset = -1; offset <= HORIZON_DAYS; offset++) {
    const day = today.plus({ days: offset });
    if (!window.days.includes(WEEKDAYS[day.weekday - 1] ?? "mon")) continue;
    // A local time a DST change skips moves forward (Luxon's rule), so the window still opens that day.
    const opens = day.set(hoursAndMinutes(window.start));
    const closes = (overnight ? day.plus({ days: 1 }) : day).set(hoursAndMinutes(window.end));
    if (closes > opens) intervals.push({ opens: opens.toMillis(), closes: closes.toMillis() });
  }
  return intervals;
}

/** The times inside both lists of intervals, in order. */
function intersect(a: Interval[], b: Interval[]): Interval[] {
  const both: Interval[] = [];
  for (const x of a)
    for (const y of b) {
      const opens = Math.max(x.opens, y.opens);
      const closes = Math.min(x.closes, y.closes);
      if (closes > opens) both.push({ opens, closes });
    }
  return both.sort((x, y) => x.opens - y.opens);
}

/**
 * The first moment at or after `from` when an attempt may start, and when that opening closes: the
 * window's hours in every one of its time zones at once. Null when they never overlap (zones too
 * far apart for the window), so no attempt could ever start.
 */
export function nextOpening(window: ResolvedCallingWindow, from: Date): { opensAt: Date; closesAt: Date } | null {
  const [first, ...rest] = window.time_zones.map((zone) => intervalsIn(window, zone, from));
  const open = rest.reduce(intersect, first ?? []);
  const at = from.getTime();
  const next = open.find((interval) => interval.closes > at);
  return next ? { opensAt: new Date(Math.max(at, next.opens)), closesAt: new Date(next.closes) } : null;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Why a settled window cannot be applied here, in words that name what is wrong; null when it can.
 * A zone this runtime's zone data does not know (a name from other zone data than the gateway's),
 * a day or a time of day it cannot read. Such a window must fail closed: never "any time".
 */
export function windowProblem(window: {
  start: string;
  end: string;
  days: readonly string[];
  time_zones: readonly string[];
}): string | null {
  const unknownZones = window.time_zones.filter((zone) => !isKnownTimeZone(zone) || !IANAZone.isValidZone(zone));
  if (window.time_zones.length === 0) return "it names no time zone";
  if (unknownZones.length > 0) return `unknown time zone ${unknownZones.map((zone) => JSON.stringify(zone)).join(", ")}`;
  const known: readonly string[] = WEEKDAYS;
  const unknownDays = window.days.filter((day) => !known.includes(day));
  if (window.days.length === 0) return "it names no day";
  if (unknownDays.length > 0) return `unknown day ${unknownDays.map((day) => JSON.stringify(day)).join(", ")}`;
  const badTimes = [window.start, window.end].filter((clock) => !CLOCK.test(clock));
  if (badTimes.length > 0) return `unreadable time of day ${badTimes.map((clock) => JSON.stringify(clock)).join(", ")}`;
  return null;
}
