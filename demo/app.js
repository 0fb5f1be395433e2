// The demo's whole app: what a form script does with the SDK. Plain script, no build step.
(function () {
  'use strict';
  var sdk = window.OmnichannelSDK;
  var telemetry = document.getElementById('telemetry');
  var statusLine = document.getElementById('status');
  var rows = document.querySelector('#conversations tbody');
  var form = document.getElementById('filters');
  var FORMATTED = '@OData.Community.Display.V1.FormattedValue';

  function logEvent(event) {
    var item = document.createElement('li');
    item.className = event.type;
    item.textContent = [
      event.type,
      event.operation,
      event.status || event.errorCode || '',
      'correlation ' + event.correlationId,
      event.durationMs === undefined ? '' : event.durationMs + ' ms',
    ].join(' · ');
    telemetry.prepend(item);
  }

  function cell(text, className) {
    var td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (className) td.className = className;
    return td;
  }

  // Inside Dynamics 365 the SDK reads the org and the agent from Xrm; here the emulator's
  // WhoAmI names the signed-in agent.
  function signIn() {
    return fetch('/api/data/v9.2/WhoAmI', { headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.json();
      })
      .then(function (who) {
        return fetch('/api/data/v9.2/systemusers(' + who.UserId + ')?$select=fullname', { headers: { Accept: 'application/json' } })
          .then(function (response) {
            return response.json();
          })
          .then(function (user) {
            document.getElementById('agent').textContent = user.fullname + ' on ' + location.origin + ' (emulated org)';
            return sdk.createOmnichannel({ orgUrl: location.origin, agentId: who.UserId, onTelemetry: logEvent });
          });
      });
  }

  function input() {
    var statuses = Array.prototype.map.call(form.querySelectorAll('input[name=status]:checked'), function (box) {
      return Number(box.value);
    });
    var days = form.elements.days.value;
    var query = {
      attributes: ['msdyn_title', 'msdyn_channel', 'subject'],
      orderBy: [{ attributeName: 'createdon', descending: form.elements.order.value === 'desc' }],
    };
    if (statuses.length) query.status = statuses;
    if (days !== '') query.createdBeforeDays = Number(days);
    return query;
  }

  function render(conversations) {
    rows.replaceChildren.apply(
      rows,
      conversations.map(function (c) {
        var tr = document.createElement('tr');
        tr.append(
          cell(c.msdyn_title || c.subject),
          cell(c['msdyn_channel' + FORMATTED] || c.msdyn_channel),
          cell(c['statuscode' + FORMATTED] || c.statuscode),
          cell(c['createdon' + FORMATTED] || c.createdon),
          cell(c.msdyn_ocliveworkitemid, 'id'),
        );
        return tr;
      }),
    );
  }

  var refreshes = 0;
  signIn().then(
    function (omnichannel) {
      function refresh(event) {
        if (event) event.preventDefault();
        statusLine.className = '';
        statusLine.textContent = 'Loading…';
        // A caller-chosen correlation id, as Microsoft.Omnichannel.getConversations takes one.
        var correlationId = 'demo-refresh-' + ++refreshes;
        omnichannel.getConversations(input(), correlationId).then(
          function (conversations) {
            render(conversations);
            statusLine.textContent = conversations.length + ' conversations';
          },
          function (error) {
            statusLine.className = 'error';
            statusLine.textContent = error.code + ': ' + error.message;
          },
        );
      }
      form.addEventListener('submit', refresh);
      refresh();
    },
    function (error) {
      statusLine.className = 'error';
      statusLine.textContent = 'Could not sign in: ' + error.message;
    },
  );
})();
