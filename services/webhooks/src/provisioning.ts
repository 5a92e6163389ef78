import { createWebhooksPrisma } from "./adapters/prisma";
import { secretContext } from "./adapters/stored-secret";
import { loadSecretKeyring } from "./config";
import type { SecretKeyring } from "./domain/secret-keyring";
import { newSigningSecret } from "./domain/signing";

/**
 * Operator provisioning: creates an org's `whsec_` signing secret (Standard Webhooks: base64 of 32
 * random bytes), stored encrypted under the active key of WEBHOOK_SECRET_KEYS (the same keys the
 * service is given).
 */
export async function createOrgSigningSecret(
  databaseUrl: string,
  orgId: string,
  keyring: SecretKeyring = loadSecretKeyring(process.env),
): Promise<string> {
  const secret = newSigningSecret();
  const sealed = keyring.encrypt(secret, secretContext("org_signing_secrets", orgId));
  const prisma = createWebhooksPrisma(databaseUrl, 1);
  try {
    await prisma.orgSigningSecret.create({ data: { orgId, secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId } });
  } finally {
    await prisma.$disconnect();
  }
  return secret;
}
