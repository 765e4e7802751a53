import type { DisclosurePack } from '@anju/contracts/disclosure';
import { Alert, App, Button, Drawer, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpsertDisclosurePack } from '../../api/disclosure';
import { hasCode, useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { submitOnCtrlEnter } from '../../lib/keys';
import { fromDay, toDay } from '../property/fields';
import { MapField } from './MapField';
import { AmenitiesTable, type AmenityRow, type RiskRow, RisksTable } from './PackTables';

interface Values {
  risks: RiskRow[];
  amenities: AmenityRow[];
  mapFileId: string | null;
  note: string;
}

const byDistance = <R extends { distanceM: number | null }>(rows: R[]) =>
  [...rows].sort((a, b) => (a.distanceM ?? 0) - (b.distanceM ?? 0));

const valuesOf = (pack: DisclosurePack | undefined): Values => ({
  risks: byDistance(pack?.risks ?? []).map((r) => ({ ...r, note: r.note ?? '' })),
  amenities: (pack?.amenities ?? []).map((a) => ({
    name: a.name,
    status: a.status,
    promisedOn: fromDay(a.promisedOn),
    note: a.note ?? '',
  })),
  mapFileId: pack?.mapFileId ?? null,
  note: pack?.note ?? '',
});

const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

interface Props {
  project: { id: string; name: string };
  /** The project's current pack (the latest list copy: after a 409 it carries the new version); absent: first publish. */
  pack?: DisclosurePack;
  readOnly: boolean;
  onClose: () => void;
}

/** A project's pack in a drawer: risks (nearest first), amenities, the city map and a note; managers publish. */
export function DisclosureEditor({ project, pack, readOnly, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const upsert = useUpsertDisclosurePack();
  const [conflict, setConflict] = useState(false);

  // after a conflict the list refetches: show the stored version in the form
  useEffect(() => {
    if (conflict) form.setFieldsValue(valuesOf(pack));
  }, [conflict, pack, form]);

  const onFinish = (v: Values) => {
    setConflict(false);
    upsert.mutate(
      {
        projectId: project.id,
        version: pack?.version,
        risks: byDistance(v.risks ?? []).map((r) => ({
          type: r.type,
          name: r.name.trim(),
          distanceM: r.distanceM ?? 0,
          note: blank(r.note),
        })),
        amenities: (v.amenities ?? []).map((a) => ({
          name: a.name.trim(),
          status: a.status,
          promisedOn: toDay(a.promisedOn),
          note: blank(a.note),
        })),
        mapFileId: v.mapFileId ?? null,
        note: blank(v.note),
      },
      {
        onSuccess: (saved) => {
          message.success(t('disclosure.published', { n: saved.version }));
          onClose();
        },
        onError: (e) => {
          if (hasCode(e, 'VERSION_CONFLICT')) return setConflict(true);
          applyServerErrors(form, e);
          message.error(errorText(e));
        },
      },
    );
  };

  return (
    <Drawer
      open
      size="large"
      width={960}
      title={t('disclosure.editorTitle', { project: project.name })}
      onClose={onClose}
      destroyOnHidden
      extra={
        !readOnly && (
          <Button type="primary" loading={upsert.isPending} onClick={() => form.submit()} data-testid="pack-publish">
            {t('disclosure.publish')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {pack ? t('disclosure.editorVersion', { n: pack.version, next: pack.version + 1 }) : t('disclosure.editorNew')}
      </Typography.Paragraph>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={t('disclosure.conflict')}
          style={{ marginBottom: 16 }}
          data-testid="pack-conflict"
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={valuesOf(pack)}
        onFinish={onFinish}
        disabled={readOnly}
        autoComplete="off"
        onKeyDown={submitOnCtrlEnter(() => form.submit())}
      >
        <Form.Item label={t('disclosure.risks')} extra={t('disclosure.sortedHint')}>
          <RisksTable readOnly={readOnly} />
        </Form.Item>
        <Form.Item label={t('disclosure.amenities')}>
          <AmenitiesTable readOnly={readOnly} />
        </Form.Item>
        <Form.Item name="mapFileId" label={t('disclosure.map')}>
          <MapField projectId={project.id} readOnly={readOnly} />
        </Form.Item>
        <Form.Item name="note" label={t('disclosure.note')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} data-testid="pack-note" />
        </Form.Item>
        {!readOnly && (
          <Flex justify="end" gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            {/* no submit button: Enter in a table cell must not publish; Ctrl+Enter does */}
            <Button type="primary" loading={upsert.isPending} onClick={() => form.submit()}>
              {t('disclosure.publish')}
            </Button>
          </Flex>
        )}
      </Form>
    </Drawer>
  );
}
