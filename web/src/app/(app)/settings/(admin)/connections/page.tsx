import { ConnectionsSettings } from '@/components/settings/connections-settings';

export default function ConnectionsPage() {
  return <ConnectionsSettings />;
}
