import { Button, Result, Selector, Toast } from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useDefectCategories } from '../../api/categories';
import { isApiError } from '../../api/client';
import { useMyHomes } from '../../api/homes';
import { type CreatedMyRequests, useCreateMyRequest } from '../../api/requests';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState, errorMessage } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import type { UploadState } from '../../components/PhotoUploader';
import { FieldFrame } from '../../components/TextField';
import { uuid } from '../../lib/uuid';
import { HomeCareHints } from '../homeCare/HomeCareHints';
import { RepairItemForm } from './RepairItemForm';
import {
  clearDraft,
  type DraftItem,
  loadDraft,
  MAX_ITEMS,
  newDraft,
  newItem,
  type RepairDraft,
  saveDraft,
  toRequestBody,
  validateDraft,
} from './repairDraft';

/** Report a repair: one home, several items; each item becomes its own request. */
export function RepairPage() {
  const { t } = useTranslation();
  const homes = useMyHomes();
  const categories = useDefectCategories();
  const create = useCreateMyRequest();
  const [draft, setDraft] = useState<RepairDraft>(() => loadDraft() ?? newDraft());
  const [uploads, setUploads] = useState<Record<string, UploadState>>({});
  const [showErrors, setShowErrors] = useState(false);
  const [created, setCreated] = useState<CreatedMyRequests | null>(null);

  useEffect(() => {
    if (!created) saveDraft(draft);
  }, [draft, created]);

  // one home: nothing to choose
  const onlyHome = homes.data?.length === 1 ? homes.data[0]?.unitId : undefined;
  useEffect(() => {
    if (onlyHome && !draft.unitId) setDraft((d) => ({ ...d, unitId: onlyHome }));
  }, [onlyHome, draft.unitId]);

  const errors = validateDraft(draft, uploads, t);
  const home = homes.data?.find((h) => h.unitId === draft.unitId);

  const updateItem = (key: string, patch: Partial<DraftItem>) =>
    setDraft((d) => ({ ...d, items: d.items.map((i) => (i.key === key ? { ...i, ...patch } : i)) }));
  const removeItem = (key: string) => setDraft((d) => ({ ...d, items: d.items.filter((i) => i.key !== key) }));
  const addItem = () => {
    if (draft.items.length >= MAX_ITEMS) {
      Toast.show({ content: t('repair.maxItems', { max: MAX_ITEMS }) });
      return;
    }
    setDraft((d) => ({ ...d, items: [...d.items, newItem()] }));
  };

  const submit = () => {
    setShowErrors(true);
    if (errors.count > 0) {
      Toast.show({ content: t('repair.fixErrors') });
      window.requestAnimationFrame(() =>
        document.querySelector('.field-invalid')?.scrollIntoView({ behavior: 'smooth', block: 'center' }),
      );
      return;
    }
    // the same key on every attempt of this draft: a double tap or a retry after a lost answer makes one report
    create.mutate(
      { body: toRequestBody(draft), idempotencyKey: draft.idempotencyKey },
      {
        onSuccess: (res) => {
          clearDraft();
          setCreated(res);
        },
        // the key went with an earlier, different version of this draft: the next tap is a new report
        onError: (e) => {
          if (isApiError(e) && e.code === 'IDEMPOTENCY_KEY_REUSED') setDraft((d) => ({ ...d, idempotencyKey: uuid() }));
        },
      },
    );
  };

  const startOver = () => {
    const fresh = newDraft();
    setDraft(onlyHome ? { ...fresh, unitId: onlyHome } : fresh);
    setUploads({});
    setShowErrors(false);
    setCreated(null);
    create.reset();
    window.scrollTo(0, 0);
  };

  const body = () => {
    if (created) return <RepairSuccess created={created} onAgain={startOver} />;
    if (homes.isPending || categories.isPending) return <PageSkeleton rows={8} />;
    if (homes.isError) return <ErrorState error={homes.error} onRetry={() => void homes.refetch()} />;
    if (categories.isError) return <ErrorState error={categories.error} onRetry={() => void categories.refetch()} />;
    if (homes.data.length === 0) return <EmptyState title={t('repair.noHomes')} />;
    return (
      <div className="form">
        <FieldFrame label={t('repair.home')} error={showErrors ? errors.unit : undefined} labelId="report-home-label">
          <Selector
            columns={1}
            options={homes.data.map((h) => ({ label: `${h.projectName} ${h.unitCode}`, value: h.unitId }))}
            value={draft.unitId ? [draft.unitId] : []}
            onChange={(v) => setDraft((d) => ({ ...d, unitId: v[0] }))}
            aria-labelledby="report-home-label"
            data-testid="report-home"
          />
        </FieldFrame>

        {draft.items.map((item, index) => (
          <RepairItemForm
            key={item.key}
            item={item}
            index={index}
            home={home}
            categories={categories.data}
            errors={showErrors ? (errors.items[index] ?? {}) : {}}
            removable={draft.items.length > 1}
            onChange={(patch) => updateItem(item.key, patch)}
            onRemove={() => removeItem(item.key)}
            onUploadState={(state) => setUploads((u) => ({ ...u, [item.key]: state }))}
          />
        ))}

        <HomeCareHints
          words={draft.items.map((i) => i.description).join(' ')}
          category={draft.items[draft.items.length - 1]?.categoryCode ?? ''}
        />

        <Button
          block
          fill="outline"
          className="add-item-button"
          size="large"
          onClick={addItem}
          disabled={draft.items.length >= MAX_ITEMS}
          data-testid="report-add-item"
        >
          <AddOutline /> {t('repair.addItem')}
        </Button>

        {create.isError && (
          <p className="form-error" role="alert" data-testid="report-error">
            {isApiError(create.error) && create.error.code === 'IDEMPOTENCY_KEY_REUSED'
              ? t('repair.keyReused')
              : errorMessage(create.error, t('common.networkError'))}
          </p>
        )}
        <div className="sticky-actions">
          <Button
            block
            size="large"
            color="primary"
            loading={create.isPending}
            loadingText={t('repair.submitting')}
            onClick={submit}
            data-testid="report-submit"
            data-idempotency-key={draft.idempotencyKey}
          >
            {create.isError ? t('common.retry') : t('repair.submit')}
          </Button>
        </div>
      </div>
    );
  };

  return (
    <div className="page page-detail">
      <PageNav title={t('repair.title')} fallback="/report" />
      {body()}
    </div>
  );
}

function RepairSuccess({ created, onAgain }: { created: CreatedMyRequests; onAgain: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div data-testid="report-success">
      <Result
        status="success"
        title={t('repair.successTitle')}
        description={t('repair.successDesc', { count: created.items.length })}
      />
      <ul className="card-list">
        {created.items.map((r) => (
          <li key={r.id}>
            <Link to={`/requests/${r.id}`} className="card created-item" data-testid="report-created-item">
              <span className="request-number">{r.number}</span>
              <span>{r.title}</span>
            </Link>
          </li>
        ))}
      </ul>
      <div className="page-actions">
        <Button block size="large" color="primary" onClick={() => navigate('/requests')}>
          {t('repair.viewRequests')}
        </Button>
        <Button block size="large" onClick={onAgain} data-testid="report-again">
          {t('repair.reportAnother')}
        </Button>
      </div>
    </div>
  );
}
