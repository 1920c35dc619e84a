DROP INDEX IF EXISTS "tasks_worklist_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "tasks_priority_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "tasks_assignee_late_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "tasks_late_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "tasks_oldest_due_idx";--> statement-breakpoint
CREATE INDEX "tasks_worklist_idx" ON "tasks" USING btree ("status","assignee_id","priority" DESC NULLS LAST,"due_date") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "tasks_priority_idx" ON "tasks" USING btree ("status","priority" DESC NULLS LAST,"due_date") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "tasks_assignee_late_idx" ON "tasks" USING btree ("status","assignee_id","due_date","priority" DESC NULLS LAST,"type") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "tasks_late_idx" ON "tasks" USING btree ("status","due_date","priority" DESC NULLS LAST,"type") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "tasks_oldest_due_idx" ON "tasks" USING btree ("status",coalesce((make_date(substr("created_on", 1, 4)::int, substr("created_on", 6, 2)::int, substr("created_on", 9, 2)::int) - date '2000-01-01') - (("priority_factors"::jsonb -> 1 ->> 'value')::numeric), 9999999),"priority" DESC NULLS LAST,"due_date") WHERE status = 'open';