import { FunctionalView } from '@/components/functional/functional-view';

export default function FunctionalPage() {
  return <FunctionalView />;
}
