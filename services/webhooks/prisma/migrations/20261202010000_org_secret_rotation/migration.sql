-- The org signing secret can be rotated through the API; like an endpoint secret, the one it
-- replaces keeps signing (as a second signature) until previous_secret_expires_at.
ALTER TABLE "org_signing_secrets"
    ADD COLUMN "previous_secret" TEXT,
    ADD COLUMN "previous_secret_expires_at" TIMESTAMPTZ(3),
    ADD COLUMN "rotated_at" TIMESTAMPTZ(3);
