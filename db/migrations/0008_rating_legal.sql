CREATE TABLE `legal_costs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` integer NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`note` text,
	`user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `legal_dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `legal_costs_dossier_idx` ON `legal_costs` (`dossier_id`);--> statement-breakpoint
CREATE TABLE `legal_dossiers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`handler` text NOT NULL,
	`handler_name` text NOT NULL,
	`reference` text,
	`phase` text NOT NULL,
	`phase_on` text NOT NULL,
	`opened_on` text NOT NULL,
	`closed_on` text,
	`probability_percent` integer,
	`further_costs_cents` integer,
	`note` text,
	`user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `legal_dossiers_case` ON `legal_dossiers` (`case_id`);--> statement-breakpoint
CREATE INDEX `legal_dossiers_customer_idx` ON `legal_dossiers` (`customer_id`);--> statement-breakpoint
CREATE TABLE `legal_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` integer NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`phase` text,
	`description` text NOT NULL,
	`interruptive` integer DEFAULT false NOT NULL,
	`attachment_id` integer,
	`user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `legal_dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attachment_id`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `legal_events_dossier_idx` ON `legal_events` (`dossier_id`,`date`);--> statement-breakpoint
CREATE TABLE `legal_recoveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` integer NOT NULL,
	`date` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`note` text,
	`user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `legal_dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `legal_recoveries_dossier_idx` ON `legal_recoveries` (`dossier_id`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`score` integer NOT NULL,
	`class` text NOT NULL,
	`confidence` text NOT NULL,
	`factors` text NOT NULL,
	`previous_score` integer,
	`previous_class` text,
	`changed_on` text NOT NULL,
	`computed_on` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ratings_customer_idx` ON `ratings` (`customer_id`,`id`);--> statement-breakpoint
CREATE INDEX `ratings_changed_idx` ON `ratings` (`changed_on`);