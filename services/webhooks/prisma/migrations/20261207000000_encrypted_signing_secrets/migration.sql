-- Signing secrets are encrypted at rest (AES-256-GCM, docs/secrets.md): each row keeps the base64 of
-- nonce, ciphertext and tag, and the id of the key that encrypted it (the current and the previous
-- secret each have their own, since a rotation moves the current one to previous as it is).
-- The plaintext columns stay, nullable, for rows written before this migration: the re-encryption
-- pass that runs right after the migrations (and in the service) encrypts them and clears them.
ALTER TABLE "org_signing_secrets"
    ALTER COLUMN "secret" DROP NOT NULL,
    ADD COLUMN "secret_ciphertext" TEXT,
    ADD COLUMN "secret_key_id" TEXT,
    ADD COLUMN "previous_secret_ciphertext" TEXT,
    ADD COLUMN "previous_secret_key_id" TEXT,
    ADD CONSTRAINT "org_signing_secrets_secret_present" CHECK ("secret" IS NOT NULL OR "secret_ciphertext" IS NOT NULL);

ALTER TABLE "webhook_endpoints"
    ALTER COLUMN "secret" DROP NOT NULL,
    ADD COLUMN "secret_ciphertext" TEXT,
    ADD COLUMN "secret_key_id" TEXT,
    ADD COLUMN "previous_secret_ciphertext" TEXT,
    ADD COLUMN "previous_secret_key_id" TEXT,
    ADD CONSTRAINT "webhook_endpoints_secret_present" CHECK ("secret" IS NOT NULL OR "secret_ciphertext" IS NOT NULL);
