import { Button, Checkbox, Toast } from 'antd-mobile';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { useClubJoinPlaces, useJoinClubPublic, useRequestJoinCode } from '../../api/club';
import { errorMessage } from '../../components/ErrorState';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { type PhoneCodeErrors, PhoneCodeFields, usePhoneCode } from '../../components/PhoneCodeFields';
import { TextField } from '../../components/TextField';

type Errors = PhoneCodeErrors & { name?: string; place?: string };

/**
 * The club's public sign-up for a visitor who is not signed in: mobile → SMS code → name, the city company or
 * project of interest and SMS consent; joining signs them in and opens their card.
 */
export function JoinClubPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const places = useClubJoinPlaces();
  const requestCode = useRequestJoinCode();
  const join = useJoinClubPublic();
  const [name, setName] = useState('');
  const [placeId, setPlaceId] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const visitor = usePhoneCode(requestCode, setErrors);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = visitor.check();
    if (!name.trim()) next.name = t('club.publicJoin.nameRequired');
    if (!placeId) next.place = t('club.publicJoin.placeRequired');
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    join.mutate(
      { ...visitor.value(), name: name.trim(), placeId, smsConsent: consent },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('club.publicJoin.done') });
          navigate('/club', { replace: true });
        },
        onError: (e) => {
          if (isApiError(e) && e.code === 'OWNER_CODE_INVALID') setErrors({ code: e.message });
          else setErrors({ form: errorMessage(e, t('common.networkError')) });
        },
      },
    );
  };

  const items = places.data?.items ?? [];
  const nameOf = new Map(items.map((p) => [p.id, p.name]));
  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch compact />
      </div>
      <header className="login-header">
        <h1>{t('club.publicJoin.title')}</h1>
        <p>{t('club.publicJoin.intro')}</p>
      </header>
      <form className="login-form" onSubmit={onSubmit} noValidate aria-label={t('club.publicJoin.title')}>
        <PhoneCodeFields state={visitor} errors={errors} testId="join" />
        <TextField
          label={t('club.publicJoin.name')}
          name="name"
          maxLength={20}
          placeholder={t('club.publicJoin.namePlaceholder')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
          data-testid="join-name"
        />
        <div className={`field${errors.place ? ' field-invalid' : ''}`}>
          <label className="field-label" htmlFor="join-place">
            {t('club.publicJoin.place')}
          </label>
          <select
            id="join-place"
            className="field-input"
            value={placeId}
            onChange={(e) => setPlaceId(e.target.value)}
            data-testid="join-place"
          >
            <option value="">—</option>
            {items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.type === 'project' && p.parentId ? `${nameOf.get(p.parentId) ?? ''} · ${p.name}` : p.name}
              </option>
            ))}
          </select>
          {errors.place && <p className="field-error">{errors.place}</p>}
        </div>
        <Checkbox checked={consent} onChange={setConsent} data-testid="join-consent">
          {t('club.publicJoin.consent')}
        </Checkbox>
        {errors.form && (
          <p className="form-error" role="alert" data-testid="join-error">
            {errors.form}
          </p>
        )}
        <Button type="submit" block color="primary" size="large" loading={join.isPending} data-testid="join-submit">
          {t('club.publicJoin.submit')}
        </Button>
        <p className="login-privacy">
          <Link to="/login">{t('club.publicJoin.toLogin')}</Link>
        </p>
      </form>
    </div>
  );
}
