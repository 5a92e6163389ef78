-- An in-flight Idempotency-Key claim is a lease its request renews while it runs; a claim not
-- renewed for 5 s belongs to a request whose process died, and a retry may take it over.
ALTER TABLE "idempotency_keys" ADD COLUMN "renewed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now();
