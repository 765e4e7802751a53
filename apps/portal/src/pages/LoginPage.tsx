import { Button } from 'antd-mobile';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useRequestLoginCode, useVerifyLoginCode } from '../api/auth';
import { isApiError } from '../api/client';
import { errorMessage } from '../components/ErrorState';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { type PhoneCodeErrors, PhoneCodeFields, usePhoneCode } from '../components/PhoneCodeFields';

/** Only paths inside the portal are followed after login (no open redirect). */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const requestCode = useRequestLoginCode();
  const verify = useVerifyLoginCode();
  const [errors, setErrors] = useState<PhoneCodeErrors>({});
  const login = usePhoneCode(requestCode, setErrors);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = login.check();
    setErrors(next);
    if (next.phone || next.code || next.form) return;
    verify.mutate(login.value(), {
      onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }),
      onError: (e) => {
        if (isApiError(e) && e.code === 'OWNER_CODE_INVALID') setErrors({ code: e.message });
        else setErrors({ form: errorMessage(e, t('common.networkError')) });
      },
    });
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch compact />
      </div>
      <header className="login-header">
        <h1>{t('app.name')}</h1>
        <p>{t('login.subtitle')}</p>
      </header>
      <form className="login-form" onSubmit={onSubmit} noValidate aria-label={t('login.title')}>
        <PhoneCodeFields state={login} errors={errors} testId="login" />
        {errors.form && (
          <p className="form-error" role="alert" data-testid="login-error">
            {errors.form}
          </p>
        )}
        <Button type="submit" block color="primary" size="large" loading={verify.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
        <p className="login-privacy">{t('login.privacy')}</p>
        <p className="login-privacy">
          <Link to="/join" data-testid="login-join-club">
            {t('club.publicJoin.entry')}
          </Link>
        </p>
      </form>
    </div>
  );
}
