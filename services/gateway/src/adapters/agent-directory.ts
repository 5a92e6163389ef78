import type { DialAgent } from "@voxbridge/contracts";
import type { AgentDirectory } from "../app/ports";
import type { Agent } from "../generated/prisma/client";
import type { GatewayPrisma } from "./prisma";

const toDialAgent = (agent: Agent): DialAgent => ({
  id: agent.id,
  system_prompt: agent.systemPrompt,
  voice: agent.voice,
  language: agent.language,
  max_duration_seconds: agent.maxDurationSeconds,
});

export function createAgentDirectory(prisma: GatewayPrisma): AgentDirectory {
  return {
    async findActive(orgId, agentId) {
      const agent = await prisma.agent.findFirst({ where: { id: agentId, orgId, isActive: true } });
      return agent ? toDialAgent(agent) : null;
    },
    async findDefault(orgId) {
      const agent = await prisma.agent.findFirst({ where: { orgId, isDefault: true, isActive: true } });
      return agent ? toDialAgent(agent) : null;
    },
  };
}
