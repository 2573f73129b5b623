import { CardGridSkeleton } from "@/components/governance/skeletons";

export default function Loading() {
  return <CardGridSkeleton />;
}
