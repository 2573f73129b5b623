import { FormSkeleton } from "@/components/governance/skeletons";

export default function Loading() {
  return <FormSkeleton />;
}
