import { Alert, App, Button, Flex, Form, type FormInstance, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAddNoteTo, useCaller, useOpenTicketsOfHome } from '../../api/tickets';
import { useErrorText } from '../../lib/errors';
import { callerWords, type IntakeValues, sameProblem } from './intake';
import { useTicketTitle } from './ticketTitle';

/**
 * Before another ticket is opened: the chosen home's open tickets about the same problem (a repair of the same
 * category, otherwise the same type), each with a one-click "add to it instead" that adds the caller's words as
 * a note the owner sees and opens that ticket. The agent may still create a new ticket.
 */
export function IntakeDuplicates({ form }: { form: FormInstance<IntakeValues> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const titleOf = useTicketTitle();
  const customerId = Form.useWatch('customerId', form);
  const unitId = Form.useWatch('unitId', form) || undefined;
  const type = Form.useWatch('type', form);
  const categoryCode = Form.useWatch('categoryCode', form);
  const open = useOpenTicketsOfHome(customerId ? unitId : undefined);
  const caller = useCaller(customerId);
  const addNote = useAddNoteTo();
  const home = caller.data?.homesDetail.find((h) => h.unitId === unitId);
  const duplicates = useMemo(
    () => (unitId ? sameProblem(open.data?.items ?? [], { type, categoryCode }) : []),
    [open.data, type, categoryCode, unitId],
  );
  if (duplicates.length === 0) return null;

  const addTo = (id: string, number: string) => {
    const body = callerWords(form.getFieldsValue(['title', 'description']));
    if (!body) {
      message.warning(t('intakeDuplicates.nothingToAdd'));
      return;
    }
    addNote.mutate(
      { id, body, visibility: 'customer' },
      {
        onSuccess: () => {
          message.success(t('intakeDuplicates.added', { number }));
          navigate(`/tickets/${id}`, { replace: true });
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };

  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="intake-duplicates"
      title={t('intakeDuplicates.title', { count: duplicates.length })}
      description={
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('intakeDuplicates.hint')}</Typography.Text>
          {duplicates.map((d) => (
            <Flex key={d.id} gap={8} align="center" wrap data-testid={`intake-duplicate-${d.number}`}>
              <Typography.Link onClick={() => navigate(`/tickets/${d.id}`)}>{d.number}</Typography.Link>
              <Typography.Text>{titleOf(d)}</Typography.Text>
              <Tag>{t(`enums.ticketStatus.${d.status}`)}</Tag>
              {home && (
                <Typography.Text type="secondary">
                  {home.projectName} {d.unitCode}
                </Typography.Text>
              )}
              <Button
                size="small"
                loading={addNote.isPending && addNote.variables?.id === d.id}
                onClick={() => addTo(d.id, d.number)}
                data-testid={`intake-add-to-${d.number}`}
              >
                {t('intakeDuplicates.addTo')}
              </Button>
            </Flex>
          ))}
        </Flex>
      }
    />
  );
}
