// Org: how much storage transcripts and attachments take, how the bots did (both aggregated by
// Dataverse, drawn as charts beside their tables), and a cancellable export of transcripts.
(function (Demo) {
  'use strict';
  const { h, fill, plural, formatBytes, isoDay, monthName, table, columnChart, barChart } = Demo;
  const $ = (id) => document.getElementById(id);

  /** Bot outcome labels as people read them, and their colours. */
  const outcomes = {
    resolved: ['Resolved by the bot', 'good'],
    escalated: ['Escalated to an agent', 'warn'],
    abandoned: ['Abandoned', 'bad'],
    none: ['No outcome', 'neutral'],
  };

  const dayMs = 86_400_000;
  const startOf = (day) => new Date(`${day}T00:00:00Z`);

  Demo.createOrg = function createOrg({ omnichannel }) {
    const { records } = omnichannel;
    let loaded = false;

    // ---- Storage ------------------------------------------------------------------------
    const storageForm = $('storage-form');
    const storageStatus = $('storage-status');

    async function loadStorage(event) {
      event?.preventDefault();
      const groupBy = storageForm.elements.groupBy.value;
      fill($('storage-chart'), []);
      fill($('storage-table'), []);
      const report = await Demo.run(storageStatus, storageForm.querySelector('button'), 'records.storageReport', () =>
        records.storageReport({ groupBy }, { correlationId: 'demo-storage' }),
      );
      if (!report) return;
      const { transcripts, attachments } = report.total;
      storageStatus.textContent =
        `${plural(transcripts.notes, 'transcript')} (${formatBytes(transcripts.bytes)}) and ` +
        `${plural(attachments.notes, 'attachment')} (${formatBytes(attachments.bytes)}) stored.`;
      if (report.groups.length === 0) {
        storageStatus.textContent = 'No transcripts or attachments are stored.';
        return;
      }
      const name = (group) => (groupBy === 'month' ? monthName(group.label) : group.label);
      columnChart($('storage-chart'), {
        label: `Bytes stored by ${groupBy}`,
        categories: report.groups.map(name),
        series: [
          { name: 'Transcripts', className: 's-transcripts', values: report.groups.map((group) => group.transcripts.bytes) },
          { name: 'Attachments', className: 's-attachments', values: report.groups.map((group) => group.attachments.bytes) },
        ],
        format: formatBytes,
      });
      const groupLabel = { month: 'Month', channel: 'Channel', queue: 'Queue' }[groupBy];
      table(
        $('storage-table'),
        [
          { label: groupLabel, cell: name },
          { label: 'Transcripts', className: 'number', cell: (group) => group.transcripts.notes.toLocaleString('en') },
          { label: 'Their size', className: 'number', cell: (group) => formatBytes(group.transcripts.bytes) },
          { label: 'Attachments', className: 'number', cell: (group) => group.attachments.notes.toLocaleString('en') },
          { label: 'Their size', className: 'number', cell: (group) => formatBytes(group.attachments.bytes) },
          { label: 'Total size', className: 'number', cell: (group) => formatBytes(group.transcripts.bytes + group.attachments.bytes) },
        ],
        report.groups,
      );
    }
    storageForm.addEventListener('submit', loadStorage);

    // ---- Bots ---------------------------------------------------------------------------
    const botsForm = $('bots-form');
    const botsStatus = $('bots-status');
    botsForm.elements.from.value = isoDay(-90);
    botsForm.elements.to.value = isoDay(1);

    async function loadBots(event) {
      event?.preventDefault();
      const input = { from: botsForm.elements.from.value, to: botsForm.elements.to.value };
      fill($('bot-figures'), []);
      fill($('bots-chart'), []);
      fill($('csat-chart'), []);
      fill($('bots-table'), []);
      const summary = await Demo.run(botsStatus, botsForm.querySelector('button'), 'records.botSessionSummary', () =>
        records.botSessionSummary(input, { correlationId: 'demo-bots' }),
      );
      if (!summary) return;
      if (summary.sessions === 0) {
        botsStatus.textContent = 'No bot sessions in this period.';
        return;
      }
      botsStatus.textContent = '';
      const share = (value) => (value === undefined ? '—' : `${Math.round(value * 100)}%`);
      fill($('bot-figures'), [
        figure('Bot sessions', summary.sessions.toLocaleString('en')),
        figure('Escalated to an agent', `${summary.escalatedToAgent} (${share(summary.escalatedToAgent / summary.sessions)})`),
        figure('Customer engaged', share(summary.engaged.share)),
        figure(
          'Average CSAT',
          summary.csat.average === undefined ? '—' : `${summary.csat.average.toFixed(1)} of 5 (${summary.csat.rated} rated)`,
        ),
      ]);
      barChart($('bots-chart'), {
        label: 'Bot sessions by outcome',
        items: summary.outcomes.map((outcome) => ({
          label: outcomes[outcome.label]?.[0] ?? outcome.label ?? 'Unknown',
          value: outcome.sessions,
          className: `o-${outcomes[outcome.label]?.[1] ?? 'neutral'}`,
        })),
        format: String,
      });
      barChart($('csat-chart'), {
        label: 'Rated bot sessions by CSAT score',
        items: [5, 4, 3, 2, 1].map((score) => ({
          label: `${score} ${'★'.repeat(score)}`,
          value: summary.csat.distribution[score] ?? 0,
          className: 'o-csat',
        })),
        format: String,
      });
      const rows = summary.outcomes.flatMap((outcome) => outcome.reasons.map((reason) => ({ outcome, reason })));
      table(
        $('bots-table'),
        [
          { label: 'Outcome', cell: (row) => outcomes[row.outcome.label]?.[0] ?? row.outcome.label ?? 'Unknown' },
          { label: 'Reason', cell: (row) => row.reason.label ?? '—' },
          { label: 'Sessions', className: 'number', cell: (row) => String(row.reason.sessions) },
        ],
        rows,
      );
    }
    botsForm.addEventListener('submit', loadBots);

    function figure(label, value) {
      return h('div', { class: 'figure' }, [h('span', { class: 'figure-value' }, [value]), h('span', { class: 'figure-label' }, [label])]);
    }

    // ---- Export: long work with progress and a Cancel button ----------------------------
    const exportForm = $('export-form');
    const exportStatus = $('export-status');
    const progress = $('export-progress');
    const cancel = $('export-cancel');
    let controller;
    exportForm.elements.from.value = isoDay(-30);
    exportForm.elements.to.value = isoDay(0);

    exportForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const submit = exportForm.querySelector('button[type=submit]');
      controller = new AbortController();
      submit.disabled = true;
      cancel.disabled = false;
      progress.hidden = false;
      progress.removeAttribute('value');
      exportStatus.className = 'status';
      exportStatus.textContent = 'Counting the conversations…';
      const transcripts = [];
      try {
        const from = startOf(exportForm.elements.from.value);
        const to = new Date(startOf(exportForm.elements.to.value).getTime() + dayMs);
        // 5 conversations a page: a small org still shows several steps of progress.
        for await (const transcript of records.exportTranscripts({
          closedFrom: from,
          closedTo: to,
          pageSize: 5,
          signal: controller.signal,
          correlationId: 'demo-export',
          onProgress: ({ done, total, exported }) => {
            if (total !== undefined) {
              progress.max = Math.max(1, total);
              progress.value = done;
            }
            exportStatus.textContent = `${done} of ${total ?? '?'} conversations read, ${plural(exported, 'transcript')} exported…`;
          },
        })) {
          transcripts.push(transcript);
        }
        progress.value = progress.max;
        exportStatus.textContent = `Exported ${plural(transcripts.length, 'transcript')}.`;
        if (transcripts.length) {
          exportStatus.append(' ', h('button', { type: 'button', onclick: () => saveExport(transcripts) }, ['Save as JSON']));
        }
      } catch (error) {
        exportStatus.className = Demo.isAbort(error) ? 'status' : 'status error';
        exportStatus.textContent = Demo.isAbort(error)
          ? `Cancelled after ${plural(transcripts.length, 'transcript')}: nothing more was read.`
          : Demo.describeError(error);
        Demo.reportError('records.exportTranscripts', error);
      } finally {
        submit.disabled = false;
        cancel.disabled = true;
        controller = undefined;
      }
    });
    cancel.addEventListener('click', () => controller?.abort());

    function saveExport(transcripts) {
      Demo.download('transcripts.json', new Blob([JSON.stringify(transcripts, null, 2)], { type: 'application/json' }));
    }

    return {
      show() {
        if (loaded) return;
        loaded = true;
        void loadStorage();
        void loadBots();
      },
      /** The org changed (retention deleted notes): read the figures again next time. */
      invalidate() {
        loaded = false;
      },
    };
  };
})((window.Demo = window.Demo || {}));
