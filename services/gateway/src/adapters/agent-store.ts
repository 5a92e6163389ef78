import type { AgentOut, DialAgent } from "@voxbridge/contracts";
import type { AgentStore } from "../app/ports";
import type { Agent } from "../generated/prisma/client";
import type { GatewayPrisma } from "./prisma";

const toDialAgent = (agent: Agent): DialAgent => ({
  id: agent.id,
  system_prompt: agent.systemPrompt,
  voice: agent.voice,
  language: agent.language,
  max_duration_seconds: agent.maxDurationSeconds,
});

export const toAgentOut = (agent: Agent): AgentOut => ({
  id: agent.id,
  name: agent.name,
  system_prompt: agent.systemPrompt,
  voice: agent.voice,
  language: agent.language,
  max_duration_seconds: agent.maxDurationSeconds,
  is_default: agent.isDefault,
  is_active: agent.isActive,
  created_at: agent.createdAt.toISOString(),
  updated_at: agent.updatedAt.toISOString(),
});

/**
 * Serializes changes to one org's agents, so concurrent default switches queue up instead of one
 * failing on the partial unique index (one default per org) that backs this up.
 */
const lockOrgAgents = (tx: Pick<GatewayPrisma, "$executeRaw">, orgId: string) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`agents:${orgId}`}))`;

export function createAgentStore(prisma: GatewayPrisma): AgentStore {
  return {
    async findActive(orgId, agentId) {
      const agent = await prisma.agent.findFirst({ where: { id: agentId, orgId, isActive: true } });
      return agent ? toDialAgent(agent) : null;
    },
    async findDefault(orgId) {
      const agent = await prisma.agent.findFirst({ where: { orgId, isDefault: true, isActive: true } });
      return agent ? toDialAgent(agent) : null;
    },
    async get(orgId, agentId) {
      const agent = await prisma.agent.findFirst({ where: { id: agentId, orgId } });
      return agent ? toAgentOut(agent) : null;
    },
    async list(orgId, page) {
      const where = { orgId, ...(page.includeInactive ? {} : { isActive: true }) };
      const [agents, total] = await Promise.all([
        prisma.agent.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: page.limit, skip: page.offset }),
        prisma.agent.count({ where }),
      ]);
      return { items: agents.map(toAgentOut), total };
    },
    async create(orgId, agent) {
      const created = await prisma.$transaction(async (tx) => {
        await lockOrgAgents(tx, orgId);
        if (agent.isDefault) await tx.agent.updateMany({ where: { orgId, isDefault: true }, data: { isDefault: false } });
        return tx.agent.create({ data: { ...agent, orgId } });
      });
      return toAgentOut(created);
    },
    async update(orgId, agentId, change) {
      const updated = await prisma.$transaction(async (tx) => {
        await lockOrgAgents(tx, orgId);
        const current = await tx.agent.findFirst({ where: { id: agentId, orgId } });
        if (!current) return null;
        // An inactive agent cannot stay (or become) the default: new calls could not use it.
        const isActive = change.isActive ?? current.isActive;
        const isDefault = isActive ? (change.isDefault ?? current.isDefault) : false;
        if (isDefault && !current.isDefault) {
          await tx.agent.updateMany({ where: { orgId, isDefault: true }, data: { isDefault: false } });
        }
        return tx.agent.update({ where: { id: agentId }, data: { ...change, isActive, isDefault } });
      });
      return updated ? toAgentOut(updated) : null;
    },
  };
}
