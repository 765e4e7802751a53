import type { TicketType } from '@anju/contracts';
import { List } from 'antd-mobile';
import { ChatAddOutline, EditSOutline, FrownOutline, LikeOutline, MessageOutline } from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

const ENTRIES: { type: TicketType; icon: ReactNode; desc: `report.${string}Desc` }[] = [
  { type: 'repair', icon: <EditSOutline />, desc: 'report.repairDesc' },
  { type: 'consultation', icon: <MessageOutline />, desc: 'report.consultationDesc' },
  { type: 'complaint', icon: <FrownOutline />, desc: 'report.complaintDesc' },
  { type: 'suggestion', icon: <ChatAddOutline />, desc: 'report.suggestionDesc' },
  { type: 'praise', icon: <LikeOutline />, desc: 'report.praiseDesc' },
];

/** The 报事 tab: what kind of request to make. */
export function ReportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="page">
      <header className="page-hero">
        <h1>{t('report.title')}</h1>
        <p>{t('report.intro')}</p>
      </header>
      <List className="section-list report-entries">
        {ENTRIES.map((e) => (
          <List.Item
            key={e.type}
            prefix={<span className="entry-icon">{e.icon}</span>}
            description={t(e.desc as 'report.repairDesc')}
            onClick={() => navigate(e.type === 'repair' ? '/report/repair' : `/report/${e.type}`)}
            data-testid={`report-type-${e.type}`}
            arrowIcon
          >
            {t(`enums.ticketType.${e.type}`)}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
