import { Button, Dialog, List } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLogout } from '../../api/auth';
import { type MyDataExportRequest, useMyProfile, useRequestMyDataExport } from '../../api/me';
import { ErrorState, errorMessage } from '../../components/ErrorState';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageSkeleton } from '../../components/PageSkeleton';
import { ConsentList } from './ConsentList';

/** Profile (masked phone), marketing consent, language, a copy of my data, logout. */
export function MePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const profile = useMyProfile();
  const dataExport = useRequestMyDataExport();
  const logout = useLogout();
  const [exported, setExported] = useState<MyDataExportRequest | null>(null);

  const requestCopy = async () => {
    const ok = await Dialog.confirm({
      content: t('me.dataExportConfirm'),
      confirmText: t('common.ok'),
      cancelText: t('common.cancel'),
    });
    if (ok) dataExport.mutate(undefined, { onSuccess: setExported });
  };

  const signOut = async () => {
    const ok = await Dialog.confirm({
      content: t('me.logoutConfirm'),
      confirmText: t('me.logout'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    // the cookie may already be gone; leave either way
    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  if (profile.isPending) return <PageSkeleton rows={8} />;
  if (profile.isError) return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
  const me = profile.data;

  return (
    <div className="page">
      <header className="page-hero me-hero">
        <h1 data-testid="me-name">{me.name}</h1>
        <p data-testid="me-phone">
          {t('me.phone')}
          {t('common.colon')}
          {me.phoneMasked}
        </p>
      </header>

      <List className="section-list">
        <List.Item extra={t('me.homesCount', { count: me.homeCount })} onClick={() => navigate('/')} arrowIcon>
          {t('me.homes')}
        </List.Item>
      </List>

      <ConsentList profile={me} />

      <List header={t('me.data')} className="section-list">
        <List.Item description={t('me.dataExportHint')}>
          <Button
            block
            color="primary"
            fill="outline"
            loading={dataExport.isPending}
            onClick={() => void requestCopy()}
            data-testid="data-export"
          >
            {t('me.dataExport')}
          </Button>
          {exported && (
            <p
              className="success-text"
              role="status"
              data-testid="data-export-number"
              data-number={exported.requestNumber}
            >
              {exported.alreadyOpen
                ? t('me.dataExportAlreadyOpen', { number: exported.requestNumber })
                : t('me.dataExportDone', { number: exported.requestNumber })}
            </p>
          )}
          {dataExport.isError && (
            <p className="form-error" role="alert">
              {errorMessage(dataExport.error, t('common.networkError'))}
            </p>
          )}
        </List.Item>
      </List>

      <List header={t('me.language')} className="section-list">
        <List.Item>
          <LanguageSwitch />
        </List.Item>
      </List>

      <div className="page-actions">
        <Button
          block
          size="large"
          color="danger"
          fill="outline"
          loading={logout.isPending}
          onClick={() => void signOut()}
          data-testid="logout"
        >
          {t('me.logout')}
        </Button>
      </div>
    </div>
  );
}
