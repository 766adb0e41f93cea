-- Test subsets are gone: a development run evaluates on a slice of the training set. Runs
-- that evaluated on a chosen test subset stay development runs (never ranked) with the
-- largest train limit a development run can have, so re-verifying their entry still works.
UPDATE "runs" SET "train_limit" = 58000 WHERE "test_limit" IS NOT NULL AND ("train_limit" IS NULL OR "train_limit" > 58000);--> statement-breakpoint
ALTER TABLE "runs" DROP COLUMN "test_limit";
