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
    // Keys this database's secrets already use must be among ours: a CLI run without the service's
    // keys (say with the local development key against production) would store a secret it cannot read.
    const used = await prisma.$queryRaw<{ key_id: string }[]>`
      SELECT DISTINCT secret_key_id AS key_id FROM org_signing_secrets WHERE secret_key_id IS NOT NULL
      UNION SELECT DISTINCT secret_key_id FROM webhook_endpoints WHERE secret_key_id IS NOT NULL`;
    const unknown = used.map((row) => row.key_id).filter((id) => !keyring.keyIds.includes(id));
    if (unknown.length > 0)
      throw new Error(
        `this database's signing secrets use key ${unknown.join(", ")}, which WEBHOOK_SECRET_KEYS does not hold: give the webhooks service's keys`,
      );
    await prisma.orgSigningSecret.create({ data: { orgId, secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId } });
  } finally {
    await prisma.$disconnect();
  }
  return secret;
}
