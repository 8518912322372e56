import { SchedulesSettings } from '@/components/settings/schedules-settings';

export default function SchedulesPage() {
  return <SchedulesSettings />;
}
