import type { UseMutationResult } from '@tanstack/react-query';
import { Button, Toast } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { isLoginCode, isMobile, normalizeMobile } from '../lib/phone';
import { errorMessage } from './ErrorState';
import { TextField } from './TextField';

export type PhoneCodeErrors = { phone?: string; code?: string; form?: string };

/** Counts down the seconds until another code may be requested. */
function useCountdown(): [number, (seconds: number) => void] {
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

/**
 * A mobile number and the SMS code sent to it, as the sign-in and the club's public join both ask for them: the
 * state, the checks (zh-CN / en messages) and the request of a code with its resend countdown.
 */
export function usePhoneCode(
  request: UseMutationResult<{ resendAfterSeconds: number }, Error, string>,
  setErrors: (errors: PhoneCodeErrors) => void,
) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [requested, setRequested] = useState(false);
  const [countdown, startCountdown] = useCountdown();

  const phoneError = () =>
    !phone.trim() ? t('login.phoneRequired') : isMobile(phone) ? undefined : t('login.phoneInvalid');

  const getCode = () => {
    const error = phoneError();
    setErrors({ phone: error });
    if (error) return;
    request.mutate(normalizeMobile(phone), {
      onSuccess: (res) => {
        setRequested(true);
        startCountdown(res.resendAfterSeconds);
        Toast.show({ content: t('login.codeSent') });
      },
      onError: (e) => {
        // 429 OWNER_CODE_RATE_LIMITED: the server says how long to wait in its message
        if (isApiError(e) && e.code === 'VALIDATION_FAILED') setErrors({ phone: t('login.phoneInvalid') });
        else setErrors({ form: errorMessage(e, t('common.networkError')) });
      },
    });
  };

  /** The errors of the number and the code as entered (none: ready to send). */
  const check = (): PhoneCodeErrors => {
    const errors: PhoneCodeErrors = { phone: phoneError() };
    if (!code.trim()) errors.code = t('login.codeRequired');
    else if (!isLoginCode(code)) errors.code = t('login.codeInvalid');
    else if (!requested) errors.form = t('login.requestCodeFirst');
    return errors;
  };

  return {
    phone,
    setPhone,
    code,
    setCode,
    requested,
    countdown,
    getCode,
    check,
    pending: request.isPending,
    /** What the server takes: the normalised number and the trimmed code. */
    value: () => ({ phone: normalizeMobile(phone), code: code.trim() }),
  };
}

/** The number field and the code field with its "get code" button; test ids start with `testId` (login, join). */
export function PhoneCodeFields({
  state,
  errors,
  testId,
}: {
  state: ReturnType<typeof usePhoneCode>;
  errors: PhoneCodeErrors;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('login.phone')}
        type="tel"
        inputMode="numeric"
        autoComplete="tel-national"
        name="phone"
        maxLength={20}
        placeholder={t('login.phonePlaceholder')}
        value={state.phone}
        onChange={(e) => state.setPhone(e.target.value)}
        error={errors.phone}
        data-testid={`${testId}-phone`}
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
          value={state.code}
          onChange={(e) => state.setCode(e.target.value.replace(/\D/g, ''))}
          error={errors.code}
          data-testid={`${testId}-code`}
        />
        <Button
          className="login-code-button"
          color="primary"
          fill="outline"
          disabled={state.countdown > 0}
          loading={state.pending}
          onClick={state.getCode}
          data-testid={`${testId}-get-code`}
        >
          {state.countdown > 0
            ? t('login.resendIn', { seconds: state.countdown })
            : state.requested
              ? t('login.resend')
              : t('login.getCode')}
        </Button>
      </div>
    </>
  );
}
