ALTER TABLE `users` ADD `password_hash` text;--> statement-breakpoint
ALTER TABLE `users` ADD `os_account` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_os_account_unique` ON `users` (`os_account`);