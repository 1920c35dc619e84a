DROP INDEX IF EXISTS `tasks_worklist_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `tasks_priority_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `tasks_assignee_late_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `tasks_late_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `tasks_oldest_due_idx`;--> statement-breakpoint
CREATE INDEX `tasks_worklist_idx` ON `tasks` (`status`,`assignee_id`,priority DESC,`due_date`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `tasks_priority_idx` ON `tasks` (`status`,priority DESC,`due_date`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `tasks_assignee_late_idx` ON `tasks` (`status`,`assignee_id`,`due_date`,priority DESC,`type`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `tasks_late_idx` ON `tasks` (`status`,`due_date`,priority DESC,`type`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `tasks_oldest_due_idx` ON `tasks` (`status`,coalesce(julianday(created_on) - json_extract(priority_factors, '$[1].value'), 9999999),priority DESC,`due_date`) WHERE status = 'open';