import { ListSkeleton } from "@/components/decisions/skeletons";

export default function Loading() {
  return <ListSkeleton />;
}
