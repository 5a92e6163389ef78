import { deleteWhere, type Logger, type RetentionBefore, type RetentionRule } from "@voxbridge/kit";
import type { RecordingStore } from "../app/ports";

/** Where recordings live in the bucket: `recordings/{org}/{call}/{attempt}.wav`. */
export const RECORDING_PREFIX = "recordings/";
const BATCH = 100;

/**
 * What the voice service deletes (docs/retention.md): a conversation (its turns and answers) and its
 * recording `transcriptDays` after it ended, and a call's agent copy `retentionDays` after it ended
 * once no conversation of it is left. The recordings go first (`expireRecordings`), so no row that
 * names an object is deleted while the object stays. The outbox deletes its rows as it publishes.
 */
export const voiceRetentionRules = (retentionDays: number, transcriptDays: number): RetentionRule[] => [
  deleteWhere(
    "conversations",
    "coalesce(ended_at, started_at) < now() - make_interval(days => $2) AND recording_state NOT IN ('stored', 'pending')",
    {
      values: [transcriptDays],
    },
  ),
  deleteWhere(
    "calls",
    `coalesce(ended_at, created_at) < now() - make_interval(days => $2)
     AND NOT EXISTS (SELECT 1 FROM "conversations" c WHERE c.call_id = "calls".call_id)`,
    { values: [retentionDays] },
  ),
  // A signal matters only while its call is live.
  deleteWhere("stream_signals", "created_at < now() - interval '1 day'"),
  // A recording's bytes written by a conversation end that never committed (the service died in
  // between): never due for upload, deleted once their conversation would have been.
  deleteWhere(
    "recording_uploads",
    `next_attempt_at = 'infinity' AND NOT EXISTS (SELECT 1 FROM "conversations" c
       WHERE c.call_id = "recording_uploads".call_id AND c.attempt = "recording_uploads".attempt
         AND c.started_at >= now() - make_interval(days => $2))`,
    { values: [transcriptDays] },
  ),
];

/**
 * Deletes the recordings of conversations past keeping, stored or still waiting for the store, and
 * marks them deleted for the rules above. A bucket lifecycle rule of the same age may have removed
 * the object already; deleting it again is harmless. A store that fails stops this pass here (logged)
 * and leaves the rest for the next one.
 */
export const expireRecordings =
  (store: Pick<RecordingStore, "delete">, transcriptDays: number, logger: Logger): RetentionBefore =>
  async (client) => {
    let deleted = 0;
    for (;;) {
      const { rows } = await client.query<{ call_id: string; attempt: number; recording_state: string; recording_key: string | null }>(
        `SELECT call_id, attempt, recording_state, recording_key FROM "conversations"
          WHERE recording_state IN ('stored', 'pending') AND coalesce(ended_at, started_at) < now() - make_interval(days => $1)
          ORDER BY coalesce(ended_at, started_at) LIMIT $2`,
        [transcriptDays, BATCH],
      );
      for (const row of rows) {
        try {
          if (row.recording_state === "stored" && row.recording_key) await store.delete(row.recording_key);
        } catch (error) {
          logger.warn({ err: error, callId: row.call_id }, "could not delete an expired recording; the next retention pass tries again");
          return { recordings: deleted };
        }
        await client.query(`DELETE FROM "recording_uploads" WHERE call_id = $1 AND attempt = $2`, [row.call_id, row.attempt]);
        await client.query(
          `UPDATE "conversations" SET recording_state = 'deleted', recording_key = NULL WHERE call_id = $1 AND attempt = $2`,
          [row.call_id, row.attempt],
        );
        deleted++;
      }
      if (rows.length < BATCH) return { recordings: deleted };
    }
  };
