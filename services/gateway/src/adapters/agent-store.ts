import type { AgentOut, AnswerSchema, CallingWindow, VoiceEngine, VoicemailAction } from "@voxbridge/contracts";
import type { AgentStore } from "../app/ports";
import type { CallAgent } from "../domain/call-conversation";
import type { Agent } from "../generated/prisma/client";
import { Prisma } from "../generated/prisma/client";
import type { GatewayPrisma } from "./prisma";

const conversationFields = (agent: Agent) => ({
  first_message: agent.firstMessage,
  voicemail_message: agent.voicemailMessage,
  answer_schema: (agent.answerSchema as AnswerSchema | null) ?? null,
  record: agent.record,
  recording_disclosure: agent.recordingDisclosure,
  engine: agent.engine as VoiceEngine,
  model: agent.model,
});

const toCallAgent = (agent: Agent): CallAgent => ({
  id: agent.id,
  system_prompt: agent.systemPrompt,
  voice: agent.voice,
  language: agent.language,
  max_duration_seconds: agent.maxDurationSeconds,
  voicemail_action: agent.voicemailAction as VoicemailAction,
  calling_window: (agent.callingWindow as CallingWindow | null) ?? null,
  ...conversationFields(agent),
});

const toAgentOut = (agent: Agent): AgentOut => ({
  id: agent.id,
  name: agent.name,
  system_prompt: agent.systemPrompt,
  ...conversationFields(agent),
  voice: agent.voice,
  language: agent.language,
  max_duration_seconds: agent.maxDurationSeconds,
  voicemail_action: agent.voicemailAction as VoicemailAction,
  calling_window: (agent.callingWindow as CallingWindow | null) ?? null,
  is_default: agent.isDefault,
  is_active: agent.isActive,
  created_at: agent.createdAt.toISOString(),
  updated_at: agent.updatedAt.toISOString(),
});

/** A JSON column's value: SQL NULL for null (Prisma's DbNull), the object otherwise. */
const jsonOrNull = (value: CallingWindow | AnswerSchema | null) => value ?? Prisma.DbNull;

/**
 * Serializes changes to one org's agents, so concurrent default switches queue up instead of one
 * failing on the partial unique index (one default per org) that backs this up.
 */
const lockOrgAgents = (tx: Pick<GatewayPrisma, "$executeRaw">, orgId: string) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`agents:${orgId}`}))`;

/**
 * Agents of each org, with the lookups calls make (`findActive`, `findDefault`) cached for
 * `cacheTtlMs`: the create path then skips a query. A change through this instance clears the org's
 * entries at once; one made through another gateway instance shows within the TTL.
 */
export function createAgentStore(prisma: GatewayPrisma, options: { cacheTtlMs: number; now?: () => number }): AgentStore {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { expiresAt: number; value: CallAgent | null }>();
  const cached = async (key: string, load: () => Promise<CallAgent | null>): Promise<CallAgent | null> => {
    const hit = cache.get(key);
    if (hit && hit.expiresAt > now()) return hit.value;
    const value = await load();
    if (options.cacheTtlMs > 0) {
      if (cache.size >= 10_000) cache.delete(cache.keys().next().value as string);
      cache.set(key, { value, expiresAt: now() + options.cacheTtlMs });
    }
    return value;
  };
  const forget = (orgId: string) => {
    for (const key of cache.keys()) if (key.startsWith(`${orgId}:`)) cache.delete(key);
  };

  return {
    findActive(orgId, agentId) {
      return cached(`${orgId}:${agentId}`, async () => {
        const agent = await prisma.agent.findFirst({ where: { id: agentId, orgId, isActive: true } });
        return agent ? toCallAgent(agent) : null;
      });
    },
    findDefault(orgId) {
      return cached(`${orgId}:default`, async () => {
        const agent = await prisma.agent.findFirst({ where: { orgId, isDefault: true, isActive: true } });
        return agent ? toCallAgent(agent) : null;
      });
    },
    async findById(orgId, agentId) {
      const agent = await prisma.agent.findFirst({ where: { id: agentId, orgId } });
      return agent ? toCallAgent(agent) : null;
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
        return tx.agent.create({
          data: { ...agent, callingWindow: jsonOrNull(agent.callingWindow), answerSchema: jsonOrNull(agent.answerSchema), orgId },
        });
      });
      forget(orgId);
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
        const { callingWindow, answerSchema, ...rest } = change;
        const data = {
          ...rest,
          isActive,
          isDefault,
          ...(callingWindow !== undefined && { callingWindow: jsonOrNull(callingWindow) }),
          ...(answerSchema !== undefined && { answerSchema: jsonOrNull(answerSchema) }),
        };
        return tx.agent.update({ where: { id: agentId }, data });
      });
      forget(orgId);
      return updated ? toAgentOut(updated) : null;
    },
  };
}
