import { Button, Collapse, Selector, Tabs, Tag, Toast } from 'antd-mobile';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import {
  type MyMagazine,
  type SubscriptionInput,
  useMyMagazine,
  useSetSubscription,
  useSubmitContribution,
} from '../../api/club';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { FieldFrame, TextAreaField, TextField } from '../../components/TextField';
import { formatDate, formatDateTime } from '../../lib/format';
import './club.css';

const DELIVERIES = ['portal', 'hand', 'post', 'email'] as const;
const STATUS_COLOR = { received: 'default', accepted: 'primary', published: 'success', declined: 'warning' } as const;
const failed = (fallback: string) => (e: unknown) =>
  Toast.show({ icon: 'fail', content: isApiError(e) ? e.message : fallback });

/** Published issues, each opened to read its pages. */
function Issues({ issues }: { issues: MyMagazine['issues'] }) {
  const { t } = useTranslation();
  if (issues.length === 0) return <EmptyState title={t('club.magazine.noIssues')} />;
  return (
    <Collapse accordion data-testid="magazine-issues">
      {issues.map((issue) => (
        <Collapse.Panel
          key={issue.id}
          title={`${issue.title} · ${issue.period}${issue.publishedAt ? ` · ${formatDate(issue.publishedAt)}` : ''}`}
        >
          {issue.pages.map((page) => (
            <article key={`${page.title}\u0000${page.body.slice(0, 40)}`} className="open-day">
              <div className="home-card-title">{page.title}</div>
              <p className="club-charter">{page.body}</p>
            </article>
          ))}
        </Collapse.Panel>
      ))}
    </Collapse>
  );
}

/** How the magazine reaches me (hand, post with address, e-mail, portal), or off the list. */
function Delivery({ subscription }: { subscription: MyMagazine['subscription'] }) {
  const { t } = useTranslation();
  const save = useSetSubscription();
  const [delivery, setDelivery] = useState<SubscriptionInput['delivery']>(subscription?.delivery ?? 'portal');
  const [address, setAddress] = useState(subscription?.address ?? '');
  const [email, setEmail] = useState(subscription?.email ?? '');
  const [missing, setMissing] = useState(false);
  const send = (active: boolean) => {
    const needs = active && ((delivery === 'post' && !address.trim()) || (delivery === 'email' && !email.trim()));
    setMissing(needs);
    if (needs) return;
    save.mutate(
      {
        delivery,
        address: delivery === 'post' ? address.trim() : null,
        email: delivery === 'email' ? email.trim() : null,
        active,
      },
      {
        onSuccess: () => Toast.show({ icon: 'success', content: t('club.magazine.saved') }),
        onError: failed(t('common.loadFailed')),
      },
    );
  };
  return (
    <section className="card open-day" data-testid="magazine-delivery">
      <FieldFrame label={t('club.magazine.delivery')} labelId="magazine-delivery-label">
        <Selector
          columns={2}
          options={DELIVERIES.map((d) => ({ label: t(`club.magazine.deliveries.${d}`), value: d }))}
          value={[delivery]}
          onChange={(v) => v[0] && setDelivery(v[0])}
          aria-labelledby="magazine-delivery-label"
        />
      </FieldFrame>
      {delivery === 'post' && (
        <TextField
          label={t('club.magazine.address')}
          value={address}
          maxLength={200}
          onChange={(e) => setAddress(e.target.value)}
          error={missing ? t('club.magazine.required') : null}
          data-testid="magazine-address"
        />
      )}
      {delivery === 'email' && (
        <TextField
          label={t('club.magazine.email')}
          type="email"
          value={email}
          maxLength={120}
          onChange={(e) => setEmail(e.target.value)}
          error={missing ? t('club.magazine.required') : null}
          data-testid="magazine-email"
        />
      )}
      <div className="open-day-actions">
        <Button color="primary" size="small" loading={save.isPending} onClick={() => send(true)}>
          {t('club.magazine.save')}
        </Button>
        {subscription?.active && (
          <Button size="small" fill="outline" disabled={save.isPending} onClick={() => send(false)}>
            {t('club.magazine.off')}
          </Button>
        )}
        {subscription && !subscription.active && <Tag>{t('club.magazine.off')}</Tag>}
      </div>
    </section>
  );
}

/** Sending a piece to the editors, and my pieces with their status. */
function Contributions({ items }: { items: MyMagazine['contributions'] }) {
  const { t } = useTranslation();
  const submit = useSubmitContribution();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState(false);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const needs = !title.trim() || !body.trim();
    setMissing(needs);
    if (needs) return;
    submit.mutate(
      { title: title.trim(), body: body.trim() },
      {
        onSuccess: () => {
          setTitle('');
          setBody('');
          Toast.show({ icon: 'success', content: t('club.magazine.sent') });
        },
        onError: failed(t('common.loadFailed')),
      },
    );
  };
  return (
    <>
      <form className="form card" onSubmit={onSubmit} noValidate data-testid="magazine-contribute">
        <TextField
          label={t('club.magazine.pieceTitle')}
          value={title}
          maxLength={100}
          onChange={(e) => setTitle(e.target.value)}
          error={missing && !title.trim() ? t('club.magazine.required') : null}
        />
        <TextAreaField
          label={t('club.magazine.pieceBody')}
          value={body}
          maxLength={5000}
          rows={6}
          onChange={(e) => setBody(e.target.value)}
          error={missing && !body.trim() ? t('club.magazine.required') : null}
        />
        <Button type="submit" color="primary" block loading={submit.isPending}>
          {t('club.magazine.send')}
        </Button>
      </form>
      <h2 className="section-title">{t('club.magazine.mine')}</h2>
      {items.length === 0 ? (
        <EmptyState title={t('club.magazine.noPieces')} />
      ) : (
        <div className="club-list" data-testid="magazine-contributions">
          {items.map((c) => (
            <section key={c.id} className="card open-day">
              <header className="open-day-head">
                <span className="home-card-title">{c.title}</span>
                <Tag color={STATUS_COLOR[c.status]}>{t(`club.magazine.statuses.${c.status}`)}</Tag>
              </header>
              <div className="muted">
                {formatDateTime(c.submittedAt)}
                {c.issueTitle ? ` · ${t('club.magazine.inIssue', { title: c.issueTitle })}` : ''}
              </div>
            </section>
          ))}
        </div>
      )}
    </>
  );
}

/** The club magazine: read published issues, choose the delivery, send a contribution. */
export function MagazinePage() {
  const { t } = useTranslation();
  const query = useMyMagazine();
  const body = () => {
    if (query.isPending) return <PageSkeleton rows={6} />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    const data = query.data;
    return (
      <Tabs>
        <Tabs.Tab title={t('club.magazine.issues')} key="issues">
          {data.member ? <Issues issues={data.issues} /> : <EmptyState title={t('club.magazine.notMember')} />}
        </Tabs.Tab>
        <Tabs.Tab title={t('club.magazine.delivery')} key="delivery">
          {data.member ? (
            <Delivery subscription={data.subscription} />
          ) : (
            <EmptyState title={t('club.magazine.notMember')} />
          )}
        </Tabs.Tab>
        <Tabs.Tab title={t('club.magazine.contribute')} key="contribute">
          <Contributions items={data.contributions} />
        </Tabs.Tab>
      </Tabs>
    );
  };
  return (
    <div className="page page-detail" data-testid="magazine-page">
      <PageNav title={t('club.magazine.title')} fallback="/club" />
      {body()}
    </div>
  );
}
