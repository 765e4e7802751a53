import { usePasswordCost } from '../src/platform/auth/secrets.js';

// Every test process hashes passwords at the test cost (see secrets.ts); secrets.test.ts checks the production one.
usePasswordCost('test');
