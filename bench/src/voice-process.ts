import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:net";
import { ensureDatabase, topicNames } from "@voxbridge/kit";
import { migrateVoice } from "@voxbridge/voice/migrate";
import { spawnService } from "../../tests/support/service-processes";

const DATABASE_URL = process.env.BENCH_VOICE_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/voxbridge_bench_voice";
export const BROKERS = process.env.KAFKA_BROKERS ?? "127.0.0.1:9092";

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * The voice service as the voice benchmarks run it: its built dist/main.js as a process of its own
 * (so its CPU is its own), on a scratch database (`BENCH_VOICE_DATABASE_URL`, migrated here) and a
 * topic prefix of its own, ready before this resolves.
 */
export async function startVoiceProcess(env: Record<string, string> = {}) {
  await ensureDatabase(DATABASE_URL);
  await migrateVoice(DATABASE_URL);
  const prefix = `bench-voice-${randomUUID().slice(0, 8)}.`;
  const [port, managementPort] = [await freePort(), await freePort()];
  const child = spawnService(
    "voice",
    {
      DATABASE_URL,
      KAFKA_BROKERS: BROKERS,
      KAFKA_TOPIC_PREFIX: prefix,
      VOICE_GROUP_ID: `${prefix}voice`,
      VOICE_PORT: String(port),
      MANAGEMENT_PORT: String(managementPort),
      S3_BUCKET: `bench-${prefix.replace(/\W/g, "")}`,
      LOG_LEVEL: "warn",
      NODE_ENV: "development",
      // e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the service under the benchmark's load.
      ...(process.env.BENCH_VOICE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_VOICE_NODE_OPTIONS } : {}),
      ...env,
    },
    ["ignore", "ignore", "inherit"],
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await once(child, "exit");
  };
  for (let i = 0; ; i++) {
    if ((await fetch(`http://127.0.0.1:${managementPort}/readyz`).catch(() => null))?.ok) break;
    if (i > 300) {
      await stop();
      throw new Error("the voice service did not become ready");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, pid: child.pid ?? 0, prefix, topic: topicNames(prefix).callEvents, stop };
}
