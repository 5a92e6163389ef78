import type { DialJobStore } from "../app/accept-queued-call";
import type { DialerPrisma } from "./prisma";

export function createDialJobStore(prisma: DialerPrisma): DialJobStore {
  return {
    async createIfAbsent(job) {
      const { count } = await prisma.dialJob.createMany({
        data: [{ callId: job.callId, orgId: job.orgId, status: "queued", dueAt: job.dueAt, queued: job.queued as object }],
        skipDuplicates: true,
      });
      return count === 1;
    },
  };
}
