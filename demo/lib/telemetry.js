// The telemetry log: every event the SDK reports (`onTelemetry`), newest first, numbered in the
// order they happened (#1 is the first), each with all of its fields; and a line for what the
// SDK refused before sending anything (bad input makes no request, so no telemetry event).
(function (Demo) {
  'use strict';
  const { h, fill, plural } = Demo;

  /** The fields of a telemetry event in reading order; any other field follows them. */
  const fieldOrder = [
    'method',
    'url',
    'status',
    'attempt',
    'durationMs',
    'delayMs',
    'errorCode',
    'correlationId',
    'clientRequestId',
    'serviceRequestId',
  ];
  /** Kept on the page; older entries leave (their numbers stay with the newer ones). */
  const limit = 400;
  /** The live workspace's pollers (pollIncomingWork, records.pollSentiment): their routine requests are left out unless asked for. */
  const poll = /(^|\.)poll[A-Z]/;

  /**
   * The URL with its query decoded (`$select=a,b` rather than `%24select%3Da%2Cb`) and without this
   * page's origin (`/api/data/v9.2/msdyn_…`): the same request, easier to read. The whole URL is
   * the field's tooltip.
   */
  function readableUrl(url) {
    let text = url;
    try {
      text = decodeURIComponent(url);
    } catch {
      // Not percent-encoded text: shown as it is.
    }
    return text.startsWith(location.origin + '/') ? text.slice(location.origin.length) : text;
  }

  /** A field's value as the log shows it. */
  function field(name, value) {
    if (name === 'url') return h('dd', { title: String(value) }, [readableUrl(String(value))]);
    return h('dd', {}, [String(value)]);
  }

  Demo.createTelemetryLog = function createTelemetryLog(root) {
    const list = root.querySelector('#telemetry-list');
    const toggle = root.querySelector('#telemetry-toggle');
    const counter = root.querySelector('#telemetry-count');
    const logPolls = root.querySelector('#log-polls');
    const empty = root.querySelector('#telemetry-empty');
    let count = 0;

    function setOpen(open) {
      root.dataset.open = String(open);
      toggle.setAttribute('aria-expanded', String(open));
      root.querySelector('#telemetry-body').hidden = !open;
    }
    toggle.addEventListener('click', () => setOpen(root.dataset.open !== 'true'));
    setOpen(!window.matchMedia('(max-width: 900px)').matches);
    root.querySelector('#telemetry-clear').addEventListener('click', () => {
      fill(list, []);
      empty.hidden = false;
    });

    function add(kind, title, fields) {
      count++;
      counter.textContent = plural(count, 'entry', 'entries');
      const item = h('li', { value: count, class: `entry ${kind}` }, [
        h('div', { class: 'entry-head' }, [
          h('span', { class: 'kind' }, [kind]),
          h('span', { class: 'operation' }, [title]),
          h('time', { datetime: new Date().toISOString() }, [new Date().toLocaleTimeString('en-GB')]),
        ]),
        h(
          'dl',
          {},
          fields.map(([name, value]) => h('div', {}, [h('dt', {}, [name]), field(name, value)])),
        ),
      ]);
      list.prepend(item);
      empty.hidden = true;
      while (list.children.length > limit) list.lastElementChild.remove();
    }

    return {
      /** The client's `onTelemetry`. */
      event(event) {
        const routine = poll.test(event.operation) && (event.type === 'request' || (event.type === 'response' && event.status < 400));
        if (routine && !logPolls.checked) return;
        const names = [
          ...fieldOrder,
          ...Object.keys(event).filter((name) => !fieldOrder.includes(name) && name !== 'type' && name !== 'operation'),
        ];
        add(
          event.type,
          event.operation,
          names.filter((name) => event[name] !== undefined).map((name) => [name, event[name]]),
        );
      },

      /** A call the SDK refused before sending (InvalidInput, InvalidState…): no request, so no event. */
      rejected(operation, error) {
        const fields = [
          ['errorCode', error.code ?? 'Error'],
          ['field', error.field],
          ['message', error.message],
          ['correlationId', error.correlationId],
        ];
        add(
          'rejected',
          operation,
          fields.filter(([, value]) => value !== undefined),
        );
      },

      /** A line from the page itself (the fault injector, the chat channel). */
      note(operation, message) {
        add('note', operation, [['message', message]]);
      },

      open: () => setOpen(true),
    };
  };
})((window.Demo = window.Demo || {}));
