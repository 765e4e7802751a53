import type { FileInfo, ROOMS } from '@anju/contracts';
import {
  HANDOVER_METERS,
  type HandoverAppointmentDetail,
  type HandoverDefectInput,
  type HandoverInspectionItem,
} from '@anju/contracts/handover';
import { CameraOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, Flex, Input, InputNumber, Row, Segmented, Select, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadHandoverPhoto, useRecordHandoverInspection } from '../../api/handover';
import { useDefectCategories } from '../../api/sla';
import { zhCNHandover } from '../../i18n/zh-CN.handover';
import { useErrorText } from '../../lib/errorText';
import { useStaleReload } from './useStaleReload';

type Room = (typeof ROOMS)[number];
type Key = keyof typeof zhCNHandover.handover.itemKeys;
const INSPECTED_ROOMS: Room[] = ['living_room', 'bedroom', 'kitchen', 'bathroom', 'balcony'];
const KEYS = Object.keys(zhCNHandover.handover.itemKeys) as Key[];
type Item = Omit<HandoverInspectionItem, 'photoFileIds'> & { photoFileIds: string[] };
type Defect = Omit<HandoverDefectInput, 'photoFileIds'> & { photoFileIds: string[]; uid: string };

/** Takes a photo (the tablet's camera) or picks one, uploads it to the appointment and hands back its file. */
function PhotoButton({ id, onAdded, testId }: { id: string; onAdded: (f: FileInfo) => void; testId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setBusy(true);
          uploadHandoverPhoto(id, file)
            .then(onAdded)
            .catch((err) => message.error(errorText(err)))
            .finally(() => setBusy(false));
        }}
      />
      <Button size="small" icon={<CameraOutlined />} loading={busy} onClick={() => input.current?.click()}>
        {t('handover.addPhoto')}
      </Button>
    </>
  );
}

const Thumbs = ({ ids, files }: { ids: string[]; files: Map<string, FileInfo> }) => (
  <Flex gap={4} wrap>
    {ids.map((id) => {
      const f = files.get(id);
      return f ? (
        <img
          key={id}
          src={f.thumbnailUrl ?? f.url}
          alt={f.name}
          width={48}
          height={48}
          style={{ objectFit: 'cover' }}
        />
      ) : null;
    })}
  </Flex>
);

/**
 * The room-by-room inspection on the tablet: each room's checks pass or fail with a note and photos, the meter
 * readings, keys handed, the fee explanation, and defects (each opens a repair ticket once saved).
 */
export function InspectionForm({ detail }: { detail: HandoverAppointmentDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const save = useRecordHandoverInspection(detail.id);
  const onStale = useStaleReload(detail.id);
  const categories = useDefectCategories();
  const [files, setFiles] = useState(() => new Map(detail.photos.map((p) => [p.id, p])));
  const [items, setItems] = useState<Item[]>(
    () =>
      detail.inspection?.map((i) => ({ ...i })) ??
      INSPECTED_ROOMS.flatMap((room) => KEYS.map((key) => ({ room, key, ok: true, photoFileIds: [] }))),
  );
  const [meters, setMeters] = useState<Record<string, number | null>>(() =>
    Object.fromEntries(
      HANDOVER_METERS.map((m) => [m, detail.meterReadings?.find((r) => r.meter === m)?.reading ?? null]),
    ),
  );
  const [keys, setKeys] = useState<number | null>(detail.keysHanded);
  const [fees, setFees] = useState(Boolean(detail.feesAcknowledgedAt));
  const [defects, setDefects] = useState<Defect[]>([]);
  const added = (f: FileInfo) => setFiles((m) => new Map(m).set(f.id, f));
  const setItem = (i: number, patch: Partial<Item>) =>
    setItems((all) => all.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const setDefect = (i: number, patch: Partial<Defect>) =>
    setDefects((all) => all.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const keyLabel = (key: string) => (KEYS.includes(key as Key) ? t(`handover.itemKeys.${key as Key}`) : key);

  const onSave = () =>
    save.mutate(
      {
        version: detail.version,
        items: items.map((i) => ({ ...i, note: i.note || undefined })),
        meterReadings: HANDOVER_METERS.flatMap((meter) => {
          const reading = meters[meter];
          return reading === null || reading === undefined ? [] : [{ meter, reading }];
        }),
        keysHanded: keys,
        feesAcknowledged: fees,
        defects: defects.filter((d) => d.description.trim() && d.categoryCode).map(({ uid: _, ...d }) => d),
      },
      {
        onSuccess: () => {
          setDefects([]);
          message.success(t('handover.saved'));
        },
        onError: (e) => onStale(e) || message.error(errorText(e)),
      },
    );

  return (
    <Flex vertical gap={12}>
      {INSPECTED_ROOMS.map((room) => (
        <Card key={room} size="small" title={t(`tickets.rooms.${room}`)}>
          {items.map((item, i) =>
            item.room !== room ? null : (
              <Flex key={`${room}-${item.key}`} gap={8} align="center" wrap style={{ padding: '6px 0' }}>
                <Typography.Text style={{ width: 140 }}>{keyLabel(item.key)}</Typography.Text>
                <Segmented
                  value={item.ok ? 'ok' : 'no'}
                  onChange={(v) => setItem(i, { ok: v === 'ok' })}
                  options={[
                    { value: 'ok', label: t('handover.ok') },
                    {
                      value: 'no',
                      label: <span data-testid={`item-${room}-${item.key}-no`}>{t('handover.notOk')}</span>,
                    },
                  ]}
                />
                {!item.ok && (
                  <Input
                    style={{ flex: 1, minWidth: 160 }}
                    placeholder={t('handover.note')}
                    value={item.note ?? ''}
                    onChange={(e) => setItem(i, { note: e.target.value })}
                  />
                )}
                <PhotoButton
                  id={detail.id}
                  testId={`photo-${room}-${item.key}`}
                  onAdded={(f) => {
                    added(f);
                    setItem(i, { photoFileIds: [...item.photoFileIds, f.id] });
                  }}
                />
                <Thumbs ids={item.photoFileIds} files={files} />
              </Flex>
            ),
          )}
        </Card>
      ))}
      <Card size="small" title={t('handover.defects')}>
        <Flex vertical gap={8}>
          {detail.defects.map((d) => (
            <Flex key={d.id} gap={8} wrap align="center">
              <Typography.Text>{t(`tickets.rooms.${d.room}`)}</Typography.Text>
              <Typography.Text>{d.description}</Typography.Text>
              <a href={`/tickets/${d.ticketId}`} data-testid="defect-ticket">
                {d.ticketNumber}
              </a>
            </Flex>
          ))}
          {defects.map((d, i) => (
            <Flex key={d.uid} gap={8} wrap align="center" data-testid={`defect-${i}`}>
              <Select<Room>
                value={d.room}
                style={{ width: 120 }}
                onChange={(room) => setDefect(i, { room })}
                options={INSPECTED_ROOMS.map((r) => ({ value: r, label: t(`tickets.rooms.${r}`) }))}
                data-testid={`defect-room-${i}`}
              />
              <Select<string>
                showSearch={{ optionFilterProp: 'label' }}
                value={d.categoryCode || undefined}
                placeholder={t('handover.category')}
                style={{ width: 160 }}
                onChange={(categoryCode) => setDefect(i, { categoryCode })}
                options={(categories.data ?? []).map((c) => ({
                  value: c.code,
                  label: i18n.language === 'en-US' ? c.nameEn : c.nameZh,
                }))}
                data-testid={`defect-category-${i}`}
              />
              <Input
                style={{ flex: 1, minWidth: 200 }}
                placeholder={t('handover.description')}
                value={d.description}
                onChange={(e) => setDefect(i, { description: e.target.value })}
                data-testid={`defect-description-${i}`}
              />
              <PhotoButton
                id={detail.id}
                testId={`defect-photo-${i}`}
                onAdded={(f) => {
                  added(f);
                  setDefect(i, { photoFileIds: [...d.photoFileIds, f.id] });
                }}
              />
              <Thumbs ids={d.photoFileIds} files={files} />
            </Flex>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              setDefects((all) => [
                ...all,
                { room: 'bathroom', categoryCode: '', description: '', photoFileIds: [], uid: crypto.randomUUID() },
              ])
            }
            data-testid="defect-add"
          >
            {t('handover.addDefect')}
          </Button>
        </Flex>
      </Card>
      <Card size="small" title={t('handover.meters')}>
        <Row gutter={[12, 12]}>
          {HANDOVER_METERS.map((m) => (
            <Col key={m} xs={24} sm={8}>
              <InputNumber
                style={{ width: '100%' }}
                min={0}
                addonBefore={t(`handover.meterNames.${m}`)}
                value={meters[m]}
                onChange={(v) => setMeters((all) => ({ ...all, [m]: v }))}
                data-testid={`meter-${m}`}
              />
            </Col>
          ))}
          <Col xs={24} sm={8}>
            <InputNumber
              style={{ width: '100%' }}
              min={0}
              max={50}
              addonBefore={t('handover.keysHanded')}
              value={keys}
              onChange={setKeys}
              data-testid="keys-handed"
            />
          </Col>
        </Row>
        <Checkbox
          checked={fees}
          onChange={(e) => setFees(e.target.checked)}
          style={{ marginTop: 12 }}
          data-testid="fees"
        >
          {t('handover.feesAcknowledged')}
        </Checkbox>
      </Card>
      <Flex justify="flex-end">
        <Button type="primary" size="large" loading={save.isPending} onClick={onSave} data-testid="inspection-save">
          {t('handover.save')}
        </Button>
      </Flex>
    </Flex>
  );
}
