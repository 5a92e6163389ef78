-- An agent on a realtime engine may choose its provider's model; null keeps the deployment's default.
ALTER TABLE "agents" ADD COLUMN "model" TEXT;
