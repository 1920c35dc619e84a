CREATE TABLE `item_reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`task_id` integer,
	`step_index` integer NOT NULL,
	`template` text NOT NULL,
	`sent_on` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `open_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `item_reminders_item_idx` ON `item_reminders` (`item_id`);