import { createServer } from "node:http";
import { verifyWebhook, WebhookVerificationError } from "@voxbridge/sdk";

const secret = process.env.VOXBRIDGE_WEBHOOK_SECRET;
if (!secret) throw new Error("Set VOXBRIDGE_WEBHOOK_SECRET to the endpoint's signing secret (whsec_…)");
const port = Number(process.env.PORT ?? 3000);

const server = createServer((req, res) => {
  // The signature covers the exact bytes sent, so collect the raw body and verify it before parsing anything.
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    try {
      const event = verifyWebhook(secret, req.headers, Buffer.concat(chunks));
      console.log(`${event.type} ${event.sequence} ${event.data.id} ${event.data.status}`);
      res.writeHead(204).end();
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      console.warn(`rejected a delivery: ${error.message}`);
      res.writeHead(400).end();
    }
  });
});

server.listen(port, () => console.log(`listening for VoxBridge webhooks on http://localhost:${port}`));
