import { SequencesSettings } from '@/components/settings/sequences-settings';

export default function SequencesPage() {
  return <SequencesSettings />;
}
