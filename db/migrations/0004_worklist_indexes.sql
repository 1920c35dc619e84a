DROP INDEX `tasks_worklist_idx`;--> statement-breakpoint
CREATE INDEX `tasks_priority_idx` ON `tasks` (`status`,`priority`);--> statement-breakpoint
CREATE INDEX `tasks_worklist_idx` ON `tasks` (`status`,`assignee_id`,`priority`);