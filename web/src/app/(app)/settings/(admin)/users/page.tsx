import { UsersSettings } from '@/components/settings/users-settings';

export default function UsersPage() {
  return <UsersSettings />;
}
