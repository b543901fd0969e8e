import { AntdProvider } from '../AntdProvider.tsx';
import AdminApp from './AdminApp.tsx';

/** The back office with Ant Design's providers (the portal's first page loads without them, see BaseProviders). */
export default function AdminRoot() {
  return (
    <AntdProvider>
      <AdminApp />
    </AntdProvider>
  );
}
