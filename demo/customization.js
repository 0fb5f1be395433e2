// A customization, written the way a web resource for Dynamics 365 Omnichannel for Customer
// Service is: it knows Microsoft.Omnichannel and its org's Web API, nothing of the SDK or of this
// page. In the product the product defines Microsoft.Omnichannel; on the demo page
// OmnichannelSDK.install() did, before this script's tag was added. The same file runs in both.
//
// What it does: lists the agent's active conversations (getConversations), links a case to the
// chosen one (linkToConversation) and tells the customer (sendMessageToConversation).
(function () {
  'use strict';
  const omnichannel = window.Microsoft && window.Microsoft.Omnichannel;
  const clientUrl = window.Xrm ? window.Xrm.Utility.getGlobalContext().getClientUrl() : location.origin;
  const container = document.getElementById('customizations') || document.body;

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const panel = element('section', { class: 'card customization', 'aria-labelledby': 'followup-title' });
  const heading = element('h3', { id: 'followup-title' }, 'Case follow-up');
  const intro = element(
    'p',
    { class: 'hint' },
    'A customization (customization.js) that calls Microsoft.Omnichannel, as it would in the product.',
  );
  const find = element('button', { type: 'button', id: 'followup-find' }, 'Find my active conversations');
  const conversationLabel = element('label', { for: 'followup-conversation' }, 'Conversation');
  const conversationSelect = element('select', { id: 'followup-conversation' });
  const caseLabel = element('label', { for: 'followup-case' }, 'Case to link');
  const caseSelect = element('select', { id: 'followup-case' });
  const act = element('button', { type: 'button', id: 'followup-link', disabled: '' }, 'Link the case and tell the customer');
  const status = element('p', { id: 'followup-status', class: 'status', role: 'status' });
  const fields = element('div', { class: 'followup-fields' });
  fields.append(conversationLabel, conversationSelect, caseLabel, caseSelect);
  panel.append(heading, intro, find, fields, act, status);
  container.append(panel);

  function say(text, isError) {
    status.className = isError ? 'status error' : 'status';
    status.textContent = text;
  }

  function describe(error) {
    return error && error.message ? error.message : String(error);
  }

  if (!omnichannel) {
    say('Microsoft.Omnichannel is not available on this page.', true);
    find.disabled = true;
    return;
  }

  find.addEventListener('click', async () => {
    find.disabled = true;
    say('Looking…');
    try {
      const [conversations, cases] = await Promise.all([
        omnichannel.getConversations({ status: [2], attributes: ['msdyn_title'] }, 'customization-follow-up'),
        fetch(`${clientUrl}/api/data/v9.2/incidents?$select=title,ticketnumber&$filter=statecode eq 0`, {
          headers: { Accept: 'application/json' },
        }).then((response) => response.json()),
      ]);
      conversationSelect.replaceChildren(
        ...conversations.map((c) => element('option', { value: c.msdyn_ocliveworkitemid }, c.msdyn_title || c.msdyn_ocliveworkitemid)),
      );
      caseSelect.replaceChildren(
        ...cases.value.map((c) => {
          const option = element('option', { value: c.incidentid }, `${c.ticketnumber} · ${c.title}`);
          option.dataset.ticket = c.ticketnumber;
          return option;
        }),
      );
      act.disabled = conversations.length === 0 || cases.value.length === 0;
      say(conversations.length === 1 ? '1 active conversation.' : `${conversations.length} active conversations.`);
    } catch (error) {
      say(describe(error), true);
    } finally {
      find.disabled = false;
    }
  });

  act.addEventListener('click', async () => {
    const conversationId = conversationSelect.value;
    const caseOption = caseSelect.selectedOptions[0];
    if (!conversationId || !caseOption) return;
    act.disabled = true;
    say('Linking…');
    try {
      await omnichannel.linkToConversation('incident', caseOption.value, conversationId);
      await omnichannel.sendMessageToConversation(
        `I have linked your case ${caseOption.dataset.ticket} to our conversation.`,
        false,
        conversationId,
      );
      say(`Linked ${caseOption.textContent} to “${conversationSelect.selectedOptions[0].textContent}” and told the customer.`);
    } catch (error) {
      say(describe(error), true);
    } finally {
      act.disabled = false;
    }
  });
})();
