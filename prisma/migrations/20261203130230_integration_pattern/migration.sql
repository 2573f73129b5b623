-- AlterTable
ALTER TABLE "integration_points" ADD COLUMN     "pattern" TEXT;

