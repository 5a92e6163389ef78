import { randomUUID } from "node:crypto";
import { createGatewayPrisma } from "./adapters/prisma";
import { displayPrefix, generateApiKey, hashApiKey } from "./domain/api-key";

export const DEFAULT_AGENT = {
  name: "Default agent",
  systemPrompt: "You are a friendly assistant calling {{client_name}} on behalf of the organization.",
  maxDurationSeconds: 600,
};

/**
 * Operator provisioning: an organization, one live API key (returned once, stored as a hash) and,
 * unless told otherwise, a default agent, in one transaction.
 */
export async function createOrganization(
  databaseUrl: string,
  options: { orgId?: string; name: string; withDefaultAgent: boolean },
): Promise<{ orgId: string; apiKey: string; defaultAgentId: string | null }> {
  const prisma = createGatewayPrisma(databaseUrl, 1);
  const orgId = options.orgId ?? randomUUID();
  const apiKey = generateApiKey();
  const defaultAgentId = options.withDefaultAgent ? randomUUID() : null;
  try {
    await prisma.$transaction([
      prisma.organization.create({ data: { id: orgId, name: options.name } }),
      prisma.apiKey.create({ data: { id: randomUUID(), orgId, keyHash: hashApiKey(apiKey), prefix: displayPrefix(apiKey) } }),
      ...(defaultAgentId
        ? [
            prisma.agent.create({
              data: {
                id: defaultAgentId,
                orgId,
                name: DEFAULT_AGENT.name,
                systemPrompt: DEFAULT_AGENT.systemPrompt,
                maxDurationSeconds: DEFAULT_AGENT.maxDurationSeconds,
                isDefault: true,
              },
            }),
          ]
        : []),
    ]);
  } finally {
    await prisma.$disconnect();
  }
  return { orgId, apiKey, defaultAgentId };
}
