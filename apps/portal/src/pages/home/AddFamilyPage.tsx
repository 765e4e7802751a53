import { FAMILY_RELATIONS } from '@anju/contracts';
import { Button, Checkbox, Selector, Toast } from 'antd-mobile';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useAddMyFamilyMember } from '../../api/homes';
import { errorMessage } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { FieldFrame, TextField } from '../../components/TextField';
import { isMobile, normalizeMobile } from '../../lib/phone';

type Relation = (typeof FAMILY_RELATIONS)[number];

interface Errors {
  name?: string;
  relation?: string;
  phone?: string;
  consent?: string;
  form?: string;
}

/** Registers a family member under a home; the owner must tick that the member agreed (PIPL). */
export function AddFamilyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { unitId = '' } = useParams();
  const add = useAddMyFamilyMember(unitId);
  const [name, setName] = useState('');
  const [relation, setRelation] = useState<Relation | undefined>();
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Errors>({});

  const validate = (): Errors => {
    const e: Errors = {};
    if (!name.trim()) e.name = t('family.nameRequired');
    else if (name.trim().length > 20) e.name = t('family.nameTooLong');
    if (!relation) e.relation = t('family.relationRequired');
    if (!phone.trim()) e.phone = t('family.phoneRequired');
    else if (!isMobile(phone)) e.phone = t('family.phoneInvalid');
    if (!consent) e.consent = t('family.consentRequired');
    return e;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length > 0 || !relation) return;
    add.mutate(
      {
        name: name.trim(),
        relation,
        phone: normalizeMobile(phone),
        consent: true,
      },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('family.added') });
          navigate(`/homes/${unitId}`, { replace: true });
        },
        onError: (err) => setErrors({ form: errorMessage(err, t('common.networkError')) }),
      },
    );
  };

  return (
    <div className="page page-detail">
      <PageNav title={t('family.add')} fallback={`/homes/${unitId}`} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('family.name')}
          placeholder={t('family.namePlaceholder')}
          value={name}
          maxLength={40}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
          data-testid="family-name"
        />
        <FieldFrame label={t('family.relation')} error={errors.relation}>
          <Selector
            columns={3}
            options={FAMILY_RELATIONS.map((r) => ({ label: t(`enums.relation.${r}`), value: r }))}
            value={relation ? [relation] : []}
            onChange={(v) => setRelation(v[0])}
            data-testid="family-relation"
          />
        </FieldFrame>
        <TextField
          label={t('family.phone')}
          type="tel"
          inputMode="numeric"
          placeholder={t('family.phonePlaceholder')}
          value={phone}
          maxLength={20}
          onChange={(e) => setPhone(e.target.value)}
          error={errors.phone}
          data-testid="family-phone"
        />
        <FieldFrame label="" error={errors.consent}>
          <Checkbox checked={consent} onChange={setConsent} data-testid="family-consent" className="consent-check">
            {t('family.consent')}
          </Checkbox>
        </FieldFrame>
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <Button type="submit" block size="large" color="primary" loading={add.isPending} data-testid="family-submit">
          {t('family.submit')}
        </Button>
      </form>
    </div>
  );
}
