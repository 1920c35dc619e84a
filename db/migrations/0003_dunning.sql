CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`policy_name` text NOT NULL,
	`status` text NOT NULL,
	`opened_on` text NOT NULL,
	`closed_on` text,
	`outcome` text,
	`last_step_index` integer DEFAULT -1 NOT NULL,
	`last_step_closed_on` text,
	`paused_reason` text,
	`opened_overdue_cents` integer NOT NULL,
	`overdue_cents` integer NOT NULL,
	`recovery_days` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cases_customer_idx` ON `cases` (`customer_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_one_open_per_customer` ON `cases` (`customer_id`) WHERE status <> 'closed';--> statement-breakpoint
CREATE TABLE `disputes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`opened_on` text NOT NULL,
	`resolved_on` text,
	`outcome` text,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `open_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disputes_item_idx` ON `disputes` (`item_id`);--> statement-breakpoint
CREATE TABLE `dunning_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_date` text NOT NULL,
	`at` text NOT NULL,
	`counts` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `policies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`bands` text NOT NULL,
	`min_overdue_cents` integer NOT NULL,
	`min_gap_days` integer NOT NULL,
	`steps` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `policies_name_unique` ON `policies` (`name`);--> statement-breakpoint
CREATE TABLE `promises` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`case_id` integer,
	`date` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_on` text NOT NULL,
	`resolved_on` text,
	`baseline_overdue_cents` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `promises_customer_idx` ON `promises` (`customer_id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`step_index` integer,
	`step_name` text NOT NULL,
	`type` text NOT NULL,
	`template` text,
	`due_date` text NOT NULL,
	`created_on` text NOT NULL,
	`assignee_id` integer,
	`priority` integer NOT NULL,
	`priority_factors` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`outcome` text,
	`note` text,
	`closed_on` text,
	`closed_by` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tasks_once_per_step` ON `tasks` (`case_id`,`step_index`,`type`) WHERE step_index IS NOT NULL;--> statement-breakpoint
CREATE INDEX `tasks_worklist_idx` ON `tasks` (`status`,`assignee_id`,`due_date`);--> statement-breakpoint
CREATE INDEX `tasks_case_idx` ON `tasks` (`case_id`);--> statement-breakpoint
ALTER TABLE `customers` ADD `key_account` integer DEFAULT false NOT NULL;