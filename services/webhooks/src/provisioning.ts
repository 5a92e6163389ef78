import { createWebhooksPrisma } from "./adapters/prisma";
import { newSigningSecret } from "./domain/signing";

/** Operator provisioning: creates an org's `whsec_` signing secret (Standard Webhooks: base64 of 32 random bytes). */
export async function createOrgSigningSecret(databaseUrl: string, orgId: string): Promise<string> {
  const secret = newSigningSecret();
  const prisma = createWebhooksPrisma(databaseUrl, 1);
  try {
    await prisma.orgSigningSecret.create({ data: { orgId, secret } });
  } finally {
    await prisma.$disconnect();
  }
  return secret;
}
