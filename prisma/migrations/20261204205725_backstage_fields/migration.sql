-- AlterTable
ALTER TABLE "teams" ADD COLUMN     "parent_id" UUID;

-- AlterTable
ALTER TABLE "services" ADD COLUMN     "lifecycle" TEXT,
ADD COLUMN     "system" TEXT,
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "type" TEXT;

-- AddForeignKey
ALTER TABLE "teams" ADD CONSTRAINT "teams_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

