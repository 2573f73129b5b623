import { RecordSkeleton } from "@/components/decisions/skeletons";

export default function Loading() {
  return <RecordSkeleton />;
}
