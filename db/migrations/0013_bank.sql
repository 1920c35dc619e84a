CREATE TABLE `bank_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`statement_id` integer NOT NULL,
	`position` text NOT NULL,
	`account` text NOT NULL,
	`booking_date` text NOT NULL,
	`value_date` text,
	`amount_cents` integer NOT NULL,
	`direction` text NOT NULL,
	`is_return` integer DEFAULT false NOT NULL,
	`counterparty_name` text,
	`counterparty_iban` text,
	`remittance` text DEFAULT '' NOT NULL,
	`reference` text,
	`end_to_end_id` text,
	`bank_reference` text,
	`bank_code` text,
	`charges_cents` integer DEFAULT 0 NOT NULL,
	`return_reason` text,
	`fingerprint` text NOT NULL,
	`status` text NOT NULL,
	`customer_id` integer,
	`suggestion` text,
	`reason` text,
	`evidence` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`statement_id`) REFERENCES `bank_statements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_entries_fingerprint` ON `bank_entries` (`fingerprint`);--> statement-breakpoint
CREATE INDEX `bank_entries_statement_idx` ON `bank_entries` (`statement_id`);--> statement-breakpoint
CREATE INDEX `bank_entries_status_idx` ON `bank_entries` (`status`,`booking_date`);--> statement-breakpoint
CREATE INDEX `bank_entries_customer_idx` ON `bank_entries` (`customer_id`);--> statement-breakpoint
CREATE TABLE `bank_matches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`item_id` integer,
	`kind` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`event_id` integer,
	`residual_before_cents` integer,
	`status_before` text,
	`closed_on_before` text,
	`origin` text NOT NULL,
	`user_id` integer,
	`at` text NOT NULL,
	`undone_at` text,
	`undone_by` integer,
	FOREIGN KEY (`entry_id`) REFERENCES `bank_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `open_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`undone_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bank_matches_entry_idx` ON `bank_matches` (`entry_id`);--> statement-breakpoint
CREATE INDEX `bank_matches_item_idx` ON `bank_matches` (`item_id`);--> statement-breakpoint
CREATE TABLE `bank_statements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`format` text NOT NULL,
	`account` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`counts` text NOT NULL,
	`user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_statements_sha256_unique` ON `bank_statements` (`sha256`);--> statement-breakpoint
CREATE TABLE `customer_ibans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`iban` text NOT NULL,
	`learned_on` text NOT NULL,
	`entry_id` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_ibans_key` ON `customer_ibans` (`iban`,`customer_id`);--> statement-breakpoint
ALTER TABLE `item_events` ADD `bank_entry_id` integer;--> statement-breakpoint
CREATE INDEX `item_events_bank_entry_idx` ON `item_events` (`bank_entry_id`);