// History: one conversation told by omnichannel.records: its story as a timeline (sessions,
// participants, transfers, bots, skills, sentiment), its transcript, and its files (downloadable).
(function (Demo) {
  'use strict';
  const { h, fill, formatDate, formatDay, formatBytes, formatted, run, table, sparkline } = Demo;
  const $ = (id) => document.getElementById(id);

  /** Transcript control messages (who joined, who left) in words; their content is the service's XML. */
  const controlEvents = {
    addmember: 'A participant joined',
    deletemember: 'A participant left',
    threadupdate: 'The conversation was updated',
  };

  const roleNames = { primary: 'primary agent', consult: 'consulted', monitor: 'monitoring', preview: 'preview', other: 'participant' };

  Demo.createHistory = function createHistory({ omnichannel }) {
    const { records } = omnichannel;
    const select = $('history-select');
    const status = $('history-status');
    let generation = 0;

    /** Fills the picker with the org's conversations, newest first. */
    function listConversations() {
      return records
        .findConversations(
          { select: ['activityid', 'msdyn_title', 'subject', 'statuscode', 'createdon'] },
          { correlationId: 'demo-history-list' },
        )
        .then((conversations) => {
          const current = select.value;
          fill(
            select,
            conversations.map((c) =>
              h('option', { value: c.activityid }, [
                `${c.msdyn_title || c.subject || '(untitled)'} · ${formatted(c, 'statuscode')} · ${formatDay(c.createdon)}`,
              ]),
            ),
          );
          if (current) select.value = current;
        })
        .catch((error) => {
          status.className = 'status error';
          status.textContent = Demo.describeError(error);
          Demo.reportError('records.findConversations', error);
        });
    }

    async function show(conversationId) {
      await listConversations();
      if (!conversationId) {
        status.className = 'status';
        status.textContent = 'Choose a conversation to see its story, transcript and files.';
        $('history-body').hidden = true;
        return;
      }
      if (![...select.options].some((option) => option.value === conversationId)) {
        select.append(h('option', { value: conversationId }, [conversationId]));
      }
      select.value = conversationId;
      await load(conversationId);
    }

    async function load(conversationId) {
      const mine = ++generation;
      status.className = 'status';
      status.textContent = 'Loading…';
      const options = { correlationId: `demo-history-${mine}` };
      const [story, transcript, files] = await Promise.allSettled([
        records.getConversationStory(conversationId, options),
        records.getTranscript(conversationId, options),
        records.listAttachments(conversationId, options),
      ]);
      if (mine !== generation) return;
      $('history-body').hidden = false;
      const failed = [story, transcript, files].filter((outcome) => outcome.status === 'rejected');
      failed.forEach((outcome) => Demo.reportError('records', outcome.reason));
      status.className = failed.length ? 'status error' : 'status';
      status.textContent = failed.length ? failed.map((outcome) => Demo.describeError(outcome.reason)).join(' ') : '';
      renderStory(story.value);
      renderTranscript(transcript.status === 'fulfilled' ? transcript.value : undefined, transcript.status === 'rejected');
      renderFiles(files.value ?? []);
    }

    function renderStory(story) {
      const root = $('story');
      if (!story) return fill(root, [h('p', { class: 'empty' }, ['The story could not be read.'])]);
      const c = story.conversation;
      const skillNames = new Map(story.skills.map((skill) => [skill.id, skill.name ?? 'skill']));
      const facts = [
        ['Title', c.msdyn_title || c.subject],
        ['Status', formatted(c, 'statuscode')],
        ['Channel', formatted(c, 'msdyn_channel')],
        ['Queue', formatted(c, '_msdyn_cdsqueueid_value')],
        ['Agent', formatted(c, '_msdyn_activeagentid_value')],
        [
          'Customer',
          story.customer ? [story.customer.name, story.customer.email, story.customer.phone].filter(Boolean).join(' · ') : 'None',
        ],
        ['Case', story.case ? [story.case.ticketNumber, story.case.title, story.case.statusLabel].filter(Boolean).join(' · ') : 'None'],
        ['Transfers', String(c.msdyn_transfercount ?? 0)],
      ];

      // One timeline, oldest first: the conversation, its sessions (with their people and bots), its sentiment readings.
      const events = [{ at: c.createdon, kind: 'start', title: 'Conversation created', body: [] }];
      story.sessions.forEach((session, index) => {
        const body = [];
        if (session.transferredFrom)
          body.push(h('p', { class: 'transferred' }, [`Transferred from ${session.transferredFrom.agentName ?? 'another agent'}`]));
        if (session.participants.length) {
          body.push(
            h(
              'ul',
              { class: 'people' },
              session.participants.map((p) =>
                h('li', {}, [
                  h('strong', {}, [p.agentName ?? 'Unknown agent']),
                  ` · ${roleNames[p.role]}`,
                  p.assignReason ? ` (${p.assignReason})` : '',
                  p.joinedOn ? ` · joined ${formatDate(p.joinedOn)}` : '',
                  p.leftOn ? ` · left ${formatDate(p.leftOn)}` : '',
                ]),
              ),
            ),
          );
        }
        for (const bot of session.botSessions) {
          const details = [
            bot.outcomeLabel,
            bot.outcomeReasonLabel && `(${bot.outcomeReasonLabel})`,
            bot.topic && `topic “${bot.topic}”`,
            bot.csat && `CSAT ${bot.csat}`,
          ];
          body.push(h('p', { class: 'bot' }, [h('strong', {}, [bot.botName ?? 'Bot']), ` · ${details.filter(Boolean).join(' ')}`]));
        }
        if (session.skillIds.length) {
          body.push(
            h('p', { class: 'skills' }, [
              'Skills: ',
              ...session.skillIds.map((id) => h('span', { class: 'chip' }, [skillNames.get(id) ?? 'skill'])),
            ]),
          );
        }
        const closed = session.closedOn
          ? `closed ${formatDate(session.closedOn)}${session.closureReasonLabel ? ` (${session.closureReasonLabel})` : ''}`
          : 'open';
        events.push({
          at: session.createdOn,
          kind: session.transferredFrom ? 'transfer' : 'session',
          title: `Session ${index + 1}${session.queueName ? ` · ${session.queueName}` : ''} · ${closed}`,
          body,
        });
      });
      for (const reading of story.sentiment) {
        events.push({
          at: reading.at,
          kind: 'sentiment',
          title: `Sentiment: ${reading.zone ?? 'reading'}${reading.pulse !== undefined ? `, pulse ${reading.pulse}` : ''}`,
          body: [],
        });
      }
      if (c.msdyn_closedon) events.push({ at: c.msdyn_closedon, kind: 'end', title: 'Conversation closed', body: [] });
      events.sort((a, b) => String(a.at ?? '').localeCompare(String(b.at ?? '')));

      const pulses = story.sentiment.map((reading) => reading.pulse).filter((pulse) => typeof pulse === 'number');
      fill(root, [
        h(
          'dl',
          { class: 'facts' },
          facts.map(([name, value]) => h('div', {}, [h('dt', {}, [name]), h('dd', {}, [value || '—'])])),
        ),
        story.skills.length
          ? h('p', { class: 'skills' }, [
              'Skills needed: ',
              ...story.skills.map((skill) =>
                h('span', { class: 'chip' }, [[skill.name, skill.rating, skill.source].filter(Boolean).join(' · ')]),
              ),
            ])
          : null,
        pulses.length
          ? h('div', { class: 'pulse' }, [
              h('span', {}, ['Sentiment pulse (0–100)']),
              sparkline({ label: 'Sentiment pulse over time', points: pulses, min: 0, max: 100 }),
            ])
          : null,
        h(
          'ol',
          { class: 'timeline', 'aria-label': 'Timeline' },
          events.map((event) =>
            h('li', { class: event.kind }, [
              h('time', { datetime: event.at }, [formatDate(event.at)]),
              h('p', { class: 'event-title' }, [event.title]),
              ...event.body,
            ]),
          ),
        ),
      ]);
    }

    function renderTranscript(transcript, failed) {
      const list = $('transcript');
      const empty = $('transcript-empty');
      if (!transcript) {
        fill(list, []);
        empty.hidden = false;
        empty.textContent = failed
          ? 'The transcript could not be read.'
          : 'No transcript: the conversation is still open, or none was kept.';
        return;
      }
      empty.hidden = true;
      const items = [
        ...transcript.messages.map((message) => ({ time: message.time, message })),
        ...transcript.controlMessages.map((control) => ({ time: control.time, control })),
      ].sort((a, b) => String(a.time).localeCompare(String(b.time)));
      fill(
        list,
        items.map(({ message, control }) =>
          control
            ? h('li', { class: 'message control' }, [
                h('p', {}, [
                  controlEvents[control.event.toLowerCase()] ?? `Event: ${control.event}`,
                  ' · ',
                  h('time', { datetime: control.time }, [formatDate(control.time)]),
                ]),
              ])
            : h('li', { class: `message ${message.sender.kind}${message.visibility === 'private' ? ' private' : ''}` }, [
                h('span', { class: 'who' }, [
                  message.sender.displayName || message.sender.kind,
                  message.visibility === 'private' ? h('span', { class: 'chip' }, ['internal']) : null,
                  h('time', { datetime: message.time }, [formatDate(message.time)]),
                ]),
                message.text ? h('p', {}, [message.text]) : null,
                ...message.files.map((file) =>
                  file.noteId
                    ? h('button', { type: 'button', class: 'file', onclick: (event) => downloadFile(event.currentTarget, file.noteId) }, [
                        `Download ${file.name}`,
                      ])
                    : h('p', { class: 'file' }, [file.name]),
                ),
              ]),
        ),
      );
    }

    function renderFiles(files) {
      $('files-empty').hidden = files.length > 0;
      if (!files.length) return fill($('files'), []);
      table($('files'), fileColumns, files);
    }

    const fileColumns = [
      { label: 'File', cell: (file) => file.fileName || '(no name)' },
      { label: 'Type', cell: (file) => file.mimeType },
      { label: 'Size', cell: (file) => formatBytes(file.size) },
      { label: 'Sent', cell: (file) => formatDate(file.createdOn) },
      {
        label: 'Download',
        className: 'actions',
        cell: (file) =>
          h(
            'button',
            {
              type: 'button',
              'aria-label': `Download ${file.fileName}`,
              onclick: (event) => downloadFile(event.currentTarget, file.noteId),
            },
            ['Download'],
          ),
      },
    ];

    function downloadFile(button, noteId) {
      return run(
        $('files-status'),
        button,
        'records.downloadAttachment',
        () => records.downloadAttachment(noteId, { correlationId: 'demo-download' }),
        (file) => {
          Demo.download(file.fileName || 'attachment', file.blob() ?? new Blob([file.bytes], { type: file.mimeType }));
          return `Downloaded ${file.fileName} (${formatBytes(file.size)}).`;
        },
      );
    }

    $('history-pick').addEventListener('submit', (event) => {
      event.preventDefault();
      if (select.value) location.hash = `#history/${select.value}`;
    });

    return { show };
  };
})((window.Demo = window.Demo || {}));
