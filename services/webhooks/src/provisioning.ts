import { randomBytes } from "node:crypto";
import { createWebhooksPrisma } from "./adapters/prisma";

/** Operator provisioning: creates an org's `whsec_` signing secret (Standard Webhooks: base64 of 32 random bytes). */
export async function createOrgSigningSecret(databaseUrl: string, orgId: string): Promise<string> {
  const secret = `whsec_${randomBytes(32).toString("base64")}`;
  const prisma = createWebhooksPrisma(databaseUrl, 1);
  try {
    await prisma.orgSigningSecret.create({ data: { orgId, secret } });
  } finally {
    await prisma.$disconnect();
  }
  return secret;
}
