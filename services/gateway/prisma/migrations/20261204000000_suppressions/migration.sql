-- The organization's suppression list: numbers its calls must never dial. A number appears once
-- per organization; an opt-out on a call adds it with reason 'opt_out'.
CREATE TABLE "suppressions" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppressions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "suppressions_org_id_number_key" ON "suppressions"("org_id", "number");
CREATE INDEX "suppressions_org_id_created_at_id_idx" ON "suppressions"("org_id", "created_at" DESC, "id" DESC);

ALTER TABLE "suppressions" ADD CONSTRAINT "suppressions_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
