import { Button, Toast } from 'antd-mobile';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useRequestLoginCode, useVerifyLoginCode } from '../api/auth';
import { isApiError } from '../api/client';
import { errorMessage } from '../components/ErrorState';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { TextField } from '../components/TextField';
import { isLoginCode, isMobile, normalizeMobile } from '../lib/phone';

/** Counts down the seconds until another code may be requested. */
export function useCountdown(): [number, (seconds: number) => void] {
  const [left, setLeft] = useState(0);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearInterval(timer.current), []);
  const start = (seconds: number) => {
    window.clearInterval(timer.current);
    setLeft(seconds);
    timer.current = window.setInterval(() => {
      setLeft((s) => {
        if (s <= 1) window.clearInterval(timer.current);
        return Math.max(0, s - 1);
      });
    }, 1000);
  };
  return [left, start];
}

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
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [codeRequested, setCodeRequested] = useState(false);
  const [errors, setErrors] = useState<{ phone?: string; code?: string; form?: string }>({});
  const [countdown, startCountdown] = useCountdown();

  const phoneError = () =>
    !phone.trim() ? t('login.phoneRequired') : isMobile(phone) ? undefined : t('login.phoneInvalid');

  const onGetCode = () => {
    const error = phoneError();
    setErrors({ phone: error });
    if (error) return;
    requestCode.mutate(normalizeMobile(phone), {
      onSuccess: (res) => {
        setCodeRequested(true);
        startCountdown(res.resendAfterSeconds);
        Toast.show({ content: t('login.codeSent') });
      },
      onError: (e) => {
        const message = errorMessage(e, t('common.networkError'));
        // 429 OWNER_CODE_RATE_LIMITED: the server says how long to wait in its message
        if (isApiError(e) && e.code === 'VALIDATION_FAILED') setErrors({ phone: t('login.phoneInvalid') });
        else setErrors({ form: message });
      },
    });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = { phone: phoneError() };
    if (!code.trim()) next.code = t('login.codeRequired');
    else if (!isLoginCode(code)) next.code = t('login.codeInvalid');
    else if (!codeRequested) next.form = t('login.requestCodeFirst');
    setErrors(next);
    if (next.phone || next.code || next.form) return;
    verify.mutate(
      { phone: normalizeMobile(phone), code: code.trim() },
      {
        onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }),
        onError: (e) => {
          if (isApiError(e) && e.code === 'OWNER_CODE_INVALID') setErrors({ code: e.message });
          else setErrors({ form: errorMessage(e, t('common.networkError')) });
        },
      },
    );
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
        <TextField
          label={t('login.phone')}
          type="tel"
          inputMode="numeric"
          autoComplete="tel-national"
          name="phone"
          maxLength={20}
          placeholder={t('login.phonePlaceholder')}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={errors.phone}
          data-testid="login-phone"
        />
        <div className="login-code-row">
          <TextField
            label={t('login.code')}
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            name="code"
            maxLength={6}
            placeholder={t('login.codePlaceholder')}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
            error={errors.code}
            data-testid="login-code"
          />
          <Button
            className="login-code-button"
            color="primary"
            fill="outline"
            disabled={countdown > 0}
            loading={requestCode.isPending}
            onClick={onGetCode}
            data-testid="login-get-code"
          >
            {countdown > 0
              ? t('login.resendIn', { seconds: countdown })
              : codeRequested
                ? t('login.resend')
                : t('login.getCode')}
          </Button>
        </div>
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
