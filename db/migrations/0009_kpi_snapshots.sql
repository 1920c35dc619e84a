CREATE TABLE `kpi_snapshot_lines` (
	`snapshot_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`receivables_cents` integer NOT NULL,
	`credits_cents` integer NOT NULL,
	`not_due_cents` integer NOT NULL,
	`d1_30_cents` integer NOT NULL,
	`d31_60_cents` integer NOT NULL,
	`d61_90_cents` integer NOT NULL,
	`d91_180_cents` integer NOT NULL,
	`d181_plus_cents` integer NOT NULL,
	`open_cases` integer NOT NULL,
	`in_collection_cents` integer NOT NULL,
	FOREIGN KEY (`snapshot_id`) REFERENCES `kpi_snapshots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_snapshot_lines_key` ON `kpi_snapshot_lines` (`snapshot_id`,`customer_id`);--> statement-breakpoint
CREATE TABLE `kpi_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`date` text NOT NULL,
	`taken_on` text NOT NULL,
	`figures` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_snapshots_date_unique` ON `kpi_snapshots` (`date`);