import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);

/** "3 天后" / "in 3 days" for a deadline, in the given UI language. */
export function fromNow(iso: string, lang: string): string {
  return dayjs(iso)
    .locale(lang === 'en-US' ? 'en' : 'zh-cn')
    .fromNow();
}
