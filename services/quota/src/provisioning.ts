import { createQuotaPrisma } from "./adapters/prisma";

/** Operator provisioning: sets an org's monthly limit in the quota service's own ledger. */
export async function setOrgMinuteLimit(databaseUrl: string, orgId: string, minutesLimit: number): Promise<void> {
  const prisma = createQuotaPrisma(databaseUrl, 1);
  try {
    await prisma.orgLimit.upsert({ where: { orgId }, create: { orgId, minutesLimit }, update: { minutesLimit } });
  } finally {
    await prisma.$disconnect();
  }
}
