import { CONSENT_CHANNELS, type MyProfile } from '@anju/contracts';
import { List, Switch, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { type ConsentChannel, useUpdateMyConsent } from '../../api/me';
import { errorMessage } from '../../components/ErrorState';
import { formatDateTime } from '../../lib/format';

/** Marketing consent per channel (PIPL): each switch is one recorded change with its time. */
export function ConsentList({ profile }: { profile: MyProfile }) {
  const { t } = useTranslation();
  const update = useUpdateMyConsent();

  const toggle = (channel: ConsentChannel, granted: boolean) =>
    update.mutate(
      { channel, granted },
      {
        onSuccess: () => Toast.show({ content: t('me.consentSaved') }),
        onError: (e) => Toast.show({ icon: 'fail', content: errorMessage(e, t('common.networkError')) }),
      },
    );

  return (
    <>
      <List header={t('me.consents')} className="section-list" data-testid="consent-list">
        {CONSENT_CHANNELS.map((channel) => {
          const state = profile.consents.find((c) => c.channel === channel);
          const pending = update.isPending && update.variables?.channel === channel;
          return (
            <List.Item
              key={channel}
              description={
                state?.at ? t('me.consentChangedAt', { time: formatDateTime(state.at) }) : t('me.consentNever')
              }
              extra={
                <Switch
                  checked={state?.granted ?? false}
                  loading={pending}
                  disabled={update.isPending}
                  onChange={(granted) => toggle(channel, granted)}
                  aria-label={t(`enums.consentChannel.${channel}`)}
                  data-testid={`consent-${channel}`}
                />
              }
            >
              {t(`enums.consentChannel.${channel}`)}
            </List.Item>
          );
        })}
      </List>
      <p className="page-note">{t('me.consentsNote')}</p>
    </>
  );
}
