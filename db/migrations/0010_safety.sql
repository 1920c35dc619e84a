CREATE TABLE `customer_privacy` (
	`customer_id` integer PRIMARY KEY NOT NULL,
	`legal_hold` integer DEFAULT false NOT NULL,
	`legal_hold_reason` text,
	`legal_hold_on` text,
	`anonymised_on` text
);
