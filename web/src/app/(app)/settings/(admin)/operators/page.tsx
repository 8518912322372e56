import { OperatorsSettings } from '@/components/settings/operators-settings';

export default function OperatorsPage() {
  return <OperatorsSettings />;
}
