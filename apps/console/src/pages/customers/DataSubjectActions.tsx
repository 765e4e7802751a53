import type { Customer } from '@anju/contracts';
import { DownOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportCustomerData, useAnonymiseCustomer } from '../../api/customers';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { useCan } from '../../lib/permissions';

// fetched when one opens
const MergeModal = lazy(async () => ({ default: (await import('./MergeModal')).MergeModal }));
const ReasonModal = lazy(async () => ({ default: (await import('./ReasonModal')).ReasonModal }));

/**
 * Merge (customers.manage, as the server checks) and the PIPL data-subject actions (customers.privacy):
 * a full export as JSON or .xlsx, and anonymisation after two confirmations.
 */
export function DataSubjectActions({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const anonymise = useAnonymiseCustomer(customer.id);
  const [open, setOpen] = useState<'merge' | 'anonymise' | null>(null);
  const [exporting, setExporting] = useState(false);
  const live = !customer.anonymised;

  const exportAs = (format: 'json' | 'xlsx') =>
    modal.confirm({
      title: t('customers.dataExportTitle', { name: customer.name }),
      content: t('customers.dataExportWarning'),
      okText: t('customers.download'),
      onOk: async () => {
        setExporting(true);
        try {
          await exportCustomerData(customer.id, format);
        } catch (e) {
          message.error(errorText(e));
        } finally {
          setExporting(false);
        }
      },
    });

  const confirmAnonymise = () =>
    modal.confirm({
      title: t('customers.anonymiseTitle', { name: customer.name }),
      content: t('customers.anonymiseWarning'),
      okText: t('customers.continue'),
      okButtonProps: { danger: true },
      onOk: () => setOpen('anonymise'),
    });

  const items: MenuProps['items'] = [
    live &&
      can('customers.manage') && { key: 'merge', label: t('customers.mergeInto'), onClick: () => setOpen('merge') },
    can('customers.privacy') && {
      key: 'json',
      label: t('customers.dataExportJson'),
      onClick: () => exportAs('json'),
    },
    can('customers.privacy') && {
      key: 'xlsx',
      label: t('customers.dataExportXlsx'),
      onClick: () => exportAs('xlsx'),
    },
    live &&
      can('customers.privacy') && {
        key: 'anonymise',
        label: t('customers.anonymise'),
        danger: true,
        onClick: confirmAnonymise,
      },
  ].filter((x) => !!x);
  if (items.length === 0) return null;

  return (
    <>
      <Dropdown menu={{ items }} trigger={['click']}>
        <Button loading={exporting} data-testid="customer-more">
          {t('customers.more')} <DownOutlined />
        </Button>
      </Dropdown>
      <Suspense fallback={null}>
        {open === 'merge' && <MergeModal customer={customer} onClose={() => setOpen(null)} />}
        {open === 'anonymise' && (
          <ReasonModal
            title={t('customers.anonymiseTitle', { name: customer.name })}
            warning={t('customers.anonymiseFinal')}
            submitText={t('customers.anonymise')}
            confirmPhrase={customer.name}
            loading={anonymise.isPending}
            testId="customer-anonymise"
            onClose={() => setOpen(null)}
            onSubmit={(v, form) =>
              anonymise.mutate(v.reason.trim(), {
                onSuccess: () => {
                  message.success(t('customers.anonymised'));
                  setOpen(null);
                },
                onError: (e) => {
                  applyServerErrors(form, e);
                  message.error(errorText(e));
                },
              })
            }
          />
        )}
      </Suspense>
    </>
  );
}
