import { FormSkeleton } from "@/components/decisions/skeletons";

export default function Loading() {
  return <FormSkeleton />;
}
