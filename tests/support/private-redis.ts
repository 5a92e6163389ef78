import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./private-postgres";

/** Resolves once something accepts TCP connections on the port. */
async function accepting(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing accepted connections on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A redis-server of the test's own, keeping nothing on disk like the machine's, on its own port:
 * a fault test stops and starts it without touching the Redis other tests use. A restart comes
 * back empty, as a real one without persistence does.
 */
export async function startPrivateRedis() {
  const port = await freePort();
  let server: ChildProcess | undefined;
  const start = async () => {
    server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    await accepting(port);
  };
  const stop = async () => {
    const running = server;
    server = undefined;
    if (!running || running.exitCode !== null) return;
    running.kill("SIGKILL");
    await once(running, "exit");
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, start, stop };
}
export type PrivateRedis = Awaited<ReturnType<typeof startPrivateRedis>>;

const run = (command: string, args: string[]) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      out += String(chunk);
    });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(" ")} exited ${code}: ${out}`))));
  });

/**
 * A Redis Cluster of the test's own: `masters` redis-server processes with cluster mode on, joined by
 * `redis-cli --cluster create` (no replicas), each on its own port, nothing kept on disk but the
 * nodes' cluster files in a temporary folder. Resolves once every node reports `cluster_state:ok`.
 */
export async function startPrivateRedisCluster(masters = 3) {
  const dir = mkdtempSync(path.join(tmpdir(), "voxbridge-redis-cluster-"));
  const ports = await Promise.all(Array.from({ length: masters }, () => freePort()));
  const servers = ports.map((port) =>
    spawn(
      "redis-server",
      [
        ...["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        ...["--cluster-enabled", "yes", "--cluster-config-file", path.join(dir, `nodes-${port}.conf`), "--cluster-node-timeout", "2000"],
      ],
      { stdio: "ignore" },
    ),
  );
  await Promise.all(ports.map((port) => accepting(port)));
  await run("redis-cli", ["--cluster", "create", ...ports.map((port) => `127.0.0.1:${port}`), "--cluster-replicas", "0", "--cluster-yes"]);
  for (const port of ports) {
    const deadline = Date.now() + 20_000;
    while (!(await run("redis-cli", ["-p", String(port), "cluster", "info"])).includes("cluster_state:ok")) {
      if (Date.now() > deadline) throw new Error(`redis cluster node ${port} never reported cluster_state:ok`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    /** The first node, as REDIS_URL; the others as REDIS_NODES. */
    url: `redis://127.0.0.1:${ports[0]}`,
    nodes: ports.slice(1).map((port) => `127.0.0.1:${port}`),
    ports,
    stop: async () => {
      await Promise.all(
        servers.map(async (server) => {
          if (server.exitCode !== null) return;
          server.kill("SIGKILL");
          await once(server, "exit");
        }),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type PrivateRedisCluster = Awaited<ReturnType<typeof startPrivateRedisCluster>>;

/**
 * A Redis master and one Sentinel watching it (quorum 1) as `mymaster`, each the test's own. Resolves
 * once the Sentinel names the master.
 */
export async function startPrivateRedisSentinel() {
  const dir = mkdtempSync(path.join(tmpdir(), "voxbridge-redis-sentinel-"));
  const [masterPort, sentinelPort] = await Promise.all([freePort(), freePort()]);
  const master = spawn("redis-server", ["--port", String(masterPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  await accepting(masterPort);
  const config = path.join(dir, "sentinel.conf");
  writeFileSync(config, `port ${sentinelPort}\nbind 127.0.0.1\nsentinel monitor mymaster 127.0.0.1 ${masterPort} 1\n`);
  const sentinel = spawn("redis-server", [config, "--sentinel"], { stdio: "ignore" });
  await accepting(sentinelPort);
  const deadline = Date.now() + 20_000;
  while (
    !(await run("redis-cli", ["-p", String(sentinelPort), "sentinel", "get-master-addr-by-name", "mymaster"])).includes(String(masterPort))
  ) {
    if (Date.now() > deadline) throw new Error("the sentinel never named its master");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    masterPort,
    sentinels: `127.0.0.1:${sentinelPort}`,
    stop: async () => {
      for (const server of [sentinel, master]) {
        if (server.exitCode !== null) continue;
        server.kill("SIGKILL");
        await once(server, "exit");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type PrivateRedisSentinel = Awaited<ReturnType<typeof startPrivateRedisSentinel>>;
