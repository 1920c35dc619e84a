CREATE TABLE `case_fees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`task_id` integer,
	`step_name` text NOT NULL,
	`fee_cents` integer NOT NULL,
	`charged_on` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_fees_case_idx` ON `case_fees` (`case_id`);--> statement-breakpoint
ALTER TABLE `customers` ADD `policy_override` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `policy_override_reason` text;