import { StrategiesSettings } from '@/components/settings/strategies-settings';

export default function StrategiesPage() {
  return <StrategiesSettings />;
}
