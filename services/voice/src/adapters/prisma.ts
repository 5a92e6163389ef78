import { type Logger, prismaAdapter } from "@voxbridge/kit";
import { PrismaClient } from "../generated/prisma/client";
import { VOICE_SCHEMA } from "./schema";

export { VOICE_SCHEMA };

export type VoicePrisma = PrismaClient;

export function createVoicePrisma(databaseUrl: string, poolSize: number, logger?: Logger): PrismaClient {
  return new PrismaClient({ adapter: prismaAdapter(databaseUrl, VOICE_SCHEMA, poolSize, logger) });
}
