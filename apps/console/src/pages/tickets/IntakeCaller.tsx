import { LoadingOutlined, PhoneOutlined } from '@ant-design/icons';
import { Flex, Form, type FormInstance, Input, Radio, Tag, Typography } from 'antd';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomerSearch } from '../../api/customers';
import { useCaller } from '../../api/tickets';
import { ProjectFilter } from '../../components/ProjectFilter';
import type { IntakeValues } from './intake';

/** The value after the user stops typing for `ms`. */
function useDebounced(value: string, ms = 250) {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Focuses the checked radio of a named group (or its first), after React has rendered it. */
export const focusRadioGroup = (name: string) =>
  requestAnimationFrame(() => {
    const group = document.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${name}"]`);
    const target = [...group].find((r) => r.checked) ?? group[0];
    target?.focus();
  });

/** Names of the native radio groups, so arrow keys move within them and Tab moves past them. */
export const GROUPS = { customer: 'intake-customer', home: 'intake-home', type: 'intake-type' } as const;

/**
 * The caller: a phone number (or last four digits, name, pinyin initials, unit code) finds the customer; a single
 * match is picked at once, Enter picks the first. Then the home, or the project when there is none.
 */
export function IntakeCaller({ form }: { form: FormInstance<IntakeValues> }) {
  const { t } = useTranslation();
  const phone = Form.useWatch('phone', form) ?? '';
  const customerId = Form.useWatch('customerId', form);
  const unitId = Form.useWatch('unitId', form);
  const q = useDebounced(phone.trim());
  const search = useCustomerSearch(q.length >= 2 ? q : '', 8);
  const settled = q.length >= 2 && search.isSuccess && !search.isPlaceholderData;
  const items = search.data?.items;
  const found = useMemo(() => (q.length >= 2 ? (items ?? []) : []), [q, items]);
  const caller = useCaller(customerId);
  const detail = caller.data?.id === customerId ? caller.data : undefined;
  const homes = useMemo(() => uniqueHomes(detail?.homesDetail ?? []), [detail]);
  const lastCustomer = useRef(customerId);

  // one match: that is the caller
  useEffect(() => {
    if (settled && found.length === 1 && !form.getFieldValue('customerId')) {
      form.setFieldValue('customerId', found[0]?.id);
    }
  }, [settled, found, form]);

  // a new caller: their only home, or "no home" (then the project is asked for)
  useEffect(() => {
    if (lastCustomer.current !== customerId) {
      lastCustomer.current = customerId;
      form.setFieldValue('unitId', undefined);
    }
    if (!detail || form.getFieldValue('unitId') !== undefined) return;
    if (homes.length <= 1) form.setFieldValue('unitId', homes[0]?.unitId ?? '');
  }, [customerId, detail, homes, form]);

  const onPhoneEnter = (e: KeyboardEvent<HTMLInputElement>) => {
    e.preventDefault();
    if (found.length > 0) {
      if (!found.some((c) => c.id === form.getFieldValue('customerId'))) form.setFieldValue('customerId', found[0]?.id);
      focusRadioGroup(GROUPS.customer);
    } else if (!form.getFieldValue('orgUnitId')) {
      // nobody found: the ticket needs its project (the field's id is its name)
      document.getElementById('orgUnitId')?.focus();
    } else {
      focusRadioGroup(GROUPS.type);
    }
  };

  return (
    <>
      <Form.Item
        name="phone"
        label={t('tickets.intake.phone')}
        extra={q.length >= 2 && settled && found.length === 0 ? t('tickets.intake.noCustomer') : undefined}
      >
        <Input
          autoFocus
          inputMode="tel"
          prefix={<PhoneOutlined />}
          // always a suffix: adding one later would remount the input and lose focus
          suffix={search.isFetching ? <LoadingOutlined /> : <span />}
          placeholder={t('tickets.intake.phoneHint')}
          onPressEnter={onPhoneEnter}
          data-testid="intake-phone"
        />
      </Form.Item>
      {found.length > 0 && (
        <Form.Item name="customerId" label={t('tickets.intake.caller')}>
          <Radio.Group name={GROUPS.customer} style={{ width: '100%' }} data-testid="intake-customers">
            <Flex vertical gap={4}>
              {found.map((c) => (
                <Radio key={c.id} value={c.id} data-testid={`intake-customer-${c.name}`}>
                  <Typography.Text strong>{c.name}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {[c.primaryPhoneMasked, c.homes.slice(0, 2).join('；')].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
      )}
      {customerId && homes.length > 0 && (
        <Form.Item name="unitId" label={t('tickets.intake.home')}>
          <Radio.Group name={GROUPS.home} data-testid="intake-homes">
            <Flex vertical gap={4}>
              {homes.map((h) => (
                <Radio key={h.unitId} value={h.unitId}>
                  {h.projectName} {h.unitCode}
                  {h.role === 'family' && <Tag style={{ marginInlineStart: 8 }}>{t('tickets.intake.family')}</Tag>}
                </Radio>
              ))}
              <Radio value="">{t('tickets.intake.noHome')}</Radio>
            </Flex>
          </Radio.Group>
        </Form.Item>
      )}
      {/* a searchable list rather than the org tree: type a few letters, Enter takes the first match */}
      {(!customerId || unitId === '') && (
        <Form.Item
          name="orgUnitId"
          label={t('tickets.intake.project')}
          extra={t('tickets.intake.projectHint')}
          rules={[{ required: true }]}
        >
          <ProjectFilter
            allowClear={false}
            placeholder={t('tickets.intake.projectPlaceholder')}
            testId="intake-project"
          />
        </Form.Item>
      )}
    </>
  );
}

const uniqueHomes = <H extends { unitId: string }>(homes: H[]): H[] =>
  homes.filter((h, i) => homes.findIndex((x) => x.unitId === h.unitId) === i);
