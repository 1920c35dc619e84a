CREATE TABLE `interest_rates` (
	`from_date` text PRIMARY KEY NOT NULL,
	`to_date` text NOT NULL,
	`ecb_bp` integer NOT NULL,
	`moratory_bp` integer NOT NULL,
	`source` text NOT NULL,
	`origin` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `letter_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`date` text NOT NULL,
	`status` text NOT NULL,
	`letters` integer NOT NULL,
	`pages` integer NOT NULL,
	`merged_path` text NOT NULL,
	`merged_sha256` text NOT NULL,
	`user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`confirmed_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `letter_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`language` text NOT NULL,
	`texts` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `letter_templates_name_language` ON `letter_templates` (`name`,`language`);--> statement-breakpoint
CREATE TABLE `letters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`case_id` integer,
	`task_id` integer,
	`batch_id` integer,
	`template` text NOT NULL,
	`language` text NOT NULL,
	`channel` text NOT NULL,
	`date` text NOT NULL,
	`reference` text NOT NULL,
	`path` text NOT NULL,
	`sha256` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`pages` integer NOT NULL,
	`overdue_cents` integer NOT NULL,
	`credits_cents` integer NOT NULL,
	`interest_cents` integer NOT NULL,
	`compensation_cents` integer NOT NULL,
	`total_cents` integer NOT NULL,
	`status` text NOT NULL,
	`sent_on` text,
	`message_id` text,
	`contact_id` integer,
	`user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `letter_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `letters_customer_idx` ON `letters` (`customer_id`,`date`);--> statement-breakpoint
CREATE INDEX `letters_task_idx` ON `letters` (`task_id`);--> statement-breakpoint
CREATE INDEX `letters_batch_idx` ON `letters` (`batch_id`);--> statement-breakpoint
CREATE TABLE `mail_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`outbox_id` integer NOT NULL,
	`at` text NOT NULL,
	`ok` integer NOT NULL,
	`response` text NOT NULL,
	FOREIGN KEY (`outbox_id`) REFERENCES `mail_outbox`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mail_attempts_outbox_idx` ON `mail_attempts` (`outbox_id`);--> statement-breakpoint
CREATE TABLE `mail_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer,
	`letter_id` integer,
	`customer_id` integer NOT NULL,
	`account` text NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`message_id` text,
	`response` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`letter_id`) REFERENCES `letters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mail_outbox_task_idx` ON `mail_outbox` (`task_id`);--> statement-breakpoint
CREATE INDEX `mail_outbox_message_idx` ON `mail_outbox` (`message_id`);--> statement-breakpoint
CREATE TABLE `pec_receipts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`letter_id` integer,
	`outbox_id` integer,
	`kind` text NOT NULL,
	`ref_message_id` text,
	`subject` text,
	`received_at` text,
	`file_name` text NOT NULL,
	`path` text NOT NULL,
	`sha256` text NOT NULL,
	`user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`letter_id`) REFERENCES `letters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outbox_id`) REFERENCES `mail_outbox`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pec_receipts_sha256` ON `pec_receipts` (`sha256`);--> statement-breakpoint
CREATE INDEX `pec_receipts_letter_idx` ON `pec_receipts` (`letter_id`);--> statement-breakpoint
ALTER TABLE `policies` ADD `claim_interest` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `policies` ADD `claim_compensation` integer DEFAULT true NOT NULL;