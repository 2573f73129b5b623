-- AlterTable
ALTER TABLE "rate_buckets" ADD COLUMN     "granted" INTEGER NOT NULL DEFAULT 1;

