import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { isApiError } from '../api/client';
import { useMyProfile } from '../api/me';
import { ErrorState } from './ErrorState';
import { PageSkeleton } from './PageSkeleton';

/** Everything but the login page needs the owner cookie; the profile call tells whether it is there. */
export function AuthGate() {
  const profile = useMyProfile();
  const location = useLocation();

  if (profile.isPending) return <PageSkeleton />;
  if (profile.isError) {
    if (isApiError(profile.error) && profile.error.status === 401) {
      const next = encodeURIComponent(location.pathname + location.search);
      return <Navigate to={`/login?next=${next}`} replace />;
    }
    return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
  }
  return (
    <Suspense fallback={<PageSkeleton />}>
      <Outlet />
    </Suspense>
  );
}
