import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./private-postgres";

const run = promisify(execFile);
const SCRIPT = path.resolve(__dirname, "../../infra/kafka/kafka.sh");

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The `KEY=value` lines of the secure broker's client.env: the KAFKA_* variables a service needs to
 * reach it (brokers, CA file, SASL mechanism, user and password).
 */
function readClientEnv(file: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

/**
 * An Apache Kafka broker of the test's own (the project's `infra/kafka/kafka.sh`, the same build as
 * the shared one) with its own ports and data directory, so a fault test can SIGKILL it without
 * touching the broker other tests use. `start` after `kill` recovers from the same data, as a
 * broker restarted by its supervisor does. With `secure`, its listener requires SASL over TLS
 * (`kafka.sh start-secure`: a CA of its own, SCRAM-SHA-256/512 and PLAIN users), and `clientEnv` holds
 * the variables that reach it.
 */
export async function startPrivateKafka(options: { secure?: boolean } = {}) {
  // A port found free may be taken by another test's server before the broker binds it (a broker
  // takes seconds to start): kafka.sh then refuses to start, and a fresh pair of ports is tried.
  for (let tries = 1; ; tries++) {
    try {
      return await startPrivateKafkaOnce(options);
    } catch (error) {
      if (tries >= 3) throw error;
    }
  }
}

async function startPrivateKafkaOnce(options: { secure?: boolean }) {
  const dir = mkdtempSync(path.join(tmpdir(), "voxbridge-kafka-"));
  const port = await freePort();
  const env = {
    ...process.env,
    KAFKA_DIR: dir,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(await freePort()),
    KAFKA_HEAP_OPTS: "-Xms128m -Xmx512m",
    KAFKA_REUSE: "0",
  };
  const pid = () => Number(readFileSync(path.join(dir, "kafka.pid"), "utf8").trim());
  const start = async () => {
    await run(SCRIPT, [options.secure ? "start-secure" : "start"], { env, timeout: 120_000 });
  };
  const kill = async () => {
    const target = pid();
    process.kill(target, "SIGKILL");
    while (alive(target)) await new Promise((resolve) => setTimeout(resolve, 50));
  };
  try {
    await start();
  } catch (error) {
    // A broker that never came up (on a port another process holds) must not outlive its try.
    try {
      if (alive(pid())) await kill();
    } catch {
      // no pid file: nothing was started
    }
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    brokers: `127.0.0.1:${port}`,
    /** KAFKA_BROKERS, and with `secure` KAFKA_TLS_CA_FILE, KAFKA_SASL_MECHANISM (scram-sha-512), KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD. */
    clientEnv: options.secure ? readClientEnv(path.join(dir, "client.env")) : { KAFKA_BROKERS: `127.0.0.1:${port}` },
    start,
    kill,
    destroy: async () => {
      if (alive(pid())) await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type PrivateKafka = Awaited<ReturnType<typeof startPrivateKafka>>;
