import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Divider, Empty, Flex, Popover, Spin, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import {
  type Notification,
  UNREAD_LIMIT,
  useLatestNotifications,
  useMarkNotificationsRead,
  useUnreadNotifications,
} from '../api/messaging';
import { useCodeWords } from '../lib/codeWords';
import { useErrorText } from '../lib/errorText';
import { DateTime } from './DateTime';

/** The header bell: unread count polled every 30 s, the latest ten in a panel, "mark all read". */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const unread = useUnreadNotifications();
  const latest = useLatestNotifications(open);
  const markRead = useMarkNotificationsRead();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { token } = theme.useToken();
  const words = useCodeWords();
  const count = unread.data?.items.length ?? 0;
  const more = Boolean(unread.data?.nextCursor);

  const onMarkError = (e: unknown) => message.error(errorText(e));
  const onItem = (n: Notification) => {
    if (!n.readAt) markRead.mutate([n.id], { onError: onMarkError });
    if (n.link?.startsWith('/')) {
      setOpen(false);
      navigate(n.link);
    }
  };

  const item = (n: Notification) => (
    <button
      key={n.id}
      type="button"
      onClick={() => onItem(n)}
      data-testid={`notification-${n.id}`}
      style={{
        display: 'block',
        width: '100%',
        textAlign: 'start',
        border: 0,
        padding: '8px 4px',
        cursor: 'pointer',
        borderRadius: token.borderRadius,
        background: n.readAt ? 'transparent' : token.colorPrimaryBg,
      }}
    >
      <Flex justify="space-between" gap={8}>
        <span
          style={{
            overflow: 'hidden',
            whiteSpace: 'nowrap',
            textOverflow: 'ellipsis',
            color: token.colorText,
            fontWeight: n.readAt ? undefined : 600,
          }}
        >
          {words.notice(n)}
        </span>
        <span style={{ color: token.colorTextSecondary, fontSize: 12, flexShrink: 0 }}>
          <DateTime value={n.createdAt} />
        </span>
      </Flex>
      {n.body && (
        <div
          style={{
            display: '-webkit-box',
            WebkitBoxOrient: 'vertical',
            WebkitLineClamp: 2,
            overflow: 'hidden',
            color: token.colorTextSecondary,
            fontSize: 12,
          }}
        >
          {n.body}
        </div>
      )}
    </button>
  );

  const content = (
    <Flex vertical style={{ width: 'min(360px, calc(100vw - 32px))' }}>
      <Flex justify="space-between" align="center" gap={8}>
        <strong style={{ color: token.colorText }}>{t('notifications.title')}</strong>
        <Button
          type="link"
          size="small"
          disabled={count === 0}
          loading={markRead.isPending && markRead.variables === 'all'}
          onClick={() => markRead.mutate('all', { onError: onMarkError })}
          data-testid="notifications-mark-all"
        >
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      <Divider style={{ margin: '8px 0' }} />
      {latest.isPending ? (
        <Spin style={{ padding: 24 }} />
      ) : latest.isError ? (
        <span style={{ color: token.colorError }}>{errorText(latest.error)}</span>
      ) : latest.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <Flex vertical gap={2} style={{ maxHeight: 420, overflowY: 'auto' }}>
          {latest.data.map(item)}
        </Flex>
      )}
    </Flex>
  );

  const label = count
    ? `${t('notifications.title')} · ${t('notifications.unread', { count: more ? UNREAD_LIMIT : count })}`
    : t('notifications.title');
  return (
    <Popover content={content} trigger="click" placement="bottom" open={open} onOpenChange={setOpen}>
      <Badge count={more ? UNREAD_LIMIT + 1 : count} size="small" overflowCount={99}>
        <Button type="text" shape="circle" icon={<BellOutlined />} aria-label={label} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
