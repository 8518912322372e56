import { ScenariosSettings } from '@/components/settings/scenarios-settings';

export default function ScenariosPage() {
  return <ScenariosSettings />;
}
