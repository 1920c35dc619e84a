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
CREATE INDEX `item_reminders_item_idx` ON `item_reminders` (`item_id`);--> statement-breakpoint
-- Ledgers from before per-invoice levels: each reminder already sent (a step's e-mail, letter or PEC
-- completed as sent) is taken to have been about the customer's invoices that were overdue that day
-- and are still open, so letters do not show old invoices as at their first reminder.
INSERT INTO `item_reminders` (`item_id`, `task_id`, `step_index`, `template`, `sent_on`)
SELECT o.`id`, t.`id`, t.`step_index`, t.`template`, t.`closed_on`
FROM `tasks` t
JOIN `open_items` o ON o.`customer_id` = t.`customer_id`
WHERE t.`status` = 'done' AND t.`outcome` = 'sent' AND t.`type` IN ('email', 'letter', 'pec')
  AND t.`step_index` IS NOT NULL AND t.`template` IS NOT NULL AND t.`closed_on` IS NOT NULL
  AND o.`status` = 'open' AND o.`residual_cents` > 0 AND o.`due_date` < t.`closed_on`;
