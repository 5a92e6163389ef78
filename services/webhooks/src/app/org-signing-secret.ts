import type { SigningSecretOut } from "@voxbridge/contracts";
import { PREVIOUS_SECRET_GRACE_MS } from "./webhook-endpoints";

/** The org's signing secret, which signs deliveries to per-call webhook URLs. */
export interface OrgSecretStore {
  /**
   * Makes `secret` current; the replaced one (if any) keeps signing until `previousValidUntil`.
   * Answers when the replaced one expires, or null when the org had none.
   */
  rotate(orgId: string, secret: string, previousValidUntil: Date, now: Date): Promise<{ previousExpiresAt: Date | null }>;
}

export type OrgSecretDeps = { orgSecrets: OrgSecretStore; newSecret: () => string; clock: () => Date };

/** Rotates the org's signing secret, with the same 24 h overlap as an endpoint's; the new secret is shown only here. */
export async function rotateOrgSigningSecret(deps: OrgSecretDeps, orgId: string): Promise<SigningSecretOut> {
  const now = deps.clock();
  const secret = deps.newSecret();
  const { previousExpiresAt } = await deps.orgSecrets.rotate(orgId, secret, new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS), now);
  return { secret, previous_secret_expires_at: previousExpiresAt?.toISOString() ?? null, rotated_at: now.toISOString() };
}
