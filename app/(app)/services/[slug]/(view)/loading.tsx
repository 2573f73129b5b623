import { DetailSkeleton } from "@/components/catalog/skeletons";

export default function Loading() {
  return <DetailSkeleton />;
}
