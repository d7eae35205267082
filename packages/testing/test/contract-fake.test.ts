import { createFakeProvider, describeProviderContract } from '../src/index.js';
import { fakeScenarios } from './fake-scenarios.js';

// Core's own provider contract run: the fake provider must pass every check.
describeProviderContract({
  name: 'fake provider',
  createProvider: ({ apiKey, transport }) => createFakeProvider({ apiKey, transport }),
  scenarios: fakeScenarios,
});
