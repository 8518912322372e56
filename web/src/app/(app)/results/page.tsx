import { ResultsList } from '@/components/results/results-list';

export default function ResultsPage() {
  return <ResultsList />;
}
