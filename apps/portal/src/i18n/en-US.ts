import { enUSBenefits } from './en-US.benefits';
import { enUSClub } from './en-US.club';
import { enUSDisclosure } from './en-US.disclosure';
import { enUSEnums } from './en-US.enums';
import { enUSEvents } from './en-US.events';
import { enUSHandover } from './en-US.handover';
import { enUSHome } from './en-US.home';
import { enUSHomeCare } from './en-US.homeCare';
import { enUSJourney } from './en-US.journey';
import { enUSOpenDays } from './en-US.openDays';
import { enUSRequests } from './en-US.requests';
import { enUSServices } from './en-US.services';
import { enUSSurveys } from './en-US.surveys';
import type { Messages } from './zh-CN';

/** Typed as the zh-CN shape: a missing or extra key fails the typecheck. */
export const enUS: Messages = {
  app: { name: 'Anju Owners' },
  common: {
    retry: 'Retry',
    loading: 'Loading…',
    loadMore: 'Load more',
    noMore: 'No more',
    loadFailed: 'Could not load',
    errorTitle: 'Something went wrong',
    networkError: 'The network is unavailable; check your connection and retry',
    ok: 'OK',
    cancel: 'Cancel',
    back: 'Back',
    submit: 'Submit',
    none: '—',
    colon: ': ',
    withNote: '{{text}} ({{note}})',
    notFound: 'Page not found',
    goHome: 'Go to home',
  },
  tabs: { home: 'Home', report: 'Report', requests: 'Requests', notices: 'Notices', me: 'Me' },
  login: {
    title: 'Owner sign-in',
    subtitle: 'Sign in with the mobile number you gave when buying',
    phone: 'Mobile',
    phonePlaceholder: 'Mobile number',
    phoneRequired: 'Enter your mobile number',
    phoneInvalid: 'Enter a valid 11-digit mobile number',
    getCode: 'Get code',
    resendIn: 'Resend in {{seconds}}s',
    resend: 'Resend',
    code: 'Code',
    codePlaceholder: '6-digit code',
    codeRequired: 'Enter the code',
    codeInvalid: 'The code has 6 digits',
    codeSent: 'Code sent; check your text messages',
    requestCodeFirst: 'Get a code first',
    submit: 'Sign in',
    privacy:
      'By signing in you agree that we process your mobile number under the Personal Information Protection Law, only to verify you and serve your home.',
  },
  me: {
    title: 'Me',
    phone: 'Mobile',
    homes: 'My homes',
    homesCount: '{{count}}',
    language: '语言 / Language',
    consents: 'Marketing messages',
    consentsNote:
      'Under the Personal Information Protection Law you may turn marketing messages on or off per channel at any time. Each change is recorded with its time; service notices (such as request updates) are not affected.',
    consentChangedAt: 'Updated {{time}}',
    consentNever: 'Not set',
    consentSaved: 'Saved',
    data: 'My personal information',
    dataExport: 'Request a copy of my data',
    dataExportHint: 'Customer service will verify your identity and send you a copy within the legal time limit.',
    dataExportConfirm: 'Request a copy of your personal information?',
    dataExportDone: 'Request submitted, number {{number}}',
    dataExportAlreadyOpen: 'You already have an open request, number {{number}}',
    logout: 'Sign out',
    logoutConfirm: 'Sign out now?',
  },
  ...enUSHome,
  ...enUSJourney,
  ...enUSHandover,
  ...enUSOpenDays,
  ...enUSEvents,
  ...enUSBenefits,
  ...enUSClub,
  ...enUSServices,
  ...enUSHomeCare,
  ...enUSDisclosure,
  ...enUSRequests,
  ...enUSSurveys,
  enums: enUSEnums,
};
