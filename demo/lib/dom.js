// Small helpers shared by the demo's scripts: building elements (text is always text, never
// HTML), formatting, and the option-set labels the page shows. Plain script, no build step.
(function (Demo) {
  'use strict';

  /** Properties set as properties, not attributes (so a form control shows them at once). */
  const properties = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'indeterminate']);

  /**
   * Builds an element. `attrs`: `class`, any attribute, `on<event>` listeners, and the
   * properties above; null, undefined and false leave one out. `children`: nodes, or strings and
   * numbers, which become text nodes: whatever a customer typed is shown as typed, never parsed.
   */
  function h(tag, attrs, children) {
    const element = tag.includes(':') ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
      else if (properties.has(name)) element[name] = value;
      else if (name === 'class') element.setAttribute('class', value);
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    append(element, children);
    return element;
  }

  function append(element, children) {
    for (const child of [].concat(children ?? [])) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) append(element, child);
      else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  /** An SVG element: svg('rect', { x: 1 }). */
  function svg(tag, attrs, children) {
    return h(`svg:${tag}`, attrs, children);
  }

  /** Replaces an element's children. */
  function fill(element, children) {
    element.replaceChildren();
    append(element, children);
    return element;
  }

  /** "1 conversation", "2 conversations". */
  function plural(count, one, many) {
    return `${count.toLocaleString('en')} ${count === 1 ? one : (many ?? `${one}s`)}`;
  }

  function formatBytes(bytes) {
    if (!Number.isFinite(bytes)) return '—';
    if (bytes < 1024) return `${bytes} B`;
    // 69.3 KB, and 100 KB rather than 100.0 KB.
    if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
    return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  }

  const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const timeFormat = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' });
  const dayFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

  function formatDate(iso) {
    const date = iso ? new Date(iso) : undefined;
    return date && !Number.isNaN(date.getTime()) ? dateFormat.format(date) : '—';
  }

  function formatTime(iso) {
    const date = iso ? new Date(iso) : undefined;
    return date && !Number.isNaN(date.getTime()) ? timeFormat.format(date) : '';
  }

  function formatDay(iso) {
    const date = iso ? new Date(iso) : undefined;
    return date && !Number.isNaN(date.getTime()) ? dayFormat.format(date) : '—';
  }

  /** "Nov 2026" for a month key `2026-11`. */
  function monthName(key) {
    const [year, month] = key.split('-').map(Number);
    if (!year || !month) return key;
    return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  }

  /** `YYYY-MM-DD` of a date `days` from today (for date inputs). */
  function isoDay(days) {
    return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  }

  /** `msdyn_ocliveworkitem.statuscode` labels (ConversationStatus). */
  const statusLabels = { 1: 'Open', 2: 'Active', 3: 'Waiting', 4: 'Closed', 5: 'Wrap-up', 6: 'Resolved', 7: 'Scheduled' };

  /** `msdyn_customersentimentlabel` labels (SentimentLabel), and how each is drawn. */
  const sentiments = {
    0: ['N/A', 'none'],
    7: ['Very negative', 'bad'],
    8: ['Negative', 'bad'],
    9: ['Slightly negative', 'poor'],
    10: ['Neutral', 'none'],
    11: ['Slightly positive', 'good'],
    12: ['Positive', 'good'],
    13: ['Very positive', 'good'],
  };

  /** A sentiment chip: its label, coloured by tone. */
  function sentimentChip(label) {
    const [text, tone] = sentiments[label] ?? ['Unknown', 'none'];
    return h('span', { class: `chip sentiment ${tone}` }, [text]);
  }

  const FORMATTED = '@OData.Community.Display.V1.FormattedValue';

  /** The formatted value of a column (`statuscode@OData.Community.Display.V1.FormattedValue`), else the raw one. */
  function formatted(record, column) {
    return record[column + FORMATTED] ?? record[column];
  }

  /** "InvalidInput: input.createdBeforeDays must be …" for an SDK error, the message otherwise. */
  function describeError(error) {
    if (window.OmnichannelSDK.isOmnichannelError(error)) return `${error.code}: ${error.message}`;
    return error instanceof Error ? error.message : String(error);
  }

  /** True for a call the caller cancelled (the SDK rejects `Aborted`). */
  function isAbort(error) {
    return window.OmnichannelSDK.isOmnichannelError(error) && error.code === 'Aborted';
  }

  /**
   * Shows the outcome of an action in a status element: `busy` while it runs (the button is
   * disabled meanwhile), then what `done` returns, or the error (and a log line when the SDK
   * refused the input, since no request, so no telemetry event, was made).
   */
  async function run(status, button, operation, work, done) {
    if (button) button.disabled = true;
    status.className = 'status';
    status.textContent = 'Working…';
    try {
      const result = await work();
      status.textContent = done ? done(result) : 'Done.';
      return result;
    } catch (error) {
      status.className = 'status error';
      status.textContent = describeError(error);
      Demo.reportError?.(operation, error);
      return undefined;
    } finally {
      if (button) button.disabled = false;
    }
  }

  /**
   * Fills a table: `columns` are `{ label, cell(row) → text or nodes, className? }`. Each cell
   * carries its column's label (`data-label`), which the phone layout shows beside the value
   * when rows become cards.
   */
  function table(element, columns, rows) {
    const head = h('thead', {}, [
      h(
        'tr',
        {},
        columns.map((column) => h('th', { scope: 'col', class: column.className }, [column.label])),
      ),
    ]);
    const body = h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          {},
          columns.map((column) => h('td', { class: column.className, 'data-label': column.label }, [column.cell(row)])),
        ),
      ),
    );
    return fill(element, [head, body]);
  }

  /** Offers bytes as a file download. */
  function download(fileName, blob) {
    const url = URL.createObjectURL(blob);
    const link = h('a', { href: url, download: fileName, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  Object.assign(Demo, {
    h,
    svg,
    fill,
    plural,
    formatBytes,
    formatDate,
    formatTime,
    formatDay,
    isoDay,
    monthName,
    statusLabels,
    sentiments,
    sentimentChip,
    formatted,
    describeError,
    isAbort,
    run,
    table,
    download,
  });
})((window.Demo = window.Demo || {}));
