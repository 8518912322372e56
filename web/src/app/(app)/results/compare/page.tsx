import { CompareView } from '@/components/results/compare-view';

export default async function ComparePage({
  searchParams,
}: {
  searchParams: Promise<{ ids?: string; baseline?: string }>;
}) {
  const { ids, baseline } = await searchParams;
  const list = (ids ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 10);
  return <CompareView ids={list} {...(baseline ? { baseline } : {})} />;
}
