-- Each user's time-zone choice for charts and times (issue 20): their browser's zone by default, or UTC.
-- CreateEnum
CREATE TYPE "TimeZoneChoice" AS ENUM ('browser', 'utc');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "time_zone" "TimeZoneChoice" NOT NULL DEFAULT 'browser';

