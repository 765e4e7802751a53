import { App, Button, Card, Checkbox, Col, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { useCreateTicket } from '../../api/tickets';
import { PageHeader } from '../../components/PageHeader';
import { useErrorText } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/formErrors';
import { submitOnCtrlEnter } from '../../lib/keys';
import { CallerCard } from './CallerCard';
import { CategorySelect, RoomSelect, useTicketOptions } from './fields';
import { GROUPS, IntakeCaller } from './IntakeCaller';
import { IntakeDuplicates } from './IntakeDuplicates';
import { hasRoom, type IntakeValues, intakeBody } from './intake';
import { KpiFormItems } from './TicketKpiFields';

/** The standard-problem suggestions, a chunk of their own (the intake page is near its bundle budget). */
const KnowledgeSuggestions = lazy(async () => ({
  default: (await import('../knowledge/KnowledgeSuggestions')).KnowledgeSuggestions,
}));

/**
 * Hotline intake, built for the keyboard: the phone field has focus, Enter picks the caller, arrows choose among
 * radios, Tab moves on, Enter in the title or Ctrl+Enter anywhere records the ticket and opens it.
 */
export function TicketIntakePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<IntakeValues>();
  const { data: me } = useMe();
  const create = useCreateTicket();
  const options = useTicketOptions();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const type = Form.useWatch('type', form);
  const customerId = Form.useWatch('customerId', form);
  const typedTitle = Form.useWatch('title', form);
  const typedDescription = Form.useWatch('description', form);
  const categoryCode = Form.useWatch('categoryCode', form);
  // a project's staff take calls about their own project
  const ownUnit = me?.orgUnit.type === 'project' ? me.orgUnit.id : undefined;

  const onValuesChange = (changed: Partial<IntakeValues>) => {
    // another number is another caller
    if ('phone' in changed) form.setFieldValue('customerId', undefined);
  };

  const onFinish = (v: IntakeValues) =>
    create.mutate(intakeBody(v), {
      onSuccess: (ticket) => {
        message.success(t('tickets.intake.created', { number: ticket.number }));
        navigate(`/tickets/${ticket.id}`, { replace: true });
      },
      onError: (e) => {
        applyFieldErrors(form, e);
        message.error(errorText(e));
      },
    });

  return (
    <>
      <PageHeader
        title={t('tickets.intake.title')}
        extra={<Typography.Text type="secondary">{t('tickets.intake.keys')}</Typography.Text>}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card>
            <Form<IntakeValues>
              form={form}
              layout="vertical"
              autoComplete="off"
              initialValues={{
                type: 'repair',
                channel: 'hotline',
                priority: 'normal',
                major: false,
                orgUnitId: ownUnit,
              }}
              onValuesChange={onValuesChange}
              onFinish={onFinish}
              onKeyDown={submitOnCtrlEnter(() => form.submit())}
              scrollToFirstError={{ focus: true }}
              data-testid="intake-form"
            >
              <IntakeCaller form={form} />
              <Flex gap={16} wrap>
                <Form.Item name="type" label={t('tickets.type')} rules={[{ required: true }]}>
                  <Radio.Group
                    name={GROUPS.type}
                    optionType="button"
                    buttonStyle="solid"
                    options={options.types}
                    data-testid="intake-type"
                  />
                </Form.Item>
                <Form.Item name="channel" label={t('tickets.channel')} rules={[{ required: true }]}>
                  <Select style={{ width: 140 }} options={options.channels} data-testid="intake-channel" />
                </Form.Item>
              </Flex>
              {/* no clear buttons here: in antd 6 they are Tab stops, and these two fields are passed by Tab */}
              <Flex gap={16} wrap>
                {type === 'repair' && (
                  <Form.Item name="categoryCode" label={t('tickets.category')} style={{ flex: '1 1 240px' }}>
                    <CategorySelect allowClear={false} testId="intake-category" />
                  </Form.Item>
                )}
                {hasRoom(type) && (
                  <Form.Item name="room" label={t('tickets.room')} style={{ flex: '1 1 160px' }}>
                    <RoomSelect allowClear={false} testId="intake-room" />
                  </Form.Item>
                )}
              </Flex>
              <KpiFormItems type={type} />
              <Form.Item
                name="title"
                label={t('tickets.titleField')}
                rules={[{ required: true, whitespace: true }, { max: 100 }]}
              >
                <Input placeholder={t('tickets.intake.titleHint')} data-testid="intake-title" />
              </Form.Item>
              <Form.Item name="description" label={t('tickets.description')} rules={[{ max: 4000 }]}>
                <Input.TextArea
                  rows={3}
                  placeholder={t('tickets.intake.descriptionHint')}
                  data-testid="intake-description"
                />
              </Form.Item>
              <Flex gap={16} wrap align="end">
                <Form.Item name="priority" label={t('tickets.priority')}>
                  <Radio.Group
                    name="intake-priority"
                    optionType="button"
                    options={options.priorities}
                    data-testid="intake-priority"
                  />
                </Form.Item>
                <Form.Item name="major" valuePropName="checked">
                  <Checkbox data-testid="intake-major">{t('tickets.intake.major')}</Checkbox>
                </Form.Item>
              </Flex>
              <IntakeDuplicates form={form} />
              <Flex justify="end" gap={8}>
                <Button onClick={() => navigate('/tickets')}>{t('common.cancel')}</Button>
                <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="intake-submit">
                  {t('tickets.intake.submit')}
                </Button>
              </Flex>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <div style={{ position: 'sticky', top: 16 }}>
            <CallerCard customerId={customerId} />
            <Suspense fallback={null}>
              <KnowledgeSuggestions title={typedTitle} description={typedDescription} category={categoryCode} />
            </Suspense>
          </div>
        </Col>
      </Row>
    </>
  );
}
