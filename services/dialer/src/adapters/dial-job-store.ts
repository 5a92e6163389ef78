import type { DialJobStore } from "../app/accept-queued-call";
import type { DialerPrisma } from "./prisma";

export function createDialJobStore(prisma: DialerPrisma): DialJobStore {
  return {
    async createIfAbsent(job) {
      const inserted = await prisma.$executeRaw`
        INSERT INTO "dial_jobs" (call_id, org_id, status, due_at, queued)
        VALUES (${job.callId}::uuid, ${job.orgId}::uuid, 'queued', ${job.dueAt}, ${JSON.stringify(job.queued)}::jsonb)
        ON CONFLICT (call_id) DO NOTHING`;
      return inserted === 1;
    },
  };
}
