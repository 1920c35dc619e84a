CREATE TABLE `notify_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`date` text NOT NULL,
	`params` text DEFAULT '{}' NOT NULL,
	`urgent` integer DEFAULT false NOT NULL,
	`sent_at` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`acknowledged_at` text,
	`acknowledged_by` integer,
	`resolved_on` text,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notify_alerts_key` ON `notify_alerts` (`key`);--> statement-breakpoint
CREATE INDEX `notify_alerts_customer_idx` ON `notify_alerts` (`customer_id`);--> statement-breakpoint
CREATE TABLE `notify_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`date` text NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`recipient` text NOT NULL,
	`role` text NOT NULL,
	`email` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`message_id` text,
	`error` text,
	`fingerprint` text NOT NULL,
	`customers` integer NOT NULL,
	`alert_ids` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notify_messages_recipient_idx` ON `notify_messages` (`role`,`recipient`,`id`);--> statement-breakpoint
CREATE TABLE `salespeople` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`language` text DEFAULT 'it' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `salespeople_name_unique` ON `salespeople` (`name`);