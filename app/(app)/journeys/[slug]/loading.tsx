import { JourneySkeleton } from "@/components/governance/skeletons";

export default function Loading() {
  return <JourneySkeleton />;
}
