import { TableSkeleton } from "@/components/catalog/skeletons";

export default function Loading() {
  return <TableSkeleton />;
}
