import type { MagazineIssue } from '@anju/contracts/club-magazine';
import { Button, Drawer, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { exportRecipients, type MagazineRecipient, useMagazineRecipients } from '../../api/clubMagazine';
import { CursorTable } from '../../components/CursorTable';
import { useDownload } from '../../lib/download';

/** Who the print shop delivers an issue to (by hand or post); addresses are masked here and whole in the export. */
export function RecipientsDrawer({ issue, onClose }: { issue: MagazineIssue; onClose: () => void }) {
  const { t } = useTranslation();
  const recipients = useMagazineRecipients(issue.id);
  const { downloading, run } = useDownload();
  const columns: TableColumnsType<MagazineRecipient> = [
    { key: 'cardNo', title: t('club.members.cardNo'), dataIndex: 'cardNo' },
    { key: 'name', title: t('club.members.name'), dataIndex: 'name' },
    {
      key: 'delivery',
      title: t('club.magazine.delivery'),
      render: (_, r) => t(`club.magazine.deliveries.${r.delivery}`),
    },
    { key: 'address', title: t('club.magazine.address'), render: (_, r) => r.address ?? '—' },
  ];
  return (
    <Drawer
      open
      onClose={onClose}
      width={760}
      title={t('club.magazine.recipientsOf', { title: issue.title, period: issue.period })}
      extra={
        <Button
          loading={downloading}
          onClick={() => run(() => exportRecipients(issue.id), t('club.magazine.exported'))}
          data-testid="magazine-recipients-export"
        >
          {t('club.magazine.exportForPrint')}
        </Button>
      }
    >
      <CursorTable<MagazineRecipient>
        query={recipients}
        rowKey="memberId"
        columns={columns}
        size="small"
        emptyText={t('club.magazine.noRecipients')}
        loadMoreTestId="magazine-recipients-more"
      />
    </Drawer>
  );
}
