// Retention: plan (a dry run naming every note), review it as a table and a chart, then apply it
// through $batch with a live progress bar and a Cancel button, and read the report.
(function (Demo) {
  'use strict';
  const { h, fill, plural, formatBytes, formatDay, monthName, table, columnChart } = Demo;
  const $ = (id) => document.getElementById(id);

  Demo.createRetention = function createRetention({ omnichannel, onDeleted }) {
    const { retention } = omnichannel;
    const form = $('plan-form');
    const planStatus = $('plan-status');
    const applyButton = $('apply');
    const cancel = $('apply-cancel');
    const confirm = $('apply-confirm');
    const progress = $('apply-progress');
    const applyStatus = $('apply-status');
    let plan;
    let controller;

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      plan = undefined;
      $('plan-result').hidden = true;
      $('apply-card').hidden = true;
      fill($('apply-report'), []);
      const criteria = {
        // As typed: the SDK checks it (a whole number of days from 1) and refuses the rest.
        olderThanDays: Number(form.elements.days.value.trim() || NaN),
        include: [...form.querySelectorAll('input[name=include]:checked')].map((box) => box.value),
      };
      const made = await Demo.run(
        planStatus,
        event.submitter ?? form.querySelector('button'),
        'retention.plan',
        () => retention.plan(criteria, { correlationId: 'demo-retention-plan' }),
        (result) => describePlan(result),
      );
      if (!made) return;
      plan = made;
      if (plan.summary.count === 0) {
        planStatus.className = 'status empty';
        return;
      }
      renderPlan(plan);
    });

    function describePlan(result) {
      const { summary, criteria } = result;
      if (summary.count === 0)
        return `Nothing to delete: no conversation closed before ${formatDay(criteria.closedBefore)} has ${criteria.include.join(' or ')} left.`;
      return `${plural(summary.count, 'note')} (${formatBytes(summary.bytes)}) in ${plural(summary.conversations, 'conversation')} closed before ${formatDay(criteria.closedBefore)}.`;
    }

    function renderPlan(result) {
      const { summary } = result;
      fill($('plan-figures'), [
        figure('Notes to delete', summary.count.toLocaleString('en')),
        figure('Bytes freed', formatBytes(summary.bytes)),
        figure('Transcripts', `${summary.transcripts.count} · ${formatBytes(summary.transcripts.bytes)}`),
        figure('Attachments', `${summary.attachments.count} · ${formatBytes(summary.attachments.bytes)}`),
      ]);
      // Bytes by the month the conversations closed.
      const months = new Map();
      for (const conversation of result.conversations) {
        const month = conversation.closedOn.slice(0, 7);
        const totals = months.get(month) ?? { transcript: 0, attachment: 0 };
        for (const note of conversation.notes) totals[note.kind] += note.bytes;
        months.set(month, totals);
      }
      const keys = [...months.keys()].sort();
      $('plan-result').hidden = false;
      columnChart($('plan-chart'), {
        label: 'Bytes the plan deletes, by month closed',
        categories: keys.map(monthName),
        series: [
          { name: 'Transcripts', className: 's-transcripts', values: keys.map((key) => months.get(key).transcript) },
          { name: 'Attachments', className: 's-attachments', values: keys.map((key) => months.get(key).attachment) },
        ],
        format: formatBytes,
      });
      const bytesOf = (conversation, kind) =>
        conversation.notes.filter((note) => note.kind === kind).reduce((sum, note) => sum + note.bytes, 0);
      table(
        $('plan-table'),
        [
          { label: 'Closed', cell: (c) => formatDay(c.closedOn) },
          { label: 'Conversation', className: 'id', cell: (c) => h('a', { href: `#history/${c.id}` }, [c.id]) },
          { label: 'Notes', className: 'number', cell: (c) => String(c.notes.length) },
          { label: 'Transcripts', className: 'number', cell: (c) => formatBytes(bytesOf(c, 'transcript')) },
          { label: 'Attachments', className: 'number', cell: (c) => formatBytes(bytesOf(c, 'attachment')) },
        ],
        result.conversations,
      );
      confirm.checked = false;
      applyButton.disabled = true;
      applyButton.textContent = `Apply plan: delete ${plural(summary.count, 'note')}`;
      applyStatus.textContent = '';
      progress.hidden = true;
      $('apply-card').hidden = false;
    }

    function figure(label, value) {
      return h('div', { class: 'figure' }, [h('span', { class: 'figure-value' }, [value]), h('span', { class: 'figure-label' }, [label])]);
    }

    confirm.addEventListener('change', () => {
      applyButton.disabled = !confirm.checked || !plan || Boolean(controller);
    });

    applyButton.addEventListener('click', async () => {
      if (!plan) return;
      controller = new AbortController();
      applyButton.disabled = true;
      cancel.disabled = false;
      progress.hidden = false;
      progress.max = plan.summary.count;
      progress.value = 0;
      applyStatus.className = 'status';
      applyStatus.textContent = 'Deleting…';
      fill($('apply-report'), []);
      try {
        const report = await retention.apply(plan, {
          mode: 'batch',
          batchSize: 3,
          signal: controller.signal,
          correlationId: 'demo-retention-apply',
          onProgress: (p) => {
            progress.value = p.total - p.remaining;
            applyStatus.textContent =
              `${p.total - p.remaining} of ${p.total} notes handled: ${p.deleted} deleted, ${p.alreadyDeleted} already gone, ` +
              `${p.kept} kept, ${p.failed} failed · ${plural(p.requests, 'request')}`;
          },
        });
        renderReport(report);
        onDeleted?.();
      } catch (error) {
        applyStatus.className = 'status error';
        applyStatus.textContent = Demo.describeError(error);
        Demo.reportError('retention.apply', error);
      } finally {
        controller = undefined;
        cancel.disabled = true;
        applyButton.disabled = !confirm.checked;
      }
    });
    cancel.addEventListener('click', () => controller?.abort());

    function renderReport(report) {
      const interrupted = report.outcome === 'interrupted';
      applyStatus.className = interrupted ? 'status error' : 'status';
      applyStatus.textContent = interrupted
        ? `Stopped early (${report.interruption.code}: ${report.interruption.message}). Apply the plan again to delete what is left.`
        : `Done: ${plural(report.deleted.length, 'note')} deleted (${formatBytes(report.bytesDeleted)}), ${report.alreadyDeleted.length} already gone, in ${plural(report.requests, 'request')}.`;
      const sections = [
        h('div', { class: 'figures' }, [
          figure('Deleted', String(report.deleted.length)),
          figure('Already gone', String(report.alreadyDeleted.length)),
          figure('Kept (reopened)', String(report.kept.length)),
          figure('Failed', String(report.failed.length)),
          figure('Left to do', String(report.remaining.length)),
        ]),
      ];
      if (report.failed.length) {
        const failures = h('table', { class: 'responsive' });
        table(
          failures,
          [
            { label: 'Note', className: 'id', cell: (note) => note.id },
            { label: 'Kind', cell: (note) => note.kind },
            { label: 'Error', cell: (note) => `${note.code}${note.status ? ` (${note.status})` : ''}: ${note.message}` },
          ],
          report.failed,
        );
        sections.push(h('h4', {}, ['Could not be deleted']), h('div', { class: 'table-wrap' }, [failures]));
      }
      if (report.kept.length) {
        sections.push(
          h('h4', {}, ['Kept: their conversation reopened']),
          h(
            'ul',
            {},
            report.kept.map((note) => h('li', {}, [`${note.kind} ${note.id} of ${note.conversationId}`])),
          ),
        );
      }
      fill($('apply-report'), sections);
      if (!interrupted) {
        confirm.checked = false;
        applyButton.textContent = 'Plan applied';
      }
    }

    return {};
  };
})((window.Demo = window.Demo || {}));
