// Runs the store conformance suite against every store selected by ROSTER_TEST_STORES.
import { storeConformanceCases } from './store.cases.js';
import { testStores } from '../helpers/test-stores.js';

for (const [name, factory] of testStores()) storeConformanceCases(name, factory);
