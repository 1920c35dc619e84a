DROP INDEX IF EXISTS `tasks_once_per_step`;--> statement-breakpoint
ALTER TABLE `tasks` ADD `item_ids` text;--> statement-breakpoint
CREATE UNIQUE INDEX `tasks_once_per_step` ON `tasks` (`case_id`,`step_index`,`type`) WHERE step_index IS NOT NULL AND item_ids IS NULL;