/**
 * omnichannel-sdk/ui: the session panel, a small framework-free renderer of the agent
 * workspace (`omnichannel.workspace`) as the product's "Manage sessions" page describes it.
 * It imports nothing from the SDK at run time (only its types), so the script-tag bundle
 * `omnichannel-sdk-ui.iife.min.js` (global `OmnichannelUI`) works beside `OmnichannelSDK`
 * without a second copy of it.
 * @packageDocumentation
 */
export { renderSessionPanel, type SessionPanel, type SessionPanelOptions, type SessionPanelWorkspace } from './sessionPanel.js';
export { defaultSessionPanelLabels, type SessionPanelLabels } from './labels.js';
