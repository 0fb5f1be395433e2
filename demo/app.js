// The agent desk: signs in to the emulated org, creates the client (the full script-tag bundle's
// createOmnichannel: the six methods and the workspace, plus records, retention and live),
// installs Microsoft.Omnichannel for customizations, renders the session panel, starts the live
// workspace and the chat channel, and switches between the views. Plain script, no build step.
//
// Page options, for a quick demo or a test: ?poll=<ms> (the live workspace's interval, default
// 2000, at least 1000) and ?chat=<ms> (the chat channel's, default 1500).
(function (Demo) {
  'use strict';
  const sdk = window.OmnichannelSDK;
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const interval = (name, fallback) => Math.max(100, Number(params.get(name)) || fallback);
  const webApiUrl = `${location.origin}/api/data/v9.2/`;
  const views = ['desk', 'history', 'org', 'retention'];
  const boot = $('boot');
  const log = Demo.createTelemetryLog($('telemetry'));

  /**
   * Puts in the log what the transport did not: a call refused before any request (bad input,
   * Home focused, another agent's conversation…), or cancelled. A failed request already has its
   * `failure` telemetry event.
   */
  Demo.reportError = function reportError(operation, error) {
    if (Demo.isAbort(error)) return log.note(operation, 'Cancelled (Aborted): nothing more was sent.');
    if (sdk.isOmnichannelError(error) && error.status !== undefined) return;
    log.rejected(operation, error);
  };

  async function getJson(path) {
    const response = await fetch(webApiUrl + path, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`${path.split('?')[0]} answered ${response.status} ${response.statusText}`);
    return response.json();
  }

  /**
   * The org's contacts, accounts and cases for the link selects. The SDK reads the Omnichannel
   * tables, not these, so the page asks the Web API itself, as a form script would with Xrm.WebApi.
   */
  function readLookups() {
    return Promise.all([
      getJson('contacts?$select=fullname&$orderby=fullname'),
      getJson('accounts?$select=name&$orderby=name'),
      getJson('incidents?$select=title,ticketnumber&$orderby=ticketnumber'),
    ]).then(([contacts, accounts, incidents]) => ({ contacts: contacts.value, accounts: accounts.value, incidents: incidents.value }));
  }

  async function start() {
    boot.textContent = 'Connecting to the emulated org…';
    // Inside Dynamics 365 the SDK reads the org and the agent from Xrm; here WhoAmI names the agent.
    const who = await getJson('WhoAmI');
    const agent = await getJson(`systemusers(${who.UserId})?$select=fullname`);
    $('agent').textContent = `${agent.fullname} · emulated org at ${location.host}`;

    const channel = Demo.createHttpChannel({
      webApiUrl,
      agentName: agent.fullname,
      intervalMs: interval('chat', 1500),
      onError: (error, delayMs) => log.note('chat channel', `${error.message}; trying again in ${delayMs / 1000} s`),
    });
    await channel.ready;

    let desk;
    const omnichannel = sdk.createOmnichannel({
      orgUrl: location.origin,
      agentId: who.UserId,
      host: 'builtin',
      messageChannel: channel,
      onTelemetry(event) {
        log.event(event);
        // A customization may link or unlink through Microsoft.Omnichannel: show the links again.
        if (event.type === 'response' && /^(link|unlink)/.test(event.operation) && event.method === 'PATCH') desk?.refreshLinks();
      },
    });
    // Microsoft.Omnichannel for customizations written against the product's API (customization.js),
    // backed by the desk's own client: the global and the desk act on the same sessions.
    sdk.install(omnichannel);

    OmnichannelUI.renderSessionPanel($('sessions'), omnichannel.workspace, {
      confirmClose: true,
      onError: (error) => Demo.reportError('session panel', error),
    });

    // The agent's Active conversations are open sessions when the desk starts, as in the product.
    const active = await omnichannel.getConversations(
      { status: [sdk.ConversationStatus.Active], attributes: ['msdyn_title'] },
      'demo-desk-start',
    );
    for (const conversation of active) {
      await omnichannel.openConversation(conversation.msdyn_ocliveworkitemid, undefined, undefined, { correlationId: 'demo-desk-start' });
    }
    omnichannel.workspace.focus('home');

    desk = Demo.createDesk({ omnichannel, channel, lookups: readLookups() });
    const history = Demo.createHistory({ omnichannel });
    const org = Demo.createOrg({ omnichannel });
    Demo.createRetention({ omnichannel, onDeleted: () => org.invalidate() });

    // New chats as notifications, sentiment of the open ones; customers' messages come through the channel.
    omnichannel.live.start({ intervalMs: interval('poll', 2000) });
    channel.start();

    let shown;
    function route() {
      const [name, argument] = location.hash.slice(1).split('/');
      const view = views.includes(name) ? name : 'desk';
      // Each view starts at its top (they share one scrolling column).
      if (view !== shown) {
        $('main').scrollTop = 0;
        window.scrollTo(0, 0);
        shown = view;
      }
      for (const section of document.querySelectorAll('.view')) section.hidden = section.dataset.view !== view;
      for (const link of document.querySelectorAll('.views a')) {
        if (link.getAttribute('href') === `#${view}`) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
      if (view === 'desk') desk.render();
      if (view === 'history') void history.show(argument);
      if (view === 'org') org.show();
    }
    window.addEventListener('hashchange', route);
    // Choosing a session in the panel (or accepting a chat) shows it.
    omnichannel.workspace.on('focused', () => {
      if (!location.hash.startsWith('#desk') && location.hash !== '') location.hash = '#desk';
    });
    route();
    boot.textContent = '';

    // Customizations run once Microsoft.Omnichannel exists, as the product loads web resources
    // after its API is ready: a plain <script> tag, added now.
    document.body.append(Demo.h('script', { src: 'customization.js' }));

    // For a look from the browser's console.
    window.demo = { omnichannel, channel };
  }

  // Fault injection: the emulated org answers 429 to the next three requests for the Omnichannel
  // tables (`url: 'msdyn_'`, so the chat channel's own polls are not the ones throttled).
  $('throttle').addEventListener('click', async (event) => {
    const button = event.currentTarget;
    const status = $('fault-status');
    button.disabled = true;
    try {
      const response = await fetch(`${webApiUrl}$emulator/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ fault: { kind: 'throttle', retryAfter: 2 }, times: 3, url: 'msdyn_' }),
      });
      if (!response.ok) throw new Error(`The emulator refused the fault (${response.status})`);
      status.textContent = 'Throttling the next 3 requests: watch for “retry” entries, each waiting 2 s (Retry-After).';
      log.note('fault injector', '429 Too Many Requests, Retry-After: 2, for the next 3 requests whose URL contains msdyn_');
    } catch (error) {
      status.textContent = error.message;
    } finally {
      button.disabled = false;
    }
  });

  start().catch((error) => {
    boot.className = 'status error';
    boot.textContent = `The desk could not start: ${Demo.describeError(error)}`;
    Demo.reportError('start', error);
  });
})((window.Demo = window.Demo || {}));
