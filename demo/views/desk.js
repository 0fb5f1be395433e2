// The desk: what the focused session shows. Home lists the agent's conversations
// (getConversations); a conversation session shows its chat, the send box bound to the
// session's draft, and the records linked to it (linkToConversation, unlinkFromConversation).
(function (Demo) {
  'use strict';
  const { h, fill, plural, formatDate, formatTime, formatted, statusLabels, sentimentChip, run, table } = Demo;
  const $ = (id) => document.getElementById(id);

  /** Who wrote a message, when the chat service gives no name. */
  const roleNames = { customer: 'Customer', agent: 'You', bot: 'Bot', system: 'System' };

  Demo.createDesk = function createDesk({ omnichannel, channel, lookups }) {
    const workspace = omnichannel.workspace;
    const home = $('home');
    const view = $('conversation');
    const thread = $('thread');
    const sendBox = $('send-box');
    const sendStatus = $('send-status');
    const linksStatus = $('links-status');
    let shownSessionId;
    let shownConversationId;
    /** What the shown conversation links to now: `{ customer: { table, id, name }, case: { id, name } }`. */
    let linked = {};

    // ---- Home: the agent's conversations ------------------------------------------------
    const filters = $('filters');
    const listStatus = $('list-status');
    const list = $('conversations');
    let generation = 0;

    function filterInput() {
      const statuses = [...filters.querySelectorAll('input[name=status]:checked')].map((box) => Number(box.value));
      const days = filters.elements.days.value.trim();
      const input = {
        attributes: ['msdyn_title', 'subject', 'msdyn_channel', 'statuscode', 'statecode', 'createdon'],
        orderBy: [{ attributeName: 'createdon', descending: filters.elements.order.value === 'desc' }],
      };
      if (statuses.length) input.status = statuses;
      // Given to the SDK as typed: it checks the input (a whole number of days ≥ 0) and refuses the rest.
      if (days !== '') input.createdBeforeDays = Number(days);
      return input;
    }

    async function refreshList(event) {
      event?.preventDefault();
      const mine = ++generation;
      // A new query's rows replace the old ones, and an error never sits above an earlier query's rows.
      fill(list, []);
      listStatus.className = 'status';
      listStatus.textContent = 'Loading…';
      try {
        const conversations = await omnichannel.getConversations(filterInput(), `demo-list-${mine}`);
        if (mine !== generation) return;
        if (conversations.length === 0) {
          listStatus.className = 'status empty';
          listStatus.textContent = 'No conversations match these filters. Tick more statuses, or clear “Created within”.';
          return;
        }
        listStatus.textContent = plural(conversations.length, 'conversation');
        table(list, listColumns, conversations);
      } catch (error) {
        if (mine !== generation) return;
        listStatus.className = 'status error';
        listStatus.textContent = Demo.describeError(error);
        Demo.reportError('getConversations', error);
      }
    }

    const listColumns = [
      { label: 'Title', className: 'title', cell: (c) => c.msdyn_title || c.subject || '(untitled)' },
      { label: 'Channel', cell: (c) => formatted(c, 'msdyn_channel') ?? '—' },
      {
        label: 'Status',
        cell: (c) => h('span', { class: `chip status-${c.statuscode}` }, [formatted(c, 'statuscode') ?? statusLabels[c.statuscode]]),
      },
      { label: 'Created', cell: (c) => formatDate(c.createdon) },
      { label: 'Conversation id', className: 'id', cell: (c) => c.msdyn_ocliveworkitemid },
      {
        label: 'Actions',
        className: 'actions',
        cell: (c) => {
          const id = c.msdyn_ocliveworkitemid;
          const title = c.msdyn_title || c.subject || 'conversation';
          return [
            c.statecode === 0
              ? h('button', { type: 'button', 'aria-label': `Open ${title}`, onclick: () => openSession(id) }, ['Open'])
              : null,
            h('a', { href: `#history/${id}`, 'aria-label': `History of ${title}` }, ['History']),
          ];
        },
      },
    ];

    async function openSession(conversationId) {
      try {
        await omnichannel.openConversation(conversationId, undefined, undefined, { correlationId: 'demo-open' });
      } catch (error) {
        listStatus.className = 'status error';
        listStatus.textContent = Demo.describeError(error);
        Demo.reportError('openConversation', error);
      }
    }

    filters.addEventListener('submit', refreshList);

    // ---- A conversation session ----------------------------------------------------------
    function render() {
      const session = workspace.focused;
      if (session.kind === 'home') {
        view.hidden = true;
        home.hidden = false;
        if (shownSessionId !== 'home') void refreshList();
        shownSessionId = 'home';
        shownConversationId = undefined;
        return;
      }
      home.hidden = true;
      view.hidden = false;
      if (session.id !== shownSessionId) {
        shownSessionId = session.id;
        shownConversationId = session.conversationId;
        $('conversation-title').textContent = session.title;
        sendBox.value = session.draft;
        sendStatus.textContent = '';
        linksStatus.textContent = '';
        linked = {};
        $('conversation-history').href = shownConversationId ? `#history/${shownConversationId}` : '#history';
        renderThread(true);
        void loadLinks();
      }
      renderMeta(session);
    }

    let details;
    function renderMeta(session) {
      const parts = [];
      if (details) {
        parts.push(h('span', { class: `chip status-${details.statuscode}` }, [formatted(details, 'statuscode') ?? '']));
        const channelName = formatted(details, 'msdyn_channel');
        if (channelName) parts.push(h('span', { class: 'chip' }, [channelName]));
      }
      if (session.sentiment !== undefined)
        parts.push(h('span', { class: 'sentiment-label' }, ['Sentiment ', sentimentChip(session.sentiment)]));
      if (session.persistent) parts.push(h('span', { class: 'chip' }, ['Persistent chat']));
      if (session.conversationId) parts.push(h('code', { class: 'id' }, [session.conversationId]));
      fill($('conversation-meta'), parts);
    }

    function renderThread(jump) {
      const messages = shownConversationId ? channel.thread(shownConversationId) : [];
      const atBottom = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 40;
      fill(
        thread,
        messages.map((message) =>
          h('li', { class: `message ${message.from}` }, [
            h('span', { class: 'who' }, [
              message.from === 'agent' ? 'You' : (message.sender ?? roleNames[message.from] ?? message.from),
              h('time', { datetime: message.at }, [formatTime(message.at)]),
            ]),
            h('p', {}, [message.text]),
          ]),
        ),
      );
      $('thread-empty').hidden = messages.length > 0;
      if (jump || atBottom) thread.scrollTop = thread.scrollHeight;
    }

    async function loadLinks() {
      const conversationId = shownConversationId;
      details = undefined;
      renderLinks();
      if (!conversationId) return;
      try {
        const record = await omnichannel.records.getConversation(
          conversationId,
          { expand: ['customer', 'case'] },
          { correlationId: 'demo-links' },
        );
        if (conversationId !== shownConversationId) return;
        details = record;
        const contact = record.msdyn_customer_msdyn_ocliveworkitem_contact;
        const account = record.msdyn_customer_msdyn_ocliveworkitem_account;
        const incident = record.msdyn_IssueId_msdyn_ocliveworkitem;
        linked = {
          customer: record._msdyn_customer_value
            ? {
                table: record['_msdyn_customer_value@Microsoft.Dynamics.CRM.lookuplogicalname'] ?? (contact ? 'contact' : 'account'),
                id: record._msdyn_customer_value,
                name: contact?.fullname ?? account?.name ?? formatted(record, '_msdyn_customer_value'),
              }
            : undefined,
          case: record._msdyn_issueid_value
            ? { id: record._msdyn_issueid_value, name: [incident?.ticketnumber, incident?.title].filter(Boolean).join(' · ') }
            : undefined,
        };
        renderLinks();
        renderMeta(workspace.focused);
      } catch (error) {
        linksStatus.className = 'status error';
        linksStatus.textContent = Demo.describeError(error);
        Demo.reportError('records.getConversation', error);
      }
    }

    function renderLinks() {
      $('linked-customer').textContent = linked.customer ? `${linked.customer.name} (${linked.customer.table})` : details ? 'None' : '…';
      $('linked-case').textContent = linked.case ? linked.case.name : details ? 'None' : '…';
      $('unlink-customer').disabled = !linked.customer;
      $('unlink-case').disabled = !linked.case;
    }

    function linkedSummary(result, name) {
      const replaced = result.replaced ? ` It replaces the ${result.replaced.entityLogicalName} linked before.` : '';
      return `Linked ${name}.${replaced}`;
    }

    $('link-customer').addEventListener('submit', (event) => {
      event.preventDefault();
      const [table, id] = $('customer-select').value.split(':');
      const name = $('customer-select').selectedOptions[0]?.textContent;
      void run(
        linksStatus,
        event.submitter,
        'linkToConversation',
        () => omnichannel.linkToConversation(table, id),
        (result) => linkedSummary(result, name),
      ).then(loadLinks);
    });
    $('link-case').addEventListener('submit', (event) => {
      event.preventDefault();
      const name = $('case-select').selectedOptions[0]?.textContent;
      void run(
        linksStatus,
        event.submitter,
        'linkToConversation',
        () => omnichannel.linkToConversation('incident', $('case-select').value),
        (result) => linkedSummary(result, name),
      ).then(loadLinks);
    });
    $('unlink-customer').addEventListener('click', (event) => {
      const { table, id, name } = linked.customer;
      void run(
        linksStatus,
        event.currentTarget,
        'unlinkFromConversation',
        () => omnichannel.unlinkFromConversation(table, id),
        () => `Unlinked ${name}.`,
      ).then(loadLinks);
    });
    $('unlink-case').addEventListener('click', (event) => {
      const { id, name } = linked.case;
      void run(
        linksStatus,
        event.currentTarget,
        'unlinkFromConversation',
        () => omnichannel.unlinkFromConversation('incident', id),
        () => `Unlinked ${name}.`,
      ).then(loadLinks);
    });
    $('conversation-refresh').addEventListener('click', () => void loadLinks());

    // The send box is the session's draft: typing keeps it in the workspace, so it survives a switch.
    sendBox.addEventListener('input', () => {
      if (shownSessionId && shownSessionId !== 'home') workspace.setDraft(shownSessionId, sendBox.value);
    });
    sendBox.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        $('send-form').requestSubmit();
      }
    });
    $('send-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const sessionId = shownSessionId;
      const text = sendBox.value;
      void run(
        sendStatus,
        event.submitter ?? $('send-form').querySelector('button'),
        'sendMessageToConversation',
        () => omnichannel.sendMessageToConversation(text, false),
        () => '',
      ).then((sent) => {
        if (!sent || !workspace.sessions.some((session) => session.id === sessionId)) return;
        workspace.setDraft(sessionId, '');
        if (sessionId === shownSessionId) {
          sendBox.value = '';
          sendBox.focus();
        }
      });
    });

    // Lookups for the link selects: the org's contacts, accounts and cases.
    lookups.then(({ contacts, accounts, incidents }) => {
      const [contactGroup, accountGroup] = $('customer-select').querySelectorAll('optgroup');
      fill(
        contactGroup,
        contacts.map((c) => h('option', { value: `contact:${c.contactid}` }, [c.fullname])),
      );
      fill(
        accountGroup,
        accounts.map((a) => h('option', { value: `account:${a.accountid}` }, [a.name])),
      );
      $('case-select').append(...incidents.map((i) => h('option', { value: i.incidentid }, [`${i.ticketnumber} · ${i.title}`])));
    });

    workspace.on('focused', render);
    workspace.on('updated', ({ session }) => {
      if (session.id !== shownSessionId) return;
      if (session.title !== $('conversation-title').textContent) $('conversation-title').textContent = session.title;
      if (session.draft !== sendBox.value && document.activeElement !== sendBox) sendBox.value = session.draft;
      renderMeta(session);
    });
    channel.watch((conversationId) => {
      if (conversationId === shownConversationId) renderThread(false);
    });

    return {
      render,
      refreshList,
      /** Reads the shown conversation's links again (after a write made elsewhere, e.g. by a customization). */
      refreshLinks: () => void loadLinks(),
    };
  };
})((window.Demo = window.Demo || {}));
