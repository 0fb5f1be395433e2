// omnichannel-sdk/globals: types `Microsoft.Omnichannel` on the page, which @types/xrm does not.
// Opt in with `import type {} from 'omnichannel-sdk/globals'`, a triple-slash
// `/// <reference types="omnichannel-sdk/globals" />`, or `"types": ["omnichannel-sdk/globals"]`.
// A namespace, so it merges with any other declaration of `Microsoft` (Microsoft.Apm typings).
import type { MicrosoftOmnichannel } from 'omnichannel-sdk';

declare global {
  namespace Microsoft {
    /** The agent-side Omnichannel API of Dynamics 365 Customer Service. */
    const Omnichannel: MicrosoftOmnichannel;
  }
  interface Window {
    /** The `Microsoft` namespace of the Customer Service workspace. */
    Microsoft: typeof Microsoft;
  }
}

export {};
