import type { BeforeDialStore } from "../app/ports";
import type { Columns, StoreOptions } from "./postgres";

/** The last look before a dial: one indexed read of the job and the org's list (`domain/before-dial.ts` decides). */
export function createBeforeDialStore(options: StoreOptions): BeforeDialStore {
  return {
    async checkBeforeDial(callId) {
      const { rows } = await options.pool.query<Columns<"dial_jobs", "cancel_requested"> & { suppressed: boolean }>(
        `SELECT j.cancel_requested,
                EXISTS (SELECT 1 FROM "suppressed_numbers" s WHERE s.org_id = j.org_id AND s.number = j.call ->> 'to_number') AS suppressed
           FROM "dial_jobs" j WHERE j.call_id = $1`,
        [callId],
      );
      return { cancelRequested: rows[0]?.cancel_requested ?? false, suppressed: rows[0]?.suppressed ?? false };
    },
  };
}
