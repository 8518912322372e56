import { StressView } from '@/components/stress/stress-view';

export default function StressPage() {
  return <StressView />;
}
