-- Each user's choice whether single-key shortcuts (j, k, g, ?, /) act (WCAG 2.1.4): on by default, as before.
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "single_key_shortcuts" BOOLEAN NOT NULL DEFAULT true;
