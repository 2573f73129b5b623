import { ListSkeleton } from "@/components/governance/skeletons";

export default function Loading() {
  return <ListSkeleton />;
}
