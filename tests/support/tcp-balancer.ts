import { connect, createServer, type Socket } from "node:net";
import { freePort } from "./private-postgres";

/**
 * A round-robin TCP load balancer on loopback, standing where a Kubernetes Service or a cloud load
 * balancer stands in front of a service's instances: each connection goes to the next backend, and
 * to the one after it when that one refuses (a killed instance). Not a VoxBridge component.
 */
export async function startTcpBalancer(backends: () => number[]) {
  const port = await freePort();
  let next = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.pause();
    const ports = backends();
    const tryBackend = (tries: number) => {
      if (tries >= ports.length) {
        client.destroy();
        return;
      }
      const backendPort = ports[next++ % ports.length] as number;
      const upstream = connect(backendPort, "127.0.0.1");
      let connected = false;
      upstream.once("connect", () => {
        connected = true;
        sockets.add(upstream);
        upstream.on("close", () => sockets.delete(upstream));
        client.pipe(upstream).pipe(client);
        client.resume();
        upstream.on("error", () => client.destroy());
        client.on("error", () => upstream.destroy());
      });
      upstream.once("error", (error: NodeJS.ErrnoException) => {
        if (!connected && error.code === "ECONNREFUSED") tryBackend(tries + 1);
        else client.destroy();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
