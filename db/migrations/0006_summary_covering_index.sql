DROP INDEX `open_items_status_due_idx`;--> statement-breakpoint
CREATE INDEX `open_items_status_due_idx` ON `open_items` (`status`,`due_date`,`customer_id`,`residual_cents`);