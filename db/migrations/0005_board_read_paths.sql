ALTER TABLE "entries" ADD COLUMN "params" bigint;--> statement-breakpoint
ALTER TABLE "entries" ADD COLUMN "flops" bigint;--> statement-breakpoint
CREATE INDEX "runs_verified_finished" ON "runs" USING btree ("finished_at") WHERE state = 'verified' and train_limit is null;--> statement-breakpoint
-- The site caches the boards. Every write that can change a board announces itself on
-- catwalk_boards, whoever makes it (the site, a worker, a script), so a cached board is
-- invalidated by the change itself: a run becoming (or ceasing to be) verified, an entry's
-- name, visibility or description, a participant's name, a reported result.
CREATE FUNCTION catwalk_notify_boards() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('catwalk_boards', TG_TABLE_NAME);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER runs_verified_changed AFTER UPDATE OF state ON runs FOR EACH ROW
  WHEN (OLD.state IS DISTINCT FROM NEW.state AND (OLD.state = 'verified' OR NEW.state = 'verified'))
  EXECUTE FUNCTION catwalk_notify_boards();--> statement-breakpoint
CREATE TRIGGER runs_verified_added AFTER INSERT ON runs FOR EACH ROW WHEN (NEW.state = 'verified')
  EXECUTE FUNCTION catwalk_notify_boards();--> statement-breakpoint
CREATE TRIGGER runs_verified_removed AFTER DELETE ON runs FOR EACH ROW WHEN (OLD.state = 'verified')
  EXECUTE FUNCTION catwalk_notify_boards();--> statement-breakpoint
-- Any change to an entry: the cached anonymous pages show its description too (lib/http/page-cache).
CREATE TRIGGER entries_changed AFTER UPDATE OR DELETE ON entries
  FOR EACH STATEMENT EXECUTE FUNCTION catwalk_notify_boards();--> statement-breakpoint
CREATE TRIGGER users_board_fields AFTER UPDATE OF name OR DELETE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION catwalk_notify_boards();--> statement-breakpoint
CREATE TRIGGER reported_results_changed AFTER INSERT OR UPDATE OR DELETE ON reported_results
  FOR EACH STATEMENT EXECUTE FUNCTION catwalk_notify_boards();
